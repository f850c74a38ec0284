"""Tests of the part-transfer engine (dxpy.bindings._transfer) over real local HTTP.

The scripted server plays both the API server (``/file-xxxx/upload``) and the
storage host (part PUTs, ranged GETs); the real :func:`dxpy.DXHTTPRequest` moves
the bytes.  Retry waits go through an injected sleep, never a real one.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from typing import Any

import _filehelp
import pytest

from dxpy.bindings import _transfer as transfer
from dxpy.exceptions import DXChecksumMismatchError, DXError, DXFileError, DXPartLengthMismatchError
from tests._support.testserver import RecordedRequest, error_reply, handler, reply

no_sleep = _filehelp.no_sleep

FILE_ID = "file-" + "B" * 24


# -- pool, window, ordered_map ------------------------------------------------


def test_set_pool_size_rejects_bad_values_and_resizes() -> None:
    old = transfer.pool_size()
    try:
        for bad in (0, -1, 1.5, True, "3"):
            with pytest.raises(DXError, match="num_threads"):
                transfer.set_pool_size(bad)  # type: ignore[arg-type]
        transfer.set_pool_size(3)
        assert transfer.pool_size() == 3
        assert transfer.get_pool()._max_workers == 3
    finally:
        transfer.set_pool_size(old)


def test_window_bounds_unfinished_tasks() -> None:
    window = transfer.TransferWindow(limit=2)
    gate = threading.Event()
    started: list = []
    for i in range(2):
        window.submit(lambda i=i: (started.append(i), gate.wait(5)))
    blocked = threading.Thread(target=window.submit, args=(lambda: started.append("third"),))
    blocked.start()
    blocked.join(0.2)
    assert blocked.is_alive(), "a third task was accepted while two were unfinished"
    assert window.pending() == 2
    gate.set()
    blocked.join(5)
    window.wait()
    assert sorted(map(str, started)) == ["0", "1", "third"]


def test_window_reraises_first_failure_and_skips_later_tasks() -> None:
    window = transfer.TransferWindow(limit=1)
    ran: list = []

    def fail() -> None:
        raise DXFileError("part 1 broke")

    window.submit(fail)
    deadline = time.monotonic() + 60  # wait for the failure to be recorded, however busy the machine
    while window.error is None and time.monotonic() < deadline:
        time.sleep(0.005)
    with pytest.raises(DXFileError, match="part 1 broke"):
        window.submit(ran.append, "late")
        window.wait()
    assert isinstance(window.error, DXFileError)
    assert ran == []


def test_ordered_map_keeps_order_and_limits_in_flight() -> None:
    lock = threading.Lock()
    active = [0, 0]  # current, peak

    def work(i: int) -> int:
        with lock:
            active[0] += 1
            active[1] = max(active[1], active[0])
        time.sleep(0.002 * ((i * 7) % 5))
        with lock:
            active[0] -= 1
        return i * i

    assert list(transfer.ordered_map(work, range(40), limit=3)) == [i * i for i in range(40)]
    assert active[1] <= 3


def test_ordered_map_stops_pulling_items_after_an_error() -> None:
    pulled: list = []

    def items() -> Any:
        for i in range(1000):
            pulled.append(i)
            yield i

    def work(i: int) -> int:
        if i == 5:
            raise ValueError("boom")
        return i

    with pytest.raises(ValueError, match="boom"):
        list(transfer.ordered_map(work, items(), limit=4))
    assert len(pulled) < 20


# -- parts and chunks ---------------------------------------------------------------


def test_parts_from_describe_sorts_numerically_and_computes_offsets() -> None:
    parts = transfer.parts_from_describe({
        "10": {"size": 1, "md5": "c"}, "2": {"size": 5, "md5": "b"},
        "1": {"size": 3, "md5": "a", "state": "complete"},
    })
    got = [(p.index, p.offset, p.size, p.md5) for p in parts]
    assert got == [(1, 0, 3, "a"), (2, 3, 5, "b"), (10, 8, 1, "c")]
    assert parts[-1].end == 9
    with pytest.raises(DXFileError, match="part 3"):
        transfer.parts_from_describe({"3": {"md5": "x"}})


def test_iter_chunks_splits_parts_and_skips_empty_ones() -> None:
    parts = [transfer.Part(1, 0, 5, None), transfer.Part(2, 5, 0, None), transfer.Part(3, 5, 4, None)]
    got = [(p.index, a, b) for p, a, b in transfer.iter_chunks(parts, 2)]
    assert got == [(1, 0, 2), (1, 2, 4), (1, 4, 5), (3, 5, 7), (3, 7, 9)]


# -- uploads --------------------------------------------------------------------------


def _upload_answer(server: Any, path: str = "/storage/part") -> Any:
    return reply(json={"url": server.url + path, "expires": 0, "headers": {"X-Storage-Check": "yes"}})


def test_upload_part_sends_md5_and_puts_bytes_without_token(dx_test_context: Any, no_sleep: list) -> None:
    server = dx_test_context
    data = b"hello parts" * 100
    server.queue(_upload_answer(server), reply(200, body=b""))
    digest = transfer.upload_part(FILE_ID, 3, data)
    assert digest == hashlib.md5(data).hexdigest()
    upload, put = server.requests
    assert upload.path == f"/{FILE_ID}/upload"
    assert upload.json() == {"index": 3, "size": len(data), "md5": digest}
    assert "authorization" in upload.headers
    assert put.method == "PUT" and put.path == "/storage/part"
    assert put.body == data
    assert put.headers["x-storage-check"] == "yes"
    assert "authorization" not in put.headers
    assert no_sleep == []


def test_upload_part_gets_a_fresh_url_for_every_attempt(dx_test_context: Any, no_sleep: list) -> None:
    server = dx_test_context
    server.queue(
        _upload_answer(server, "/storage/a"), reply(500, body=b"storage hiccup"),
        _upload_answer(server, "/storage/b"), reply(200, body=b""),
    )
    transfer.upload_part(FILE_ID, 1, b"x" * 10)
    paths = [r.path for r in server.requests]
    assert paths == [f"/{FILE_ID}/upload", "/storage/a", f"/{FILE_ID}/upload", "/storage/b"]
    assert len(no_sleep) == 1


def test_nested_upload_calls_share_the_retry_budget(dx_test_context: Any, no_sleep: list) -> None:
    import dxpy

    server = dx_test_context
    server.queue(_upload_answer(server), reply(500), _upload_answer(server), reply(500),
                 _upload_answer(server), reply(200, body=b""))
    budgets: list = []

    def upload(file_id: str, body: Any, max_retries: int = 6, **kwargs: Any) -> Any:
        budgets.append(max_retries)
        return dxpy.api.file_upload(file_id, body, max_retries=max_retries, **kwargs)

    transfer.upload_part(FILE_ID, 1, b"abc", api_upload=upload, max_retries=4)
    assert budgets == [4, 3, 2]
    assert len(server.requests) == 6


def test_upload_part_raises_platform_errors(dx_test_context: Any, no_sleep: list) -> None:
    from dxpy.exceptions import InvalidState

    dx_test_context.queue(error_reply(422, "InvalidState", "file is not open"))
    with pytest.raises(InvalidState):
        transfer.upload_part(FILE_ID, 1, b"abc")


# -- downloads ------------------------------------------------------------------------


class RangeStore:
    """Serves ``blob`` by Range from the scripted server, optionally misbehaving."""

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self.served: list = []
        self.corrupt: dict = {}   # start offset -> how many more times to corrupt it
        self.short: dict = {}     # start offset -> how many more times to cut it short
        self.fail: dict = {}      # start offset -> how many more times to answer 500
        self.lock = threading.Lock()

    def _take(self, table: dict, key: int) -> bool:
        with self.lock:
            if table.get(key, 0) > 0:
                table[key] -= 1
                return True
        return False

    def respond(self, req: RecordedRequest) -> Any:
        match = re.fullmatch(r"bytes=(\d+)-(\d+)", req.headers.get("range", ""))
        assert match is not None, "every download GET must carry a single Range"
        assert "authorization" not in req.headers
        start, last = int(match.group(1)), int(match.group(2))
        data = self.blob[start:last + 1]
        with self.lock:
            self.served.append(start)
        if self._take(self.fail, start):
            return reply(500, body=b"try again")
        if self._take(self.corrupt, start):
            data = bytes([data[0] ^ 0xFF]) + data[1:]
        if self._take(self.short, start):
            data = data[:-1]
        headers = {"Content-Type": "application/octet-stream",
                   "Content-Range": f"bytes {start}-{start + len(data) - 1}/{len(self.blob)}"}
        return reply(206, body=data, headers=headers)


def _serve(server: Any, store: RangeStore, count: int = 200) -> None:
    server.queue(*[handler(store.respond) for _ in range(count)])


def _parts_for(blob: bytes, sizes: list) -> list:
    parts, offset = [], 0
    for i, size in enumerate(sizes, start=1):
        chunk = blob[offset:offset + size]
        parts.append(transfer.Part(i, offset, size, hashlib.md5(chunk).hexdigest()))
        offset += size
    return parts


class Sink:
    """An in-memory file written (and read back) at offsets from several threads."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.lock = threading.Lock()
        self.reads: list = []

    def write_at(self, offset: int, data: bytes) -> None:
        end = offset + len(data)
        with self.lock:
            if len(self.data) < end:
                self.data.extend(b"\0" * (end - len(self.data)))
            self.data[offset:end] = data

    def read_at(self, offset: int, size: int) -> bytes:
        with self.lock:
            self.reads.append((offset, size))
            return bytes(self.data[offset:offset + size])


