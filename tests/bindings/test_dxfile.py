"""DXFile through the emulator: writing parts, closing, reading, seeking, URLs, faults."""

from __future__ import annotations

import hashlib
import io
import os
import random
import threading
import time
import urllib.request
from typing import Any

import _filehelp
import pytest

import dxpy
from dxpy.bindings import _transfer as transfer
from dxpy.bindings.dxfile import DXFile, DXFileModeError
from dxpy.bindings.dxfile_functions import new_dxfile, upload_string
from dxpy.emulator._protocol.faults import parse_fault_spec
from dxpy.exceptions import DXError, DXFileError, InvalidState, ResourceNotFound

small_project = _filehelp.small_project
no_sleep = _filehelp.no_sleep

PART = _filehelp.PART


def _faults(dx_emulator: Any, spec: str) -> None:
    dx_emulator.server.faults.add(parse_fault_spec(spec))


def _parts(handler: DXFile) -> dict:
    return handler.describe(fields={"parts": True})["parts"]


def _upload(data: bytes, **kwargs: Any) -> DXFile:
    handler = new_dxfile(write_buffer_size=PART, **kwargs)
    handler.write(data)
    handler.close(block=True)
    return handler


# -- writing --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, PART - 1, PART, 3 * PART, 3 * PART + 17])
def test_write_close_read_round_trip(small_project: str, size: int) -> None:
    data = os.urandom(size)
    handler = _upload(data)
    desc = handler.describe(fields={"parts": True, "size": True, "state": True})
    assert desc["state"] == "closed" and desc["size"] == size
    sizes = [desc["parts"][k]["size"] for k in sorted(desc["parts"], key=int)]
    expected = [PART] * (size // PART) + ([size % PART] if size % PART or size == 0 else [])
    assert sizes == expected
    for key, info in desc["parts"].items():
        offset = (int(key) - 1) * PART
        assert info["md5"] == hashlib.md5(data[offset:offset + info["size"]]).hexdigest()
    assert DXFile(handler.get_id(), mode="rb").read() == data


def test_many_small_writes_fill_parts_exactly(small_project: str) -> None:
    rng = random.Random(7)
    data = bytes(rng.getrandbits(8) for _ in range(5000))
    handler = new_dxfile(write_buffer_size=PART, mode="wb")
    pos = 0
    while pos < len(data):
        step = rng.randint(1, 700)
        handler.write(data[pos:pos + step])
        pos += step
    handler.close()
    assert [p["size"] for _, p in sorted(_parts(handler).items(), key=lambda kv: int(kv[0]))] == \
        [PART] * 4 + [5000 - 4 * PART]
    assert DXFile(handler.get_id(), mode="rb").read() == data


def test_write_accepts_str_bytearray_and_memoryview(small_project: str) -> None:
    handler = new_dxfile()
    handler.write("héllo ")
    handler.write(bytearray(b"big "))
    handler.write(memoryview(b"world"))
    handler.close()
    assert DXFile(handler.get_id()).read() == "héllo big world"


def test_part_size_follows_the_container_limits(dx_emulator: Any) -> None:
    params = {"minimumPartSize": 2000, "maximumPartSize": 3000, "maximumNumParts": 4,
              "maximumFileSize": 10000}
    project = dx_emulator.call("project/new", {"name": "limits", "fileUploadParameters": params})["id"]
    try:
        with dx_emulator.configure_dxpy(project_id=project):
            assert new_dxfile(write_buffer_size=10)._ensure_write_bufsize() == 2000
            assert new_dxfile(write_buffer_size=10 ** 6)._ensure_write_bufsize() == 3000
            assert new_dxfile(write_buffer_size=10, expected_file_size=9000)._ensure_write_bufsize() == 2250
            with pytest.raises(DXFileError, match="maximum file size"):
                new_dxfile(expected_file_size=10001)._ensure_write_bufsize()
    finally:
        dx_emulator.call(f"{project}/destroy", {})


@pytest.fixture
def uploads_in_flight(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Count the part uploads running at once: ``{"now": n, "peak": most at once}``."""
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}
    real = transfer.upload_part

    def counting(*args: Any, **kwargs: Any) -> str:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                state["now"] -= 1

    monkeypatch.setattr(transfer, "upload_part", counting)
    return state


def test_parts_upload_in_parallel_with_bounded_memory(small_project: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = transfer.upload_part
    lock = threading.Lock()
    state = {"now": 0, "peak": 0, "calls": 0}
    two_at_once = threading.Event()

    def gated(*args: Any, **kwargs: Any) -> str:
        # The first part does not finish until a second one is in flight with it: with
        # sequential uploads that never happens, the wait runs out and the peak stays 1.
        with lock:
            state["now"] += 1
            state["calls"] += 1
            state["peak"] = max(state["peak"], state["now"])
            first = state["calls"] == 1
            if state["now"] >= 2:
                two_at_once.set()
        try:
            if first:
                two_at_once.wait(timeout=30)
            return real(*args, **kwargs)
        finally:
            with lock:
                state["now"] -= 1

    monkeypatch.setattr(transfer, "upload_part", gated)
    data = os.urandom(40 * PART)
    handler = new_dxfile(write_buffer_size=PART)
    window_peaks = []
    for i in range(0, len(data), 3 * PART):
        handler.write(data[i:i + 3 * PART])
        if handler._window is not None:
            window_peaks.append(handler._window.pending())
    handler.close()
    assert DXFile(handler.get_id(), mode="rb").read() == data
    assert two_at_once.is_set(), "no second part was ever in flight with the first"
    assert 2 <= state["peak"] <= transfer.pool_size()
    assert 1 <= max(window_peaks) <= transfer.pool_size()


def test_large_parts_go_up_fewer_at_a_time(small_project: str, uploads_in_flight: dict,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    state = uploads_in_flight
    monkeypatch.setattr(transfer, "PARTS_MEMORY_BUDGET", 5 * PART)
    assert transfer.window_limit(PART) == min(5, transfer.pool_size())
    assert transfer.window_limit(3 * PART) == 1 and transfer.window_limit(100 * PART) == 1
    data = os.urandom(12 * PART)
    handler = new_dxfile(write_buffer_size=3 * PART)  # 4 parts of 3 KiB: one at a time within 5 KiB
    handler.write(data)
    assert handler._window is not None and handler._window.limit == 1
    handler.close()
    assert state["peak"] == 1
    assert DXFile(handler.get_id(), mode="rb").read() == data


def test_growing_parts_narrow_the_upload_window(dx_emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer, "PARTS_MEMORY_BUDGET", 4 * PART)
    params = {"minimumPartSize": PART, "maximumNumParts": 16, "maximumPartSize": 4 * PART}
    project = dx_emulator.call("project/new", {"name": "growing", "fileUploadParameters": params})["id"]
    try:
        with dx_emulator.configure_dxpy(project_id=project):
            data = os.urandom(20 * PART)  # parts of 1, 1, 2, 2, 4, 4... KiB
            handler = new_dxfile(write_buffer_size=PART)
            limits = []
            for i in range(0, len(data), PART):
                handler.write(data[i:i + PART])
                if handler._window is not None:
                    limits.append(handler._window.limit)
            handler.close()
            assert limits[0] == min(4, transfer.pool_size()) and limits[-1] == 1
            assert limits == sorted(limits, reverse=True)
            assert DXFile(handler.get_id(), mode="rb").read() == data
    finally:
        dx_emulator.call(f"{project}/destroy", {})


def test_mode_a_appends_parts_after_existing_ones(small_project: str) -> None:
    first = new_dxfile(write_buffer_size=PART)
    first.write(b"a" * PART)
    first.flush()
    with DXFile(first.get_id(), mode="a", write_buffer_size=PART) as more:
        more.write(b"b" * 10)
    assert sorted(_parts(first)) == ["1", "2"]
    assert first.describe()["state"] == "open", "mode 'a' leaves the file open"
    first.close()
    assert DXFile(first.get_id(), mode="rb").read() == b"a" * PART + b"b" * 10


def test_context_manager_closes_in_w_and_default_modes(small_project: str) -> None:
    with new_dxfile(mode="w") as w:
        w.write("x")
    with new_dxfile() as default:
        default.write("y")
    assert w.closed() and default.closed()


def test_exception_in_with_block_leaves_the_file_open(small_project: str) -> None:
    with pytest.raises(RuntimeError), new_dxfile(mode="w", write_buffer_size=PART) as handler:
        handler.write(b"z" * (PART + 5))
        raise RuntimeError("caller failed half way")
    assert handler.describe()["state"] == "open"


def test_bad_arguments_are_rejected() -> None:
    for mode in ("x", "rw", 3):
        with pytest.raises(DXFileModeError, match="mode"):
            DXFile(mode=mode)  # type: ignore[arg-type]
    assert issubclass(DXFileModeError, ValueError) and issubclass(DXFileModeError, DXError)
    with pytest.raises(DXFileError, match="write_buffer_size"):
        DXFile(write_buffer_size=0)
    with pytest.raises(DXError):
        DXFile().write(b"no ID")


def test_upload_part_reports_progress(small_project: str, capsys: pytest.CaptureFixture) -> None:
    handler = new_dxfile()
    calls: list = []
    handler.upload_part(b"second", index=2, report_progress_fn=lambda h, n: calls.append((h, n)))
    handler.upload_part("first-part-of-1k".ljust(PART, "."), index=1, display_progress=True)
    assert calls == [(handler, 6)]
    assert capsys.readouterr().err == "."
    handler.close()
    assert DXFile(handler.get_id()).read() == "first-part-of-1k".ljust(PART, ".") + "second"


def test_close_uploads_an_empty_part_only_when_there_are_none(small_project: str) -> None:
    empty = new_dxfile()
    empty.close()
    assert _parts(empty) == {"1": {"state": "complete", "size": 0, "md5": hashlib.md5(b"").hexdigest()}}
    other = new_dxfile()
    other.upload_part(b"x", index=1)
    DXFile(other.get_id()).close()  # a second handler that uploaded nothing itself
    assert _parts(other)["1"]["size"] == 1


def test_empty_file_where_empty_parts_are_not_allowed(dx_emulator: Any) -> None:
    params = {"minimumPartSize": 1, "emptyLastPartAllowed": False}
    project = dx_emulator.call("project/new", {"name": "azure-like", "fileUploadParameters": params})["id"]
    try:
        with dx_emulator.configure_dxpy(project_id=project):
            handler = upload_string("", wait_on_close=True)
            assert _parts(handler) == {}
            assert DXFile(handler.get_id(), mode="rb").read() == b""
    finally:
        dx_emulator.call(f"{project}/destroy", {})


def test_close_block_polls_until_closed(small_project: str, dx_emulator: Any) -> None:
    dx_emulator.server.config.extra["file_close_delay_ms"] = 300
    try:
        handler = new_dxfile()
        handler.write(b"slow")
        handler._sleep = lambda seconds: time.sleep(0.05)  # type: ignore[method-assign]
        handler.close(block=True)
        assert handler.describe()["state"] == "closed"
    finally:
        dx_emulator.server.config.extra.pop("file_close_delay_ms", None)


def test_failed_parts_raise_and_never_close_the_file(small_project: str, dx_emulator: Any,
                                                     no_sleep: list) -> None:
    handler = new_dxfile(write_buffer_size=PART)
    data = os.urandom(3 * PART)
    handler.write(data[:PART])
    handler.flush()
    _faults(dx_emulator, "500:/storage/upload/*:100")
    handler.write(data[PART:])
    with pytest.raises(DXError):
        handler.close()
    dx_emulator.server.faults.clear()
    assert handler.describe()["state"] == "open"
    assert no_sleep, "the transport retried before giving up"
    # the failure is remembered: closing again must not publish a file with a hole
    with pytest.raises(DXFileError, match=r"Parts \[2, 3\]"):
        handler.close()
    assert handler.describe()["state"] == "open"
    handler.upload_part(data[PART:2 * PART], index=2)
    handler.upload_part(data[2 * PART:], index=3)
    handler.close()
    assert DXFile(handler.get_id(), mode="rb").read() == data


@pytest.mark.parametrize("multithread", [True, False])
@pytest.mark.parametrize("fault", ["500:/storage/upload/*:1000", "drop:/storage/upload/*:1000",
                                   "500:/file-*/upload:1000"])
def test_exhausted_retries_never_close_a_file_with_missing_bytes(small_project: str, dx_emulator: Any,
                                                                 no_sleep: list, fault: str,
                                                                 multithread: bool) -> None:
    handler = new_dxfile(write_buffer_size=PART)
    data = os.urandom(3 * PART)
    handler.write(data[:PART], multithread=multithread)
    handler.flush()
    _faults(dx_emulator, fault)
    with pytest.raises(DXError) as failure:
        handler.write(data[PART:], multithread=multithread)
        handler.close()
    assert "failed to upload" not in str(failure.value), "the transfer error itself is raised first"
    dx_emulator.server.faults.clear()
    assert handler.describe()["state"] == "open"
    with pytest.raises(DXFileError, match=r"Parts \[2.*failed to upload; the file is left open"):
        handler.close(block=True)
    assert handler.describe()["state"] == "open"


@pytest.mark.parametrize("fault", ["500:/storage/upload/*:3", "drop:/storage/upload/*:3",
                                   "503:/storage/upload/*:2", "500:/file-*/upload:2"])
def test_transient_upload_faults_still_give_correct_bytes(small_project: str, dx_emulator: Any,
                                                          no_sleep: list, fault: str) -> None:
    data = os.urandom(4 * PART + 3)
    _faults(dx_emulator, fault)
    handler = _upload(data)
    assert dx_emulator.server.faults.list() == []
    assert DXFile(handler.get_id(), mode="rb").read() == data


# -- reading ----------------------------------------------------------------------------------


def test_read_refuses_an_open_file(small_project: str) -> None:
    handler = new_dxfile()
    handler.write(b"abc")
    handler.flush()
    with pytest.raises(DXFileError, match="not closed"):
        DXFile(handler.get_id()).read()
    assert not handler.closed()


def test_text_and_binary_modes(small_project: str) -> None:
    handler = upload_string("line one\nlíne two\r\n\nlast", wait_on_close=True)
    assert list(DXFile(handler.get_id())) == ["line one", "líne two\r", "", "last"]
    text = DXFile(handler.get_id(), mode="r")
    assert text.read(11) == "line one\nl"  # the two-byte í is completed by the next read
    assert text.read(2) == "ín"
    binary = DXFile(handler.get_id(), mode="rb")
    assert binary.readline() == b"line one\n"
    assert binary.read(4) == "líne".encode()[:4]
    with pytest.raises(DXFileError, match="binary mode"):
        next(iter(binary))


def test_seek_and_read_patterns_match_local_bytes(small_project: str) -> None:
    rng = random.Random(11)
    data = bytes(rng.getrandbits(8) for _ in range(7 * PART + 123))
    file_id = _upload(data).get_id()
    remote = DXFile(file_id, mode="rb", read_buffer_size=700)
    local = io.BytesIO(data)
    for _ in range(150):
        whence = rng.choice([os.SEEK_SET, os.SEEK_CUR, os.SEEK_END])
        offset = {os.SEEK_SET: rng.randint(0, len(data) + 10), os.SEEK_CUR: rng.randint(-300, 300),
                  os.SEEK_END: rng.randint(-len(data), 5)}[whence]
        if local.seek(0, os.SEEK_CUR) + offset < 0 and whence == os.SEEK_CUR:
            offset = 0
        local.seek(offset, whence)
        remote.seek(offset, whence)
        length = rng.choice([None, 0, 1, rng.randint(1, 100), rng.randint(500, 3000)]) if rng.random() < 0.9 \
            else -1
        assert remote.read(length) == local.read(None if length is None else length)
        assert remote.tell() == local.tell()
    remote.seek(0)
    assert remote.readline(5) == data[:5] and remote.tell() == 5
    with pytest.raises(DXFileError, match="negative"):
        remote.seek(-1)
    with pytest.raises(DXFileError, match="from_what"):
        remote.seek(0, 7)


def test_line_iteration_reads_ahead_in_the_background(small_project: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [f"line {i} " + "x" * (i % 37) for i in range(2000)]
    handler = _upload("\n".join(lines).encode())
    remote = DXFile(handler.get_id(), read_buffer_size=2000)
    used: list = []
    real = DXFile._take_prefetched

    def spy(self: DXFile, start: int) -> Any:
        data = real(self, start)
        used.append(data is not None)
        return data

    monkeypatch.setattr(DXFile, "_take_prefetched", spy)
    assert list(remote) == lines
    assert sum(used) > 10, "sequential reads are served by the chunk fetched ahead"


def test_download_faults_while_reading_are_retried(small_project: str, dx_emulator: Any,
                                                   no_sleep: list) -> None:
    data = os.urandom(3 * PART)
    file_id = _upload(data).get_id()
    _faults(dx_emulator, "500:/storage/download/*:2,drop:/storage/download/*:1,"
                         "truncate:/storage/download/*:1")
    assert DXFile(file_id, mode="rb", read_buffer_size=PART).read() == data
    assert dx_emulator.server.faults.list() == []


# -- download URLs ------------------------------------------------------------------------------


def test_download_url_is_cached_per_arguments_until_expiry(small_project: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    handler = upload_string("cached", wait_on_close=True)
    calls: list = []
    real = dxpy.api.file_download

    def spy(object_id: str, input_params: Any = None, **kwargs: Any) -> Any:
        calls.append(dict(input_params or {}))
        return real(object_id, input_params, **kwargs)

    monkeypatch.setattr(dxpy.api, "file_download", spy)
    url, headers = handler.get_download_url()
    assert handler.get_download_url() == (url, headers)
    assert calls == [{"preauthenticated": False, "project": small_project}]
    handler.get_download_url(preauthenticated=True, duration=120, filename="x.txt")
    assert calls[-1] == {"preauthenticated": True, "duration": 120, "filename": "x.txt",
                         "project": small_project}
    handler.get_download_url(project=DXFile.NO_PROJECT_HINT)
    assert calls[-1] == {"preauthenticated": False}
    assert len(calls) == 3
    handler._wallclock = lambda: time.time() + 10 * 365 * 86400  # type: ignore[method-assign]
    handler.get_download_url()
    assert len(calls) == 4, "an expired URL is fetched again"


def test_preauthenticated_url_serves_bytes_without_token(small_project: str) -> None:
    handler = upload_string("pre-signed bytes", wait_on_close=True)
    url, headers = handler.get_download_url(preauthenticated=True, duration=60)
    assert headers == {}
    with urllib.request.urlopen(url, timeout=10) as resp:
        assert resp.read() == b"pre-signed bytes"
    token = dxpy.SECURITY_CONTEXT["auth_token"]
    assert token not in url


def test_download_url_through_a_project_without_the_file(small_project: str, dx_emulator: Any) -> None:
    handler = upload_string("elsewhere", wait_on_close=True)
    other = dx_emulator.call("project/new", {"name": "other"})["id"]
    try:
        with pytest.raises(ResourceNotFound):
            handler.get_download_url(project=other)
        # a handler whose own container lacks the file sends no project hint at all
        stray = DXFile(handler.get_id(), project=other)
        url, _ = stray.get_download_url()
        assert handler.get_id() in url
    finally:
        dx_emulator.call(f"{other}/destroy", {})


def test_upload_on_a_closed_file_is_refused(small_project: str) -> None:
    handler = upload_string("done", wait_on_close=True)
    with pytest.raises(InvalidState):
        handler.upload_part(b"more", index=2)


# -- issue: compatibility, item 10 -------------------------------------------------------------------


def test_upload_string_keep_open_keeps_the_bytes_buffered(small_project: str) -> None:
    handler = dxpy.upload_string("head ", project=small_project, keep_open=True)
    assert handler.describe(fields={"state", "parts"})["state"] == "open"
    assert handler.describe(fields={"parts"}).get("parts", {}) == {}  # nothing uploaded yet
    handler.write("and tail")
    handler.close(block=True)
    assert DXFile(handler.get_id(), mode="rb").read() == b"head and tail"


@pytest.mark.parametrize("data", [12345, 1.5, None, ["a"]])
def test_write_of_a_non_bytes_value_is_a_file_error_naming_the_type(small_project: str, data: Any) -> None:
    handler = new_dxfile()
    with pytest.raises(DXFileError, match=f"not {type(data).__name__}"):
        handler.write(data)


def test_describe_sends_both_incl_keys_as_upstream(dx_test_context: Any) -> None:
    from tests._support.testserver import reply

    dx_test_context.queue(reply(json={"id": "file-" + "B" * 24}), reply(json={"id": "file-" + "B" * 24}))
    handler = DXFile("file-" + "B" * 24, project="project-" + "B" * 24)
    handler.describe(incl_properties=True)
    handler.describe(incl_details=True)
    bodies = [r.json() for r in dx_test_context.requests]
    assert bodies[0] == {"properties": True, "details": False, "project": "project-" + "B" * 24}
    assert bodies[1] == {"properties": False, "details": True, "project": "project-" + "B" * 24}
