"""The emulator's storage endpoints against a hostile client: no header injection through
the download URL's file name (issue: hardening, item 7)."""

from __future__ import annotations

import socket
import urllib.parse
from collections.abc import Iterator

import pytest

import dxpy
import dxpy.api
from dxpy.emulator import Emulator


@pytest.fixture
def closed_file(dx_emulator: Emulator) -> Iterator[str]:
    project = dx_emulator.call("project/new", {"name": "storage security"})["id"]
    restore = dx_emulator.configure_dxpy(project_id=project)
    try:
        handler = dxpy.upload_string("payload", project=project, name="plain.txt", wait_on_close=True)
        yield handler.get_id()
    finally:
        restore()
        dx_emulator.call(f"{project}/destroy", {"terminateJobs": True})


def _raw_get(url: str) -> bytes:
    """GET with a raw socket, so no client library cleans up what the server sends."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data.split(b"\r\n\r\n", 1)[0]


def _header_lines(head: bytes) -> list[bytes]:
    return head.split(b"\r\n")[1:]


def test_an_edited_file_name_in_the_url_cannot_add_headers(closed_file):
    url = dxpy.api.file_download(closed_file, {})["url"]
    base, _, _ = url.rpartition("/")
    hostile = base + "/x%0d%0aSet-Cookie:%20session=stolen%0d%0aX-Injected:%201"
    head = _raw_get(hostile)
    assert head.startswith(b"HTTP/1.1 200")
    names = [line.split(b":", 1)[0].lower() for line in _header_lines(head)]
    assert b"set-cookie" not in names and b"x-injected" not in names
    disposition = [line for line in _header_lines(head) if line.lower().startswith(b"content-disposition")]
    assert disposition == [b"Content-Disposition: attachment; filename=\"plain.txt\"; "
                           b"filename*=UTF-8''plain.txt"]


def test_a_file_name_with_line_breaks_given_to_download_is_encoded(closed_file):
    name = 'evil"\r\nSet-Cookie: a=b\r\n\u00e9.txt'
    url = dxpy.api.file_download(closed_file, {"filename": name})["url"]
    head = _raw_get(url)
    lines = _header_lines(head)
    assert not any(line.lower().startswith(b"set-cookie") for line in lines)
    disposition = [line for line in lines if line.lower().startswith(b"content-disposition")]
    assert disposition == [b"Content-Disposition: attachment; filename=\"evil___Set-Cookie: a=b___.txt\"; "
                           b"filename*=UTF-8''evil%22%0D%0ASet-Cookie%3A%20a%3Db%0D%0A%C3%A9.txt"]
