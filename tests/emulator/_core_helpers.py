"""Helpers shared by the emulator-core tests (raw HTTP with the standard library)."""

from __future__ import annotations

import http.client
import json
from typing import Any, Optional

from dxpy._retry import RetryPolicy


class Reply:
    """A raw HTTP reply: status, headers (lower-case names), body bytes."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


def raw(
    emu: Any,
    path: str,
    body: Any = b"{}",
    method: str = "POST",
    token: Optional[str] = None,
    headers: Optional[dict[str, str]] = None,
    scheme: str = "Bearer",
) -> Reply:
    """Send one request on a fresh connection and read the whole reply."""
    hdrs = {"Content-Type": "application/json"}
    if token is None:
        token = emu.token
    if token:
        hdrs["Authorization"] = f"{scheme} {token}"
    hdrs.update(headers or {})
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode("utf-8")
    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=30)
    try:
        conn.request(method, path, data, hdrs)
        resp = conn.getresponse()
        payload = resp.read()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, payload)
    finally:
        conn.close()


def no_sleep_policy() -> tuple[RetryPolicy, list]:
    """A retry policy that records the waits instead of sleeping."""
    sleeps: list = []
    return RetryPolicy(sleep=sleeps.append), sleeps
