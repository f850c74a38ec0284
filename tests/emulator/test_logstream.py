"""``GET /job-xxxx/getLog/websocket``: a job's log over a WebSocket (what upstream's ``dx watch`` uses).

The client here is a few lines of RFC 6455 over a plain socket, so the framing, the handshake and
the close codes are checked byte by byte.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import struct
import threading
import time

import pytest

from dxpy.emulator import Emulator
from tests.emulator.test_runner import bash, launch, wait_state


@pytest.fixture
def emu(tmp_path):
    with Emulator(state_dir=str(tmp_path / "state")) as emulator:
        yield emulator


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        assert chunk, "the server closed the connection mid-frame"
        data += chunk
    return data


class Stream:
    """A WebSocket client session on one job's log stream."""

    def __init__(self, emu: Emulator, job_id: str) -> None:
        self.sock = socket.create_connection((emu.host, emu.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET /{job_id}/getLog/websocket HTTP/1.1\r\nHost: {emu.host}:{emu.port}\r\n"
             f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
             "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += _recv_exact(self.sock, 1)
        self.status_line, *lines = head.decode().split("\r\n")
        self.headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines if line)}
        digest = hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()
        self.expected_accept = base64.b64encode(digest).decode()

    def send(self, doc: dict) -> None:
        payload = json.dumps(doc).encode()
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        size = len(payload)
        head = struct.pack("!BB", 0x81, 0x80 | size) if size < 126 else struct.pack("!BBH", 0x81, 0xFE, size)
        self.sock.sendall(head + mask + masked)

    def frames(self) -> tuple[list[dict], int, str]:
        """Every text message up to the close frame, then the close code and reason."""
        messages = []
        while True:
            first, second = _recv_exact(self.sock, 2)
            assert second & 0x80 == 0, "server frames must not be masked"
            size = second & 0x7F
            if size == 126:
                size = struct.unpack("!H", _recv_exact(self.sock, 2))[0]
            elif size == 127:
                size = struct.unpack("!Q", _recv_exact(self.sock, 8))[0]
            payload = _recv_exact(self.sock, size)
            if first == 0x88:
                return messages, struct.unpack("!H", payload[:2])[0], payload[2:].decode()
            assert first == 0x81, hex(first)
            messages.append(json.loads(payload))


def finished_job(emu: Emulator, code: str) -> str:
    job = launch(emu, bash(code))
    assert wait_state(emu, job, {"done", "failed"})["state"] == "done"
    return job


def test_a_finished_job_streams_every_line_then_end_log_and_a_normal_close(emu: Emulator) -> None:
    job = finished_job(emu, "echo first-out\necho an-err >&2\necho second-out\n")
    stream = Stream(emu, job)
    assert stream.status_line.startswith("HTTP/1.1 101 ")
    assert stream.headers["upgrade"].lower() == "websocket"
    assert stream.headers["sec-websocket-accept"] == stream.expected_accept
    stream.send({"access_token": emu.token, "token_type": "Bearer", "tail": True})
    messages, code, reason = stream.frames()
    assert code == 1000 and reason == ""
    assert messages[-1]["msg"] == "END_LOG" and messages[-1]["source"] == "SYSTEM"
    lines = [(m["level"], m["msg"]) for m in messages[:-1]]
    assert ("STDOUT", "first-out") in lines and ("STDERR", "an-err") in lines
    assert lines.index(("STDOUT", "first-out")) < lines.index(("STDOUT", "second-out"))
    assert all(m["job"] == job and isinstance(m["timestamp"], int) for m in messages[:-1])
    assert [m["line"] for m in messages[:-1]] == sorted(m["line"] for m in messages[:-1])


def test_levels_and_recent_messages_filter_the_stream(emu: Emulator) -> None:
    job = finished_job(emu, "echo one\necho two\necho three\necho noise >&2\n")
    stream = Stream(emu, job)
    stream.send({"access_token": emu.token, "levels": ["STDOUT"]})
    messages, code, _ = stream.frames()
    assert code == 1000 and [m["msg"] for m in messages[:-1]] == ["one", "two", "three"]
    stream = Stream(emu, job)
    stream.send({"access_token": emu.token, "levels": ["STDOUT"], "numRecentMessages": 2})
    messages, _, _ = stream.frames()
    assert [m["msg"] for m in messages[:-1]][-2:] == ["two", "three"] and len(messages) <= 3


def test_tail_follows_a_running_job_until_it_is_done(emu: Emulator) -> None:
    job = launch(emu, bash("echo early\nsleep 1\necho late\n"))
    wait_state(emu, job, {"running"})
    stream = Stream(emu, job)
    stream.send({"access_token": emu.token, "tail": True})
    messages, code, _ = stream.frames()
    assert code == 1000 and emu.call(f"{job}/describe")["state"] == "done"
    assert [m["msg"] for m in messages if m["level"] == "STDOUT"] == ["early", "late"]


def test_without_tail_a_running_job_streams_what_it_has_and_ends(emu: Emulator) -> None:
    job = launch(emu, bash("echo early\nsleep 5\n"))
    wait_state(emu, job, {"running"})
    started = time.monotonic()
    stream = Stream(emu, job)
    stream.send({"access_token": emu.token, "tail": False})
    messages, code, _ = stream.frames()
    assert code == 1000 and messages[-1]["msg"] == "END_LOG" and time.monotonic() - started < 4
    emu.call(f"{job}/terminate")


def test_a_bad_token_closes_with_the_platform_error_as_reason(emu: Emulator) -> None:
    job = finished_job(emu, "echo secret\n")
    stream = Stream(emu, job)
    stream.send({"access_token": "not-a-token"})
    messages, code, reason = stream.frames()
    assert messages == [] and code == 4000
    assert json.loads(reason)["type"] == "InvalidAuthentication"


def test_another_users_job_is_not_streamed(emu: Emulator) -> None:
    job = finished_job(emu, "echo private\n")
    _, other_token = emu.new_user("mallory")
    stream = Stream(emu, job)
    stream.send({"access_token": other_token})
    messages, code, reason = stream.frames()
    assert messages == [] and code == 4000
    assert json.loads(reason)["type"] in {"PermissionDenied", "ResourceNotFound"}


def test_a_plain_get_without_upgrade_is_refused(emu: Emulator) -> None:
    import urllib.error
    import urllib.request

    job = finished_job(emu, "true\n")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{emu.url}/{job}/getLog/websocket", timeout=30)
    assert json.loads(caught.value.read())["error"]["type"] == "InvalidInput"


def test_a_stream_that_follows_ends_with_1001_when_the_server_stops(tmp_path) -> None:
    emulator = Emulator(state_dir=str(tmp_path / "state")).start()
    try:
        job = launch(emulator, bash("echo started\nsleep 30\n"))
        deadline = time.monotonic() + 30
        while not emulator.call(f"{job}/getLog")["logs"] and time.monotonic() < deadline:
            time.sleep(0.05)
        stream = Stream(emulator, job)
        stream.send({"access_token": emulator.token})
        result: list = []
        reader = threading.Thread(target=lambda: result.append(stream.frames()), daemon=True)
        reader.start()
        time.sleep(0.3)
    finally:
        emulator.stop()
    reader.join(10)
    assert result, "no close frame before the server went away"
    messages, code, reason = result[0]
    assert code == 1001 and reason == "Server restart, please reconnect later"
    assert [m["msg"] for m in messages] == ["started"]
