"""The parallel part-transfer engine behind :class:`~dxpy.bindings.dxfile.DXFile`.

Design:

* one process-wide thread pool (:func:`get_pool`, resized with
  :func:`set_pool_size`) moves parts for every file handle; its threads send
  through the transport's shared connection pool, so keep-alive connections are
  reused across parts and files;
* each transfer bounds the work it has in flight with a
  :class:`TransferWindow`, so memory stays at about ``threads x part size``
  however large the file is;
* an upload part's MD5 is computed on the worker thread before the part's
  ``/file-xxxx/upload`` call (the API needs it up front) and a fresh upload URL
  is fetched for every PUT attempt;
* a download worker fetches one range, hashes it and writes it at its own
  offset (no single writer thread serialises the transfer); the worker that
  completes a part compares its size and MD5 with the ``parts`` that
  ``describe`` reported and fetches a bad part again before giving up with
  :class:`~dxpy.exceptions.DXChecksumMismatchError` or
  :class:`~dxpy.exceptions.DXPartLengthMismatchError`;
* upload and download URLs are requested with ``auth=None``: the API token
  never goes to storage hosts.

The HTTP call is injectable (``request=``) so the engine can be exercised
against any local server.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar

from dxpy._checksums import CHECKSUM_TYPES, new_hasher
from dxpy._defaults import DEFAULT_RETRIES
from dxpy.exceptions import DXChecksumMismatchError, DXError, DXFileError, DXPartLengthMismatchError

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_THREADS",
    "Part",
    "TransferWindow",
    "download_parts",
    "fetch_range",
    "get_pool",
    "ordered_map",
    "parts_from_describe",
    "set_pool_size",
    "upload_part",
    "window_limit",
]

#: Worker threads moving parts.  Transfers wait on the network, not the CPU,
#: so a couple of threads per core pays off even on small machines.
DEFAULT_THREADS = min(max((os.cpu_count() or 1) * 2, 4), 8)

#: Timeouts (seconds) for the calls around a part, as the platform's client uses.
FILE_REQUEST_TIMEOUT = 60
PART_UPLOAD_TIMEOUT = 300

#: How many times a download part is fetched again after a bad size or MD5.
PART_RETRIES = 2

#: Bytes of upload parts allowed in flight at once.  With the usual 16 MiB parts
#: the pool size is the limit; with very large parts (files above ~160 GiB, or
#: the 96 MiB parts used inside jobs) fewer parts go up at a time, so memory
#: stays bounded whatever the file size.
PARTS_MEMORY_BUDGET = 256 * 1024 * 1024

#: Block size used to read back and hash a part that arrived in several chunks.
_VERIFY_BLOCK = 1024 * 1024

T = TypeVar("T")
R = TypeVar("R")
RequestFn = Callable[..., Any]
UrlSource = Callable[[], tuple[str, dict[str, str]]]

_pool_lock = threading.Lock()
_pool: Optional[ThreadPoolExecutor] = None
_pool_size = DEFAULT_THREADS


def _reset_after_fork() -> None:
    """In a forked child: the parent's worker threads do not exist here, and its lock may be
    held forever; start over with a new lock and no pool (created again on first use)."""
    global _pool, _pool_lock
    _pool_lock = threading.Lock()
    _pool = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def get_pool() -> ThreadPoolExecutor:
    """Return the shared transfer thread pool, creating it on first use.

    :returns: the process-wide executor (threads are started lazily by it)
    """
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=_pool_size, thread_name_prefix="dxpy-transfer")
        return _pool


def pool_size() -> int:
    """Return the number of worker threads transfers use.

    :returns: the configured size of the shared pool
    """
    return _pool_size


def set_pool_size(num_threads: int) -> None:
    """Change the number of transfer threads.

    Transfers already running keep the old pool until they finish.

    :param num_threads: new pool size, at least 1
    :raises DXError: if ``num_threads`` is not a positive integer
    """
    global _pool, _pool_size
    if not isinstance(num_threads, int) or isinstance(num_threads, bool) or num_threads < 1:
        raise DXError(f"num_threads must be a positive integer, got {num_threads!r}")
    with _pool_lock:
        old, _pool, _pool_size = _pool, None, num_threads
    if old is not None:
        old.shutdown(wait=False)


def window_limit(part_bytes: int) -> int:
    """How many parts of ``part_bytes`` may be in flight at once.

    :param part_bytes: the size of the parts
    :returns: the pool size, lowered so that the parts fit in
        :data:`PARTS_MEMORY_BUDGET` (but at least 1)
    """
    return max(1, min(pool_size(), PARTS_MEMORY_BUDGET // max(part_bytes, 1)))


def _default_request() -> RequestFn:
    from dxpy._http import DXHTTPRequest

    return DXHTTPRequest


class TransferWindow:
    """Run tasks on the shared pool with at most ``limit`` of them unfinished.

    :meth:`submit` blocks while the window is full, which is what bounds the
    memory of a producer reading parts faster than they can be sent.  The first
    failure is kept; later tasks are skipped and :meth:`submit` / :meth:`wait`
    re-raise it.

    :param limit: maximum unfinished tasks (default: the pool size)
    :param executor: the executor to use (default: :func:`get_pool`)
    """

    def __init__(self, limit: Optional[int] = None, executor: Optional[ThreadPoolExecutor] = None) -> None:
        self._executor = executor  # None: the shared pool, looked up at each submit (it may be resized)
        self.limit = limit if limit is not None else pool_size()
        self._slots = threading.BoundedSemaphore(self.limit)
        self._lock = threading.Lock()
        self._futures: list[Future] = []
        self._error: Optional[BaseException] = None

    @property
    def error(self) -> Optional[BaseException]:
        """The first exception raised by a task, if any."""
        return self._error

    def raise_if_failed(self) -> None:
        """Re-raise the first task failure, if there was one.

        :raises Exception: whatever the failed task raised
        """
        if self._error is not None:
            raise self._error

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Queue ``fn(*args, **kwargs)``, waiting for a free slot first.

        :param fn: the task
        :returns: the task's future
        :raises Exception: the first failure of an earlier task
        """
        self.raise_if_failed()
        self._slots.acquire()
        if self._error is not None:
            self._slots.release()
            self.raise_if_failed()
        try:
            pool = self._executor if self._executor is not None else get_pool()
            future = pool.submit(self._run, fn, args, kwargs)
        except BaseException:
            self._slots.release()
            raise
        with self._lock:
            self._futures = [f for f in self._futures if not f.done()]
            self._futures.append(future)
        return future

    def _run(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        try:
            if self._error is not None:
                return None
            return fn(*args, **kwargs)
        except BaseException as exc:
            with self._lock:
                if self._error is None:
                    self._error = exc
            raise
        finally:
            self._slots.release()

    def pending(self) -> int:
        """Return how many submitted tasks have not finished yet.

        :returns: the number of unfinished tasks
        """
        with self._lock:
            return sum(1 for f in self._futures if not f.done())

    def abort(self, reason: BaseException) -> None:
        """Skip the tasks not started yet and wait for the running ones to end.

        Nothing is raised: the caller is already handling ``reason``.

        :param reason: recorded as the failure unless a task failed first
        """
        with self._lock:
            if self._error is None:
                self._error = reason
            futures, self._futures = self._futures, []
        for future in futures:
            future.cancel()
        wait_futures(futures)

    def wait(self) -> None:
        """Wait until every submitted task finished.

        :raises Exception: the first failure among the tasks
        """
        with self._lock:
            futures, self._futures = self._futures, []
        wait_futures(futures)
        self.raise_if_failed()


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    limit: Optional[int] = None,
    executor: Optional[ThreadPoolExecutor] = None,
) -> Iterator[R]:
    """Apply ``fn`` to ``items`` on the pool, yielding results in input order.

    At most ``limit`` items are being worked on or waiting to be consumed at any
    time.  When the consumer stops early, or ``fn`` raises, work not yet started
    is cancelled and work already running is waited for.

    :param fn: the function applied to each item
    :param items: the inputs (consumed lazily)
    :param limit: maximum results in flight (default: the pool size)
    :param executor: executor to use (default: :func:`get_pool`)
    :returns: an iterator over ``fn(item)`` in the order of ``items``
    """
    window = limit if limit is not None else pool_size()
    pending: deque[Future] = deque()
    try:
        for item in items:
            pool = executor if executor is not None else get_pool()  # may be resized meanwhile
            pending.append(pool.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        wait_futures(pending)


def md5_hex(data: Any) -> str:
    """Return the lowercase hex MD5 of a bytes-like object.

    :param data: bytes, bytearray or memoryview
    :returns: 32 hex digits
    """
    return hashlib.md5(data).hexdigest()


def _clean_headers(headers: Any) -> dict[str, str]:
    if headers is None:
        return {}
    if not isinstance(headers, dict):
        raise DXFileError("The platform returned transfer headers that are not a mapping")
    return {str(k): str(v) for k, v in headers.items()}


def upload_part(
    file_id: str,
    index: int,
    data: bytes,
    md5: Optional[str] = None,
    request: Optional[RequestFn] = None,
    api_upload: Optional[Callable[..., Any]] = None,
    timeout: float = PART_UPLOAD_TIMEOUT,
    max_retries: int = DEFAULT_RETRIES,
    **kwargs: Any,
) -> str:
    """Upload one part of an open file.

    A fresh upload URL is requested before every PUT attempt (the transport calls
    the resource callable once per attempt), and the PUT carries exactly the
    headers the platform returned and no Authorization header.

    :param file_id: ``file-xxxx``
    :param index: part number, 1..10000
    :param data: the part's bytes
    :param md5: the part's hex MD5 if already known (computed otherwise)
    :param request: the HTTP function (default :func:`dxpy.DXHTTPRequest`)
    :param api_upload: the ``/file-xxxx/upload`` wrapper (default
        :func:`dxpy.api.file_upload`)
    :param timeout: timeout of the PUT, seconds
    :param max_retries: attempts the transport may retry the PUT
    :param kwargs: passed to the ``/upload`` API call
    :returns: the part's hex MD5
    """
    if request is None:
        request = _default_request()
    if api_upload is None:
        from dxpy import api

        api_upload = api.file_upload
    digest = md5 if md5 is not None else md5_hex(data)
    body = {"index": index, "size": len(data), "md5": digest}

    kwargs.setdefault("timeout", FILE_REQUEST_TIMEOUT)
    attempts = [0]

    def resource() -> tuple[str, dict[str, str]]:
        # Retries of the /upload call and of the PUT share one budget instead of multiplying.
        nested_retries = max(max_retries - attempts[0], 0)
        attempts[0] += 1
        answer = api_upload(file_id, body, max_retries=nested_retries, **kwargs)
        return answer["url"], _clean_headers(answer.get("headers"))

    request(
        resource, data, method="PUT", prepend_srv=False, auth=None, jsonify_data=False,
        always_retry=True, timeout=timeout, max_retries=max_retries, decode_response_body=False,
    )
    logger.debug("uploaded part %d of %s (%d bytes)", index, file_id, len(data))
    return digest


@dataclass(frozen=True)
class Part:
    """One part of a closed file, as ``describe`` lists it.

    :param index: the part number
    :param offset: byte offset of the part in the file
    :param size: its length in bytes
    :param md5: its hex MD5 (``None`` when the platform did not report one)
    :param checksum: its base64 checksum of type *checksum_type*, when the file has one
    :param checksum_type: ``CRC32``, ``CRC32C``, ``SHA1``, ``SHA256`` or ``CRC64NVME``
    """

    index: int
    offset: int
    size: int
    md5: Optional[str]
    checksum: Optional[str] = None
    checksum_type: Optional[str] = None

    @property
    def verifiable(self) -> bool:
        """Whether the part's bytes can be checked (an MD5 or another checksum is known)."""
        return self.md5 is not None or self.checksum is not None

    @property
    def end(self) -> int:
        """Offset just past the part's last byte."""
        return self.offset + self.size


def parts_from_describe(parts: dict[str, Any], checksum_type: Optional[str] = None) -> list[Part]:
    """Turn describe's ``parts`` mapping into parts with offsets.

    :param parts: ``{"1": {"size": n, "md5": "...", "checksum": "..."?}, ...}`` (keys are
        decimal strings)
    :param checksum_type: the file's ``checksumType``, when describe gave one
    :returns: the parts sorted by index, with running offsets
    :raises DXFileError: if a part has no usable size, the checksum type is unknown, or a
        part lacks the checksum its file's type calls for
    """
    if checksum_type is not None and checksum_type not in CHECKSUM_TYPES:
        known = ", ".join(CHECKSUM_TYPES)
        raise DXFileError(f"unknown checksumType {checksum_type!r} (known: {known})")
    result: list[Part] = []
    offset = 0
    for key in sorted(parts, key=int):
        info = parts[key] or {}
        size = info.get("size")
        if not isinstance(size, int) or size < 0:
            raise DXFileError(f"describe reported no valid size for part {key}")
        checksum = info.get("checksum")
        if checksum_type is not None and not (isinstance(checksum, str) and checksum):
            raise DXFileError(f"part {key} has no checksum although the file's checksumType is "
                              f"{checksum_type}")
        result.append(Part(int(key), offset, size, info.get("md5"),
                           checksum if checksum_type else None, checksum_type))
        offset += size
    return result


def fetch_range(
    url_source: UrlSource,
    start: int,
    end: int,
    request: Optional[RequestFn] = None,
    timeout: float = FILE_REQUEST_TIMEOUT,
) -> bytes:
    """GET the bytes ``[start, end)`` of a file from its download URL.

    :param url_source: callable returning ``(url, headers)`` for the file
    :param start: first byte offset
    :param end: offset just past the last byte wanted
    :param request: the HTTP function (default :func:`dxpy.DXHTTPRequest`)
    :param timeout: seconds
    :returns: the bytes received (the caller checks the length)
    """
    if end <= start:
        return b""
    if request is None:
        request = _default_request()
    url, headers = url_source()
    sent = dict(headers)
    sent["Range"] = f"bytes={start}-{end - 1}"
    body = request(
        url, "", method="GET", headers=sent, prepend_srv=False, auth=None, jsonify_data=False,
        always_retry=True, timeout=timeout, decode_response_body=False,
    )
    return bytes(body) if not isinstance(body, bytes) else body


def iter_chunks(parts: Iterable[Part], chunksize: int) -> Iterator[tuple[Part, int, int]]:
    """Split parts into ``(part, start, end)`` byte ranges of at most ``chunksize``.

    :param parts: the parts to fetch
    :param chunksize: largest range size
    :returns: the ranges, in file order (an empty part yields nothing)
    """
    for part in parts:
        for start in range(part.offset, part.end, chunksize):
            yield part, start, min(start + chunksize, part.end)


class _PartJob:
    """What the chunks of one part brought so far (updated from worker threads)."""

    def __init__(self, part: Part, chunks: int) -> None:
        self.part = part
        self.chunks_left = chunks
        self.received = 0
        #: (MD5, checksum) of the part when one chunk held all of it
        self.digest: Optional[tuple[Optional[str], Optional[str]]] = None
        self.failure: Optional[BaseException] = None
        self.lock = threading.Lock()

    def chunk_done(self, received: int, digest: Optional[tuple[Optional[str], Optional[str]]],
                   failure: Optional[BaseException]) -> bool:
        """Record one finished chunk; return ``True`` for the part's last one."""
        with self.lock:
            self.received += received
            if digest is not None:
                self.digest = digest
            if failure is not None and self.failure is None:
                self.failure = failure
            self.chunks_left -= 1
            return self.chunks_left == 0


def _size_problem(part: Part, received: int) -> Optional[DXFileError]:
    if received == part.size:
        return None
    return DXPartLengthMismatchError(
        f"Part {part.index} should be {part.size} bytes but {received} bytes were received"
    )


class _PartHasher:
    """Hashes a part's bytes for every check its description allows (MD5, the file's checksum)."""

    def __init__(self, part: Part) -> None:
        self.part = part
        self._md5 = hashlib.md5() if part.md5 is not None else None
        kind = part.checksum_type if part.checksum is not None else None
        self._other = new_hasher(kind) if kind else None

    def update(self, data: Any) -> None:
        if self._md5 is not None:
            self._md5.update(data)
        if self._other is not None:
            self._other.update(data)

    def digest(self) -> tuple[Optional[str], Optional[str]]:
        """``(hex MD5 or None, base64 checksum or None)``."""
        other = None if self._other is None else base64.b64encode(self._other.digest()).decode("ascii")
        return (self._md5.hexdigest() if self._md5 is not None else None), other


def _digest_of(part: Part, data: Any) -> tuple[Optional[str], Optional[str]]:
    hasher = _PartHasher(part)
    hasher.update(data)
    return hasher.digest()


def _md5_problem(part: Part, digest: tuple[Optional[str], Optional[str]]) -> Optional[DXFileError]:
    md5, checksum = digest
    if part.md5 is not None and md5 != part.md5:
        return DXChecksumMismatchError(
            f"Checksum mismatch in part {part.index}: expected {part.md5}, got {md5}")
    if part.checksum is not None and checksum != part.checksum:
        return DXChecksumMismatchError(
            f"Checksum mismatch in part {part.index}: expected {part.checksum_type} {part.checksum}, "
            f"got {checksum}"
        )
    return None


class _Downloader:
    """Fetch chunks on the pool; each worker writes its chunk at its offset and checks finished parts."""

    def __init__(
        self, url_source: UrlSource, write_at: Callable[[int, bytes], Any],
        read_at: Optional[Callable[[int, int], bytes]], chunksize: int,
        progress: Optional[Callable[[int], Any]], request: RequestFn,
        refresh_url: Optional[Callable[[], Any]], part_retries: int,
    ) -> None:
        self.url_source = url_source
        self.write_at = write_at
        self.read_at = read_at
        self.chunksize = chunksize
        self.progress = progress
        self.request = request
        self.refresh_url = refresh_url
        self.part_retries = part_retries
        self.written = 0
        self._lock = threading.Lock()

    def _count(self, num_bytes: int) -> None:
        if num_bytes <= 0:
            return
        with self._lock:
            self.written += num_bytes
        if self.progress is not None:
            self.progress(num_bytes)

    def fetch_chunk(self, job: _PartJob, start: int, end: int) -> None:
        """Worker task: fetch ``[start, end)``, write it, and check the part after its last chunk."""
        part = job.part
        received, digest, failure = 0, None, None
        try:
            data = fetch_range(self.url_source, start, end, request=self.request)
        except DXError as exc:  # handled below by fetching the whole part again
            failure = exc
        else:
            if len(data) == end - start:
                if len(data) == part.size:  # the whole part: hash it here, from memory
                    digest = _digest_of(part, data)
                self.write_at(start, data)
                received = len(data)
                self._count(received)
            else:  # a short answer is not written; the part is fetched again
                failure = DXPartLengthMismatchError(
                    f"Part {part.index}: asked for {end - start} bytes at offset {start}, "
                    f"received {len(data)}"
                )
        if job.chunk_done(received, digest, failure):
            self._finish(job)

    def _check(self, job: _PartJob) -> Optional[BaseException]:
        part = job.part
        problem = job.failure or _size_problem(part, job.received)
        if problem is not None or not part.verifiable:
            return problem
        if job.digest is None:  # several chunks, written out of order: hash what is on disk
            job.digest = self._digest_on_disk(part)
        return _md5_problem(part, job.digest)

    def _digest_on_disk(self, part: Part) -> tuple[Optional[str], Optional[str]]:
        if self.read_at is None:
            raise DXError("download_parts needs read_at to check parts larger than chunksize")
        hasher = _PartHasher(part)
        for offset in range(part.offset, part.end, _VERIFY_BLOCK):
            block = self.read_at(offset, min(_VERIFY_BLOCK, part.end - offset))
            hasher.update(block)
        return hasher.digest()

    def _finish(self, job: _PartJob) -> None:
        """Check a part whose chunks all arrived; fetch it again (in this worker) while it is bad."""
        part = job.part
        problem = self._check(job)
        attempt = 0
        while problem is not None:
            if attempt >= self.part_retries:
                raise problem
            attempt += 1
            logger.warning("Part %d failed (%s); fetching it again (retry %d of %d)",
                           part.index, type(problem).__name__, attempt, self.part_retries)
            if self.refresh_url is not None:
                self.refresh_url()
            problem = self._refetch(part)
        self._count(part.size - job.received)  # bytes that only a re-fetch delivered

    def _refetch(self, part: Part) -> Optional[BaseException]:
        """Fetch a part again chunk by chunk, hashing as it is written."""
        hasher = _PartHasher(part)
        received = 0
        try:
            for _, start, end in iter_chunks([part], self.chunksize):
                data = fetch_range(self.url_source, start, end, request=self.request)
                if len(data) != end - start:
                    return _size_problem(part, received + len(data))
                self.write_at(start, data)
                hasher.update(data)
                received += len(data)
        except DXError as exc:
            return exc
        return _size_problem(part, received) or _md5_problem(part, hasher.digest())


def _check_download_inputs(parts: list[Part], chunksize: int, can_read_back: bool) -> None:
    """Refuse, before any request, a bad chunk size, big parts without read_at, a wrong empty part."""
    if chunksize < 1:
        raise DXError(f"chunksize must be positive, got {chunksize!r}")
    for part in parts:
        if part.size == 0:
            problem = _md5_problem(part, _digest_of(part, b""))
            if problem is not None:
                raise problem
        elif part.size > chunksize and not can_read_back and part.verifiable:
            raise DXError("download_parts needs read_at to check parts larger than chunksize")


def download_parts(
    parts: list[Part],
    url_source: UrlSource,
    write_at: Callable[[int, bytes], Any],
    chunksize: int,
    progress: Optional[Callable[[int], Any]] = None,
    request: Optional[RequestFn] = None,
    refresh_url: Optional[Callable[[], Any]] = None,
    part_retries: int = PART_RETRIES,
    limit: Optional[int] = None,
    read_at: Optional[Callable[[int, int], bytes]] = None,
) -> int:
    """Download ``parts`` in parallel, each worker writing its chunk at its offset.

    Ranges of at most ``chunksize`` bytes are fetched on the shared pool, at most
    ``limit`` at a time (so memory stays about ``limit x chunksize``).  No thread
    serialises the writes: every worker stores its chunk with ``write_at`` as
    soon as it arrives, so chunks land out of order.  The worker finishing a
    part checks its size and MD5 against ``describe`` (from memory when one
    chunk held the part, otherwise by reading it back with ``read_at``) and
    fetches a bad or failed part again, up to ``part_retries`` times, before the
    error is raised.  When this function raises, no worker is still writing.

    :param parts: the parts to fetch (any subset of the file's parts)
    :param url_source: callable returning ``(url, headers)`` of the download URL
    :param write_at: ``write_at(offset, data)`` stores bytes at a file offset;
        called from several threads at once
    :param chunksize: largest range fetched by one request
    :param progress: called (from worker threads) with the byte count of each chunk written
    :param request: the HTTP function (default :func:`dxpy.DXHTTPRequest`)
    :param refresh_url: called before a part is fetched again (e.g. to get a new URL)
    :param part_retries: extra attempts for a bad part
    :param limit: chunks in flight (default: the pool size)
    :param read_at: ``read_at(offset, size)`` returns stored bytes; needed when
        a part is larger than ``chunksize``
    :returns: the number of bytes written
    :raises DXChecksumMismatchError: a part's MD5 stayed wrong
    :raises DXPartLengthMismatchError: a part's size stayed wrong
    :raises DXError: a transfer error the transport could not overcome
    """
    _check_download_inputs(parts, chunksize, read_at is not None)
    http = request if request is not None else _default_request()
    engine = _Downloader(url_source, write_at, read_at, chunksize, progress, http, refresh_url, part_retries)
    window = TransferWindow(limit)
    try:
        for part in parts:
            if part.size == 0:
                continue
            job = _PartJob(part, -(-part.size // chunksize))
            for _, start, end in iter_chunks([part], chunksize):
                window.submit(engine.fetch_chunk, job, start, end)
        window.wait()
    except BaseException as exc:
        window.abort(exc)  # nothing may write after we return (the caller closes the file)
        raise
    return engine.written
