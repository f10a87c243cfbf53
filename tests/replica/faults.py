"""Faults the replica can serve instead of a page: the hook for the reliability tests.

`server.faults.add(path, fault, times=n)` makes the next n requests for `path` (or all, with
`times=None`) answer through `fault(handler, resource)`, which writes whatever response it likes
(or misbehaves: sleeps, resets, truncates) through the handler.
"""

from __future__ import annotations

import io
import socket
import struct
import threading
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.replica.server import ReplicaHandler, Resource


class Fault(Protocol):
    """Takes over a response: write status, headers and body (or misbehave) via the handler."""

    def __call__(self, handler: ReplicaHandler, resource: Resource | None) -> None: ...


class FaultRegistry:
    """Per-path faults, each applied a number of times (None: until removed)."""

    def __init__(self, key: Callable[[str], str]) -> None:
        self._key = key  # how the server keys a path (decoded, NFC)
        self._lock = threading.Lock()
        self._faults: dict[str, list[tuple[Fault, int | None]]] = {}

    def add(self, path: str, fault: Fault, times: int | None = None) -> None:
        """Apply `fault` to requests for `path` (the next `times` ones, or all)."""
        with self._lock:
            self._faults.setdefault(self._key(path), []).append((fault, times))

    def clear(self, path: str | None = None) -> None:
        """Remove the faults of one path, or all."""
        with self._lock:
            if path is None:
                self._faults.clear()
            else:
                self._faults.pop(self._key(path), None)

    def take(self, path: str) -> Fault | None:
        """Return the fault for this request, counting it down."""
        with self._lock:
            queue = self._faults.get(path)
            if not queue:
                return None
            fault, times = queue[0]
            if times is not None:
                if times <= 1:
                    queue.pop(0)
                else:
                    queue[0] = (fault, times - 1)
            return fault


def status_fault(status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Fault:
    """Return a fault answering `status` with these headers and body (e.g. 503 + Retry-After)."""

    def fault(handler: ReplicaHandler, resource: Resource | None) -> None:
        handler.reply(status, body, {"Content-Type": "text/plain", **(headers or {})})

    return fault


def delay_fault(seconds: float) -> Fault:
    """Return a fault that answers normally, but only after `seconds` (a slow server)."""

    def fault(handler: ReplicaHandler, resource: Resource | None) -> None:
        time.sleep(seconds)
        handler.serve(resource)

    return fault


# --- misbehaving servers (the reliability suite) ---------------------------------------------
def _hang_up(handler: ReplicaHandler, *, reset: bool) -> None:
    """Close the connection now (a TCP reset when `reset`); the server's own flush goes nowhere."""
    sock = handler.connection
    if reset:  # SO_LINGER 0: close() sends RST instead of FIN
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    else:
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    handler.close_connection = True
    handler.wfile = io.BytesIO()


def reset_fault() -> Fault:
    """Return a fault that resets the connection before answering (a crashed upstream)."""

    def fault(handler: ReplicaHandler, resource: Resource | None) -> None:
        _hang_up(handler, reset=True)

    return fault


def truncated_fault(fraction: float = 0.5) -> Fault:
    """Return a fault that promises the whole page (Content-Length) and sends only a part."""

    def fault(handler: ReplicaHandler, resource: Resource | None) -> None:
        body = resource.body if resource else b"<html></html>" * 100
        handler.send_response(200)
        handler.send_header("Content-Type", resource.content_type if resource else "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: int(len(body) * fraction)])
        handler.wfile.flush()
        _hang_up(handler, reset=False)

    return fault


def body_fault(
    body: bytes | Callable[[bytes], bytes], headers: dict[str, str], status: int = 200
) -> Fault:
    """Return a fault answering with another body (or the page's, transformed) and headers."""

    def fault(handler: ReplicaHandler, resource: Resource | None) -> None:
        own = resource.body if resource else b""
        handler.reply(status, body(own) if callable(body) else body, headers)

    return fault


def redirect_fault(location: str, status: int = 302) -> Fault:
    """Return a fault that redirects to `location` (absolute, or a path on the replica)."""
    return status_fault(status, {"Location": location})
