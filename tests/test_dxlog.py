"""dxpy.dxlog.DXLogHandler against real unix datagram sockets."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from dxpy.dxlog import DXLogHandler
from dxpy.exceptions import DXError


@pytest.fixture
def sockets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[socket.socket, socket.socket]]:
    socks = []
    for name, var in (("priority", "DX_LOG_PRIORITY_SOCKET"), ("bulk", "DX_LOG_BULK_SOCKET")):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(str(tmp_path / name))
        sock.settimeout(5)
        monkeypatch.setenv(var, str(tmp_path / name))
        socks.append(sock)
    yield socks[0], socks[1]
    for sock in socks:
        sock.close()


def _logger(handler: logging.Handler) -> logging.Logger:
    log = logging.getLogger("test_dxlog")
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG)
    log.propagate = False
    return log


def test_levels_reach_bulk_and_priority_sockets(sockets: tuple[socket.socket, socket.socket]) -> None:
    priority, bulk = sockets
    handler = DXLogHandler()
    log = _logger(handler)
    try:
        log.debug("d %d", 1)
        log.info("i")
        log.warning("w")
        log.error("e")
        log.info("CPU: 12% (4 cores)")
        log.critical("c")
        bulk_docs = [json.loads(bulk.recv(65536)) for _ in range(4)]
        prio_docs = [json.loads(priority.recv(65536)) for _ in range(2)]
    finally:
        handler.close()
    assert [(d["level"], d["msg"]) for d in bulk_docs] == [(7, "d 1"), (6, "i"), (4, "w"), (3, "e")]
    assert [(d["level"], d["msg"]) for d in prio_docs] == [(6, "CPU: 12% (4 cores)"), (2, "c")]
    assert all(d["source"] == "DX_APP" and isinstance(d["timestamp"], int) for d in bulk_docs + prio_docs)


def test_long_message_is_truncated(sockets: tuple[socket.socket, socket.socket]) -> None:
    _, bulk = sockets
    handler = DXLogHandler(source="mine")
    try:
        _logger(handler).warning("é" * 9000)
        doc = json.loads(bulk.recv(65536))
    finally:
        handler.close()
    assert doc["source"] == "mine"
    assert doc["msg"].endswith("... [truncated]")
    assert len(json.dumps(doc["msg"][: -len("... [truncated]")])) <= 8000
    short = "x" * 100
    assert handler.truncate_message(short) == short


def test_missing_socket_path_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DX_LOG_PRIORITY_SOCKET", raising=False)
    monkeypatch.delenv("DX_LOG_BULK_SOCKET", raising=False)
    with pytest.raises(DXError, match="/opt/dnanexus/log/priority"):
        DXLogHandler()
    with pytest.raises(DXError, match="nowhere"):
        DXLogHandler(str(tmp_path / "nowhere"), str(tmp_path / "nowhere2"))
