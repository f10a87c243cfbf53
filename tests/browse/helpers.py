"""Helpers for the browse tests: Datasette asked in-process, `dwcrawler serve` run, chromium."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Self

from dwcrawler.browse.app import make_datasette


def archive_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


class Browser:
    """Datasette's own ASGI client, one event loop for the whole test."""

    def __init__(self, url: str, *, images: bool = True, immutable: bool = False) -> None:
        self.datasette = make_datasette(archive_path(url), images=images, immutable=immutable)
        self.loop = asyncio.new_event_loop()

    def get(self, path: str, **params: Any) -> Any:
        return self.loop.run_until_complete(self.datasette.client.get(path, params=params))

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.loop.run_until_complete(self.datasette.client.post(path, **kwargs))

    def rows(self, path: str, **params: Any) -> list[dict[str, Any]]:
        response = self.get(path, _shape="array", **params)
        assert response.status_code == 200, response.text
        rows: list[dict[str, Any]] = response.json()
        return rows

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        for database in self.datasette.databases.values():
            database.close()
        self.loop.close()


DWCRAWLER = [sys.executable, "-c", "from dwcrawler.cli import main; raise SystemExit(main())"]
SERVING = re.compile(r"^Serving .* at (http://\S+/) ")


class Server:
    """`dwcrawler serve` in a child process on a free loopback port (`--port 0`)."""

    def __init__(self, database: str, *args: str) -> None:
        line = [*DWCRAWLER, "serve", "--port", "0", "--database", database, *args]
        self.process = subprocess.Popen(
            line, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        self.stderr = ""
        first = self.process.stdout.readline()  # printed once the socket listens
        found = SERVING.match(first)
        if found is None:
            self.stop()
            raise RuntimeError(f"dwcrawler serve did not start: {first!r} {self.stderr!r}")
        self.base_url = found.group(1)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base_url + path.lstrip("/"), timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def stop(self) -> int:
        """Stop it as Ctrl-C does; return its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            _, self.stderr = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, self.stderr = self.process.communicate()
        return self.process.returncode

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


CHROMIUM = Path("/usr/bin/chromium")  # Debian's packages: never a browser downloaded at run time
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
    # Every host but loopback resolves to nothing: no request leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


def chromium(profile: Path) -> Any:
    """Start headless chromium through chromedriver (Selenium), with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    return driver