def test_download_parts_writes_verified_bytes_at_their_offsets(dx_test_context: Any, no_sleep: list) -> None:
    server = dx_test_context
    blob = bytes(range(256)) * 40 + b"tail"
    store = RangeStore(blob)
    _serve(server, store)
    parts = _parts_for(blob, [4000, 3000, 0, len(blob) - 7000])
    sink, seen = Sink(), []
    written = transfer.download_parts(parts, lambda: (server.url + "/dl", {"X-Sig": "s"}), sink.write_at,
                                      chunksize=1024, progress=seen.append, read_at=sink.read_at)
    assert bytes(sink.data) == blob
    # parts of several chunks are checked by reading them back, in bounded blocks
    assert {offset for offset, _ in sink.reads} >= {0, 4000, 7000}
    assert written == len(blob) == sum(seen)
    assert all(r.headers.get("x-sig") == "s" for r in server.requests)
    assert len(store.served) == sum(-(-p.size // 1024) for p in parts)


def test_download_parts_refetches_a_corrupted_part_once(dx_test_context: Any, no_sleep: list) -> None:
    server = dx_test_context
    blob = b"0123456789" * 300
    store = RangeStore(blob)
    store.corrupt[1024] = 1
    _serve(server, store)
    sink = Sink()
    source = lambda: (server.url + "/dl", {})  # noqa: E731
    transfer.download_parts(_parts_for(blob, [2048, 952]), source, sink.write_at, 1024, read_at=sink.read_at)
    assert bytes(sink.data) == blob
    assert store.served.count(0) == 2 and store.served.count(1024) == 2 and store.served.count(2048) == 1


def test_download_parts_raises_checksum_error_after_retries(dx_test_context: Any, no_sleep: list) -> None:
    server = dx_test_context
    blob = b"abcdefgh" * 100
    store = RangeStore(blob)
    store.corrupt[400] = 99
    _serve(server, store)
    with pytest.raises(DXChecksumMismatchError, match="part 2"):
        transfer.download_parts(_parts_for(blob, [400, 400]), lambda: (server.url + "/dl", {}),
                                Sink().write_at, 1000)
    assert store.served.count(400) == 1 + transfer.PART_RETRIES


def test_download_parts_raises_length_error_for_a_short_part(dx_test_context: Any, no_sleep: list) -> None:
    server = dx_test_context
    blob = b"z" * 500
    store = RangeStore(blob)
    store.short[0] = 99
    _serve(server, store)
    with pytest.raises(DXPartLengthMismatchError, match="500 bytes"):
        transfer.download_parts(_parts_for(blob, [500]), lambda: (server.url + "/dl", {}),
                                Sink().write_at, 4096)
    assert store.served.count(0) == 1 + transfer.PART_RETRIES


def test_download_parts_survives_server_errors(dx_test_context: Any, no_sleep: list) -> None:
    server = dx_test_context
    blob = bytes(range(200)) * 20
    store = RangeStore(blob)
    store.fail[1000] = 2
    store.fail[3000] = 1
    _serve(server, store)
    sink = Sink()
    refreshed: list = []
    transfer.download_parts(_parts_for(blob, [2000, 2000]), lambda: (server.url + "/dl", {}), sink.write_at,
                            500, refresh_url=lambda: refreshed.append(1), read_at=sink.read_at)
    assert bytes(sink.data) == blob
    assert len(no_sleep) == 3 and refreshed == []


def test_download_parts_rejects_bad_chunksize() -> None:
    with pytest.raises(DXError, match="chunksize"):
        transfer.download_parts([], lambda: ("http://127.0.0.1:1/", {}), Sink().write_at, 0)
    big = [transfer.Part(1, 0, 10, "0" * 32)]
    with pytest.raises(DXError, match="read_at"):
        transfer.download_parts(big, lambda: ("http://127.0.0.1:1/", {}), Sink().write_at, 4)
    empty_but_wrong = [transfer.Part(1, 0, 0, "0" * 32)]
    with pytest.raises(DXChecksumMismatchError, match="part 1"):
        transfer.download_parts(empty_but_wrong, lambda: ("http://127.0.0.1:1/", {}), Sink().write_at, 4)


def _fake_range_request(blob: bytes, before_reply: Any = None) -> Any:
    """A ``request=`` function answering Range GETs from *blob* without any network."""

    def request(url: str, data: Any, headers: dict, **kwargs: Any) -> bytes:
        first, last = (int(x) for x in headers["Range"][len("bytes="):].split("-"))
        if before_reply is not None:
            before_reply(first)
        return blob[first:last + 1]

    return request


def test_download_workers_write_concurrently_not_through_one_writer() -> None:
    blob = os.urandom(4 * 100)
    parts = _parts_for(blob, [100] * 4)
    second_write_started = threading.Event()
    sink = Sink()
    writers: set = set()

    def write_at(offset: int, data: bytes) -> None:
        writers.add(threading.get_ident())
        if offset == 0:
            # a single writer thread would be stuck here: the other chunk could never be written
            assert second_write_started.wait(10), "chunks were not written concurrently"
        else:
            second_write_started.set()
        sink.write_at(offset, data)

    transfer.download_parts(parts, lambda: ("http://storage.invalid/f", {}), write_at, 100,
                            request=_fake_range_request(blob), limit=2)
    assert bytes(sink.data) == blob and len(writers) >= 2


def test_a_failed_download_returns_only_after_every_worker_stopped() -> None:
    blob = os.urandom(8 * 100)
    parts = _parts_for(blob, [100] * 8)
    returned = threading.Event()
    active = [0]
    all_started = threading.Condition()

    def slow_unless_first(start: int) -> None:
        with all_started:
            active[0] += 1
            all_started.notify_all()
        try:
            if start == 0:  # the chunk that fails: only once the 3 others are being fetched
                with all_started:
                    assert all_started.wait_for(lambda: active[0] == 4, timeout=10)
            else:
                # Blocks until the caller got its exception back -- or, when the call
                # (correctly) waits for its workers first, gives up after a moment.
                returned.wait(0.3)
        finally:
            with all_started:
                active[0] -= 1

    def interrupt(num_bytes: int) -> None:
        raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            transfer.download_parts(parts, lambda: ("http://storage.invalid/f", {}), Sink().write_at, 100,
                                    progress=interrupt, request=_fake_range_request(blob, slow_unless_first),
                                    limit=4)
        assert active[0] == 0, "a worker was still fetching (and could still write) after the call returned"
    finally:
        returned.set()


# -- progress reporting -------------------------------------------------------------


def test_format_size() -> None:
    from dxpy.utils._progress import format_size

    assert format_size(0) == "0 B"
    assert format_size(1023) == "1023 B"
    assert format_size(1536) == "1.5 KiB"
    assert format_size(5 * 1024 ** 3) == "5.0 GiB"


def test_progress_wanted_only_on_a_terminal_unless_forced(tmp_path: Any) -> None:
    import io
    import os

    from dxpy.utils._progress import progress_wanted

    plain = io.StringIO()
    assert not progress_wanted(False, plain)
    assert not progress_wanted(True, plain)
    assert progress_wanted("force", plain)
    master, slave = os.openpty()
    try:
        with os.fdopen(slave, "w") as tty:
            assert progress_wanted(True, tty)
            assert not progress_wanted(None, tty)
    finally:
        os.close(master)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_bar_draws_one_line_with_rate_and_percent() -> None:
    import io

    from dxpy.utils._progress import ProgressBar

    out, clock = io.StringIO(), FakeClock()
    bar = ProgressBar(4 * 1024 * 1024, label="Uploaded", name="reads.bam", stream=out, clock=clock, width=10)
    clock.now += 1.0
    bar.update(1024 * 1024)
    assert out.getvalue() == "\r[==>       ] Uploaded 1.0 MiB of 4.0 MiB (25%) at 1.0 MiB/s  reads.bam"
    bar.update(1024 * 1024)  # too soon after the previous draw: nothing new
    assert out.getvalue().count("\r") == 1
    clock.now += 1.0
    bar.update(2 * 1024 * 1024)
    bar.finish()
    bar.finish()
    lines = out.getvalue().split("\r")
    assert lines[-1] == "[==========] Uploaded 4.0 MiB of 4.0 MiB (100%) at 2.0 MiB/s  reads.bam\n"
    assert out.getvalue().count("\n") == 1


def test_progress_bar_without_total_and_padding_of_shorter_lines() -> None:
    import io

    from dxpy.utils._progress import ProgressBar

    out, clock = io.StringIO(), FakeClock()
    bar = ProgressBar(None, label="Downloaded", stream=out, clock=clock, min_interval=0)
    clock.now += 1
    bar.update(2000)
    bar.name = ""
    first = out.getvalue()
    assert first == "\rDownloaded 2.0 KiB at 2.0 KiB/s"
    clock.now += 1000
    bar.update(1)
    assert out.getvalue()[len(first):] == "\rDownloaded 2.0 KiB at 2 B/s    "


def test_progress_tracker_calls_back_from_many_threads() -> None:
    import io

    from dxpy.utils._progress import ProgressTracker

    calls: list = []
    handler = object()
    tracker = ProgressTracker(handler, total=800, show_progress=True, stream=io.StringIO(),
                              callback=lambda h, n: calls.append((h, n)))
    assert tracker.bar is None and tracker.active  # not a terminal: no bar, but a callback
    threads = [threading.Thread(target=lambda: [tracker(1) for _ in range(100)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tracker.finish()
    assert tracker.done == 800 and len(calls) == 800 and all(h is handler for h, _ in calls)
    assert not ProgressTracker(show_progress=False).active


def test_download_parts_refetches_a_part_the_transport_gave_up_on(dx_test_context: Any,
                                                                  no_sleep: list) -> None:
    server = dx_test_context
    blob = bytes(range(100)) * 30
    store = RangeStore(blob)
    store.fail[1500] = 7  # more than the transport's 6 retries: the part is fetched again
    _serve(server, store)
    sink, seen, refreshed = Sink(), [], []
    written = transfer.download_parts(_parts_for(blob, [1000, 2000]), lambda: (server.url + "/dl", {}),
                                      sink.write_at, 500, progress=seen.append,
                                      refresh_url=lambda: refreshed.append(1), read_at=sink.read_at)
    assert bytes(sink.data) == blob
    assert sum(seen) == written == len(blob)
    assert refreshed == [1] and store.served.count(1000) == 2 and store.served.count(1500) == 8


def test_resizing_the_pool_during_a_transfer_is_harmless() -> None:
    old = transfer.pool_size()
    window = transfer.TransferWindow(limit=2)
    results: list = []
    try:
        window.submit(results.append, 1)
        transfer.set_pool_size(2)
        window.submit(results.append, 2)
        got = []
        for value in transfer.ordered_map(lambda i: i * 10, range(6), limit=2):
            got.append(value)
            if value == 20:
                transfer.set_pool_size(3)
        window.wait()
    finally:
        transfer.set_pool_size(old)
    assert sorted(results) == [1, 2] and got == [0, 10, 20, 30, 40, 50]


def test_progress_bar_fits_the_terminal_width() -> None:
    import fcntl
    import os
    import struct
    import termios

    from dxpy.utils._progress import ProgressBar

    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
        with os.fdopen(slave, "w") as tty:
            bar = ProgressBar(100, label="Uploaded", name="a-rather-long-file-name.bam", stream=tty,
                              clock=FakeClock())
            bar.update(50)
            bar.finish()
        output = os.read(master, 4096).decode()
    finally:
        os.close(master)
    lines = [line for line in output.replace("\n", "\r").split("\r") if line]
    assert lines and all(len(line) <= 39 for line in lines), lines
    assert lines[0].startswith("[============>")
