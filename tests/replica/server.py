"""A loopback HTTP server for a replica of DW Kiswahili, with conditional GETs, faults and a log.

- Serves a `Site` (path → `Resource`) on 127.0.0.1 at a free port, one thread per request.
- ETag / Last-Modified with `If-None-Match` / `If-Modified-Since` → 304, like DW's CDN.
- `statuses[path] = 404` overrides a path's status; `faults.add(path, fault, times=n)` (faults.py) lets a
  test (and the reliability suite) take over the whole response for a path, n times or forever.
- `Resource(gzip=True)` is sent gzip-encoded (`Content-Encoding: gzip`) to a client that
  accepts it, as DW's CDN does; `Resource.gzipped()` gives exactly the bytes sent.
- It is also an HTTP proxy: run a crawler with `http_proxy`/`https_proxy` pointing here and
  every request for another host arrives here too (absolute-form GET, or CONNECT), is logged
  with its host and refused. So the log proves which URLs were fetched and that nothing left
  for another host.
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from tests.replica.faults import FaultRegistry

if TYPE_CHECKING:
    from datetime import datetime
    from typing import Self


@dataclass
class Resource:
    """One document of the site."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    last_modified: datetime | None = None
    etag: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False  # sent gzip-encoded to clients that accept it

    def gzipped(self) -> bytes:
        """Return the body as this server sends it gzip-encoded (deterministic: no mtime)."""
        return gzip.compress(self.body, compresslevel=6, mtime=0)


@dataclass(frozen=True)
class RequestRecord:
    """One request the server received."""

    method: str
    url: str  # absolute, with the host the client asked for
    path: str  # decoded path with query, as the site keys it
    headers: dict[str, str]
    status: int
    at: float


def site_key(target: str) -> str:
    """Return the key a request target or site path is stored under (decoded, NFC, no host)."""
    parts = urlsplit(target)
    path = unicodedata.normalize("NFC", unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path


def http_date(when: datetime) -> str:
    """Format an aware datetime as an HTTP date."""
    return format_datetime(when, usegmt=True)


class ReplicaHandler(BaseHTTPRequestHandler):
    """Serves the server's site; logs every request."""

    server: ReplicaServer
    protocol_version = "HTTP/1.1"
    key = "/"  # the site key of the request being served

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean: the request log is the record."""

    def reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        """Send a complete response (used by the server and by faults)."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self._status = status

    def _record(self, url: str, key: str) -> None:
        record = RequestRecord(
            self.command, url, key, dict(self.headers.items()), self._status, time.time()
        )
        self.server.record(record)

    def do_CONNECT(self) -> None:
        self.reply(403, b"this replica tunnels nowhere", {"Content-Type": "text/plain"})
        self._record(f"https://{self.path}", self.path)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._status = 0
        target = self.path
        if target.startswith(("http://", "https://")):
            url = target  # proxy form: the client meant this host
        else:
            url = f"http://{self.headers.get('Host', self.server.authority)}{target}"
        key = self.key = site_key(target)
        try:
            if urlsplit(url).netloc != self.server.authority:
                self.reply(502, b"off-replica request refused", {"Content-Type": "text/plain"})
                return
            if not self.server.admit():
                self.reply(503, b"replica request budget spent", {"Content-Type": "text/plain"})
                return
            resource = self.server.site.get(key)
            fault = self.server.faults.take(key)
            if fault is not None:
                fault(self, resource)
                return
            self.serve(resource)
        finally:
            self._record(url, key)

    def serve(self, resource: Resource | None) -> None:
        """Answer with the resource (status override, 304 for a matching conditional GET)."""
        status = self.server.statuses.get(self.key, resource.status if resource else 404)
        if resource is None or status != 200:
            self.reply(status, b"<html><body><h1>Not found</h1></body></html>", {})
            return
        headers = {"Content-Type": resource.content_type, **resource.headers}
        if resource.etag:
            headers["ETag"] = resource.etag
        if resource.last_modified:
            headers["Last-Modified"] = http_date(resource.last_modified)
        if self._not_modified(resource):
            self.reply(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"})
            return
        body = resource.body
        if resource.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = resource.gzipped()
            headers |= {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        self.reply(200, body, headers)

    def _not_modified(self, resource: Resource) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return resource.etag is not None and resource.etag in {
                tag.strip() for tag in if_none_match.split(",")
            }
        since = self.headers.get("If-Modified-Since")
        if since and resource.last_modified:
            try:
                return resource.last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False


class ReplicaServer(ThreadingHTTPServer):
    """The replica: `with ReplicaServer(site) as server: ... server.base_url ...`."""

    daemon_threads = True

    def __init__(
        self,
        site: dict[str, Resource],
        *,
        max_requests: int | None = None,
        lifetime: float | None = None,
    ) -> None:
        super().__init__(("127.0.0.1", 0), ReplicaHandler)
        self.site = site
        # Bounds for fault runs: past `max_requests` every request gets a 503, and after
        # `lifetime` seconds the server stops, whatever a misbehaving client keeps doing.
        self.max_requests = max_requests
        self.lifetime = lifetime
        self._served = 0
        self._timer: threading.Timer | None = None
        self.statuses: dict[str, int] = {}
        self.faults = FaultRegistry(site_key)
        self._log: list[RequestRecord] = []
        self._log_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def authority(self) -> str:
        """Return host:port of the server."""
        host, port = self.server_address[:2]
        return f"{host!s}:{port}"

    @property
    def base_url(self) -> str:
        """Return the origin to give the crawler as DW_BASE_URL."""
        return f"http://{self.authority}"

    def admit(self) -> bool:
        """Count a request; return False once the request budget is spent."""
        with self._log_lock:
            self._served += 1
            return self.max_requests is None or self._served <= self.max_requests

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet when a client hangs up (a timeout, a reset the faults provoke)."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    def record(self, record: RequestRecord) -> None:
        """Append to the request log."""
        with self._log_lock:
            self._log.append(record)

    def requests(self) -> list[RequestRecord]:
        """Return a copy of the request log."""
        with self._log_lock:
            return list(self._log)

    def clear_log(self) -> None:
        """Forget the requests logged so far."""
        with self._log_lock:
            self._log.clear()

    def set_status(self, path: str, status: int | None) -> None:
        """Answer `status` for a path from now on (None: back to normal)."""
        if status is None:
            self.statuses.pop(site_key(path), None)
        else:
            self.statuses[site_key(path)] = status

    def __enter__(self) -> Self:
        self._thread = threading.Thread(target=self.serve_forever, name="replica", daemon=True)
        self._thread.start()
        if self.lifetime is not None:
            self._timer = threading.Timer(self.lifetime, self.shutdown)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
