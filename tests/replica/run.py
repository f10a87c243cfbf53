"""Run the real `scrapy crawl dw_sw` as a subprocess against a replica, as cron would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
# Politeness is for DW; on loopback it only slows the tests down. The bench states the same.
LOOPBACK = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "RETRY_BACKOFF_BASE": "0.05",
    "DOWNLOAD_TIMEOUT": "20",
    "DW_PROGRESS_INTERVAL": "5",
    "DW_CONTACT_URL": "mailto:tests@example.org",
}


def command(
    base_url: str,
    *,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    proxy: str | None = None,
    env: dict[str, str] | None = None,
) -> tuple[list[str], dict[str, str]]:
    """Return the command line and environment of a `scrapy crawl dw_sw` run.

    `proxy` (the replica's own URL) routes every request the crawler makes, for any host,
    through the replica, whose log then shows anything that tried to leave.
    """
    line = [sys.executable, "-m", "scrapy", "crawl", "dw_sw"]
    for name, value in {**LOOPBACK, "DW_BASE_URL": base_url, **(settings or {})}.items():
        line += ["-s", f"{name}={value}"]
    for name, value in (args or {}).items():
        line += ["-a", f"{name}={value}"]
    full_env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    if proxy:
        full_env.update(http_proxy=proxy, https_proxy=proxy, HTTP_PROXY=proxy, HTTPS_PROXY=proxy)
    full_env.update(env or {})
    return line, full_env


def crawl(
    base_url: str, *, timeout: float = 120, **options: Any
) -> subprocess.CompletedProcess[str]:
    """Run `scrapy crawl dw_sw` with DW_BASE_URL=base_url to the end (see `command`)."""
    line, env = command(base_url, **options)
    return subprocess.run(
        line, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def start(base_url: str, log: Path, **options: Any) -> subprocess.Popen[bytes]:
    """Start `scrapy crawl dw_sw` in the background, its output going to `log`."""
    line, env = command(base_url, **options)
    with log.open("wb") as out:
        return subprocess.Popen(line, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
