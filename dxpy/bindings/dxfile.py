"""Remote file handler: :class:`DXFile` (upstream path ``dxpy.bindings.dxfile``).

A :class:`DXFile` is used like a local file (text mode by default, binary with ``"b"`` in the mode):

* writing (a new or an open file): :meth:`DXFile.write` fills a buffer of the
  part size and hands each full buffer to the shared transfer pool, which
  uploads parts in parallel while the caller keeps writing; :meth:`flush` sends
  the partial buffer and waits; :meth:`close` flushes and asks the platform to
  assemble the parts.  If any part fails, :meth:`flush`/:meth:`close` raise and
  the file is *not* closed, so a failed upload never looks complete;
* reading (a closed file): :meth:`read`, :meth:`seek`, :meth:`tell` and line
  iteration, served by ranged GETs of the file's download URL with read-ahead.

The part size is the write buffer size adjusted to the container's
``fileUploadParameters`` (minimum and maximum part size, number of parts).
"""

from __future__ import annotations

import codecs
import functools
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from typing import Any, Callable, Optional

from dxpy._defaults import request_options
from dxpy.bindings import DXDataObject, _api_function
from dxpy.bindings import _transfer as transfer
from dxpy.exceptions import DXError, DXFileError, DXPartLengthMismatchError, InvalidState

logger = logging.getLogger(__name__)

__all__ = [
    "DXFile", "DXFileModeError", "DEFAULT_BUFFER_SIZE", "DXFILE_HTTP_THREADS", "FILE_REQUEST_TIMEOUT",
    "MD5_READ_CHUNK_SIZE", "MIN_BUFFER_SIZE", "PART_UPLOAD_REQUEST_TIMEOUT_SECONDS",
]

#: Default read and write buffer size: 16 MiB, or 96 MiB inside a job (jobs run
#: next to the storage and have the memory for it).
DEFAULT_BUFFER_SIZE = 1024 * 1024 * (96 if os.environ.get("DX_JOB_ID") else 16)
#: Smallest read-ahead chunk worth a request.
MIN_BUFFER_SIZE = 1024 * 1024
#: Threads of the shared transfer pool.
DXFILE_HTTP_THREADS = transfer.DEFAULT_THREADS
#: Timeout (seconds) of the file API calls and download GETs.
FILE_REQUEST_TIMEOUT = transfer.FILE_REQUEST_TIMEOUT
#: Timeout (seconds) of one part PUT.
PART_UPLOAD_REQUEST_TIMEOUT_SECONDS = transfer.PART_UPLOAD_TIMEOUT
#: Block size used when hashing local bytes (e.g. parts already on disk when resuming).
MD5_READ_CHUNK_SIZE = 4 * 1024 * 1024

# Read-ahead starts small (cheap for a peek at a header) and doubles every
# few requests up to the read buffer size (fast for sequential scans).
_FIRST_READ_CHUNK = 64 * 1024
_READS_PER_DOUBLING = 4

# Limits used when a container does not report fileUploadParameters.
_DEFAULT_UPLOAD_PARAMS = {
    "minimumPartSize": 5 * 1024 * 1024,
    "maximumPartSize": 5 * 1024 * 1024 * 1024,
    "maximumNumParts": 10000,
    "maximumFileSize": 5 * 1024 ** 4,
    "emptyLastPartAllowed": True,
}

_MODES = ("r", "w", "a")


class DXFileModeError(DXFileError, ValueError):
    """An invalid ``mode`` was given to :class:`DXFile` (also a ``ValueError``)."""


class DXFile(DXDataObject):
    """Handler of a remote file, usable like a local file (text or binary).

    :param dxid: file ID or ``$dnanexus_link`` (``None`` to create one with :meth:`new`)
    :param project: container the handler works through
    :param mode: ``"r"`` (read), ``"w"`` (write), ``"a"`` (append to an open
        file: new parts are numbered after the existing ones) or ``None``, each
        optionally with ``"b"``.  Without ``"b"`` the handler is in text mode:
        :meth:`read` returns ``str`` (UTF-8) and iteration yields lines without
        their newline; with ``"b"`` :meth:`read` returns ``bytes``.  When a
        ``with`` block ends normally the file is flushed and, unless the mode is
        ``"a"`` or ``"r"``, closed if still open.
    :param read_buffer_size: largest range fetched by one read request
    :param write_buffer_size: wanted part size (adjusted to the container's limits)
    :param expected_file_size: total bytes that will be written, if known (makes
        parts large enough to fit in the maximum number of parts)
    :param file_is_mmapd: accepted for compatibility; has no effect
    :raises DXFileError: if ``mode`` is not one of the above
    """

    _class = "file"

    #: pass as ``project`` to :meth:`get_download_url` to send no project hint
    NO_PROJECT_HINT = "NO_PROJECT_HINT"

    #: seconds between polls while waiting for uploaded parts to be complete
    _parts_poll_interval = 1.0
    _parts_poll_attempts = 8

    @classmethod
    def set_http_threadpool_size(cls, num_threads: int) -> None:
        """Set the number of threads that move file parts (for every handler).

        :param num_threads: the pool size, at least 1
        :raises DXError: if ``num_threads`` is not a positive integer
        """
        transfer.set_pool_size(num_threads)

    def __init__(
        self,
        dxid: Any = None,
        project: Optional[str] = None,
        mode: Optional[str] = None,
        read_buffer_size: int = DEFAULT_BUFFER_SIZE,
        write_buffer_size: int = DEFAULT_BUFFER_SIZE,
        expected_file_size: Optional[int] = None,
        file_is_mmapd: bool = False,
    ) -> None:
        base_mode = mode.replace("b", "", 1) if isinstance(mode, str) else None
        if mode is not None and base_mode not in _MODES:
            raise DXFileModeError(f"mode must be 'r', 'w' or 'a', optionally with 'b' ('rb'), got {mode!r}")
        for name, value in (("read_buffer_size", read_buffer_size), ("write_buffer_size", write_buffer_size)):
            if not isinstance(value, int) or value < 1:
                raise DXFileError(f"{name} must be a positive integer, got {value!r}")
        super().__init__(dxid, project)
        self.mode = mode
        self._append = base_mode == "a"
        self._binary = mode is not None and "b" in mode
        self._close_on_exit = base_mode not in ("a", "r")
        self._read_bufsize = read_buffer_size
        self._requested_write_bufsize = write_buffer_size
        self._expected_file_size = expected_file_size
        self._file_is_mmapd = file_is_mmapd
        self._download_urls: dict[tuple[Any, ...], tuple[str, dict[str, str], Optional[float]]] = {}
        self._reset_write_state()
        self._reset_read_state()

    def _reset_write_state(self) -> None:
        self._write_buf = bytearray()
        self._write_bufsize: Optional[int] = None
        self._upload_params: Optional[dict[str, Any]] = None
        self._cur_part = 1
        self._next_part_known = False
        self._num_uploaded_parts = 0
        self._count_lock = threading.Lock()
        # parts handed out for upload and not (yet) confirmed: close() refuses while any remain
        self._unconfirmed: set[int] = set()
        self._window: Optional[transfer.TransferWindow] = None

    def _reset_read_state(self) -> None:
        self._pos = 0
        self._file_length: Optional[int] = None
        self._rbuf = b""
        self._rbuf_start = 0
        self._read_requests = 0
        self._read_options: dict[str, Any] = {}  # request options of the read in progress
        self._prefetch: Optional[tuple[int, Future]] = None
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def set_ids(self, dxid: Any, project: Optional[str] = None) -> None:
        """Bind the handler to file *dxid* in container *project* and reset its state.

        :param dxid: file ID or link
        :param project: container ID (default: the link's, else the current one)
        :raises DXError: if an ID is malformed
        """
        super().set_ids(dxid, project)
        self._download_urls = {}
        self._reset_write_state()
        self._reset_read_state()

    def _new(self, dx_hash: dict[str, Any], media_type: Optional[str] = None, **kwargs: Any) -> None:
        """Create a new open file from *dx_hash* and bind the handler to it.

        :param dx_hash: the ``/file/new`` request built by :meth:`new`
        :param media_type: the file's MIME type (``media``)
        :param kwargs: passed to the API call
        """
        if media_type is not None:
            dx_hash["media"] = media_type
        resp = _api_function("file_new")(dx_hash, **kwargs)
        self.set_ids(resp["id"], dx_hash["project"])

    # -- context manager and iteration ----------------------------------

    def __enter__(self) -> DXFile:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None:
            # Leave the file open: closing now would publish a file missing bytes.
            self._abandon_uploads()
            return
        self.flush()
        if self._close_on_exit and self._dxid is not None and self._get_state() == "open":
            self.close()

    def _abandon_uploads(self) -> None:
        window, self._window = self._window, None
        if window is not None:
            try:
                window.wait()
            except Exception as err:  # the original exception matters more
                logger.debug("part upload failed while leaving a with block: %s", err)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        """Read the next line of a file opened in text mode.

        :returns: the line as ``str``, without its trailing newline
        :raises DXFileError: if the file was opened in binary mode
        :raises StopIteration: at the end of the file
        """
        if self._binary:
            raise DXFileError("Cannot read lines when the file is opened in binary mode")
        line = self.readline()
        if not line:
            raise StopIteration
        return line[:-1].decode("utf-8") if line.endswith(b"\n") else line.decode("utf-8")

    next = __next__

    # -- writing ------------------------------------------------------------

    def _upload_parameters(self, **kwargs: Any) -> dict[str, Any]:
        if self._upload_params is None:
            project = self._proj
            params: dict[str, Any] = {}
            if project is not None:
                prefix = "container" if project.startswith("container-") else "project"
                desc = _api_function(f"{prefix}_describe")(
                    project, {"fields": {"fileUploadParameters": True}}, **kwargs
                )
                params = desc.get("fileUploadParameters") or {}
            self._upload_params = dict(_DEFAULT_UPLOAD_PARAMS, **params)
        return self._upload_params

    def _ensure_write_bufsize(self, **kwargs: Any) -> int:
        """Work out the part size from the buffer size and the container's limits.

        :returns: the part size in bytes
        :raises DXFileError: if the expected size exceeds what the container allows
        """
        if self._write_bufsize is not None:
            return self._write_bufsize
        params = self._upload_parameters(**kwargs)
        size = max(self._requested_write_bufsize, int(params["minimumPartSize"]))
        expected = self._expected_file_size
        if expected is not None:
            if expected > int(params["maximumFileSize"]):
                raise DXFileError(
                    f"Size {expected} is larger than the maximum file size {params['maximumFileSize']}"
                )
            size = max(size, math.ceil(expected / int(params["maximumNumParts"])))
        self._write_bufsize = min(size, int(params["maximumPartSize"]))
        return self._write_bufsize

    def part_size(self, **kwargs: Any) -> int:
        """Return the size of the next part this handler will upload.

        It is the part size worked out from the buffer size and the container's
        limits.  When the total size was not announced (``expected_file_size``),
        the part size doubles every ``maximumNumParts / 8`` parts (up to
        ``maximumPartSize``), so that a stream of unknown length can still grow
        to the maximum file size without running out of part numbers.

        :param kwargs: request options for the one container describe this may need
        :returns: bytes
        """
        base = self._ensure_write_bufsize(**kwargs)
        params = self._upload_parameters(**kwargs)
        if self._expected_file_size is not None:
            return base
        step = max(int(params["maximumNumParts"]) // 8, 1)
        doublings = min((self._cur_part - 1) // step, 40)
        return max(base, min(base << doublings, int(params["maximumPartSize"])))

    def _next_index(self, **kwargs: Any) -> int:
        if self._append and not self._next_part_known:
            parts = self.describe(fields={"parts": True}, **kwargs).get("parts") or {}
            self._cur_part = max((int(k) for k in parts), default=0) + 1
        self._next_part_known = True
        index = self._cur_part
        self._cur_part += 1
        return index

    def write(self, data: Any, multithread: bool = True, **kwargs: Any) -> None:
        """Append *data* to the file; full buffers are uploaded as parts.

        :param data: bytes-like, or ``str`` (encoded as UTF-8)
        :param multithread: upload parts in the background pool (``False``: one
            at a time, in this thread)
        :param kwargs: ``report_progress_fn(handler, num_bytes)``, and options
            for the upload API calls
        :raises DXFileError: if an earlier part failed to upload
        """
        self._require_id("written")
        if isinstance(data, str):
            data = data.encode("utf-8")
        try:
            view = memoryview(data).cast("B")
        except TypeError:
            raise DXFileError(f"DXFile.write: data must be bytes, a bytes-like object or str, "
                              f"not {type(data).__name__}") from None
        while len(view):
            bufsize = self.part_size(**request_options(kwargs))
            if not self._write_buf and len(view) >= bufsize:
                whole = isinstance(data, bytes) and len(view) == len(data) == bufsize
                self._submit_part(data if whole else bytes(view[:bufsize]), multithread, **kwargs)
                view = view[bufsize:]
                continue
            room = bufsize - len(self._write_buf)
            self._write_buf += view[:room]
            view = view[room:]
            if len(self._write_buf) >= bufsize:
                self._submit_buffer(multithread, **kwargs)

    def _submit_buffer(self, multithread: bool, **kwargs: Any) -> None:
        data, self._write_buf = bytes(self._write_buf), bytearray()
        self._submit_part(data, multithread, **kwargs)

    def _submit_part(self, data: bytes, multithread: bool, **kwargs: Any) -> None:
        index = self._next_index()
        with self._count_lock:
            self._unconfirmed.add(index)
        if multithread:
            self._window_for(len(data)).submit(self._upload_part_now, data, index, **kwargs)
        else:
            self._upload_part_now(data, index, **kwargs)

    def _window_for(self, part_bytes: int) -> transfer.TransferWindow:
        """The upload window, narrowed (after draining it) when parts grow past the memory budget."""
        limit = transfer.window_limit(part_bytes)
        if self._window is not None and self._window.limit > limit:
            window, self._window = self._window, None
            window.wait()
        if self._window is None:
            self._window = transfer.TransferWindow(limit)
        return self._window

    def _upload_part_now(
        self,
        data: bytes,
        index: int,
        report_progress_fn: Optional[Callable[[Any, int], Any]] = None,
        display_progress: bool = False,
        **kwargs: Any,
    ) -> None:
        transfer.upload_part(self._require_id("written"), index, data, **kwargs)
        with self._count_lock:
            self._num_uploaded_parts += 1
            self._unconfirmed.discard(index)
        if display_progress:
            sys.stderr.write(".")
            sys.stderr.flush()
        if report_progress_fn is not None:
            report_progress_fn(self, len(data))

    def upload_part(
        self,
        data: Any,
        index: Optional[int] = None,
        display_progress: bool = False,
        report_progress_fn: Optional[Callable[[Any, int], Any]] = None,
        **kwargs: Any,
    ) -> None:
        """Upload one part now, in this thread.

        :param data: the part's bytes (``str`` is encoded as UTF-8)
        :param index: part number 1..10000 (default: the next one)
        :param display_progress: write a dot to stderr when done
        :param report_progress_fn: called as ``fn(handler, num_bytes)`` when done
        :param kwargs: options for the upload API call
        :raises DXError: if the part could not be uploaded
        """
        if isinstance(data, str):
            data = data.encode("utf-8")
        if index is None:
            index = self._next_index()
        self._upload_part_now(bytes(data), index, report_progress_fn, display_progress, **kwargs)

    def flush(self, multithread: bool = True, **kwargs: Any) -> None:
        """Upload the buffered bytes as a part and wait for every part in flight.

        :param multithread: as in :meth:`write`
        :param kwargs: options for the upload API calls
        :raises DXError: the first part upload failure
        """
        if self._write_buf:
            self._submit_buffer(multithread, **kwargs)
        window, self._window = self._window, None
        if window is not None:
            window.wait()

    def wait_until_parts_uploaded(self, **kwargs: Any) -> None:
        """Wait until ``describe`` reports every part as complete.

        :param kwargs: passed to the ``describe`` calls
        :raises DXFileError: if parts stay pending
        """
        for attempt in range(self._parts_poll_attempts):
            parts = self.describe(fields={"parts": True}, **kwargs).get("parts") or {}
            pending = sorted(
                int(k) for k, v in parts.items() if (v or {}).get("state", "complete") != "complete"
            )
            if not pending:
                return
            logger.debug("waiting for parts %s of %s to complete", pending, self._dxid)
            if attempt + 1 < self._parts_poll_attempts:
                self._sleep(self._parts_poll_interval)
        raise DXFileError(f"Parts {pending} of {self._dxid} are still not complete")

    def close(self, block: bool = False, **kwargs: Any) -> None:  # type: ignore[override]
        """Flush, then ask the platform to close (assemble) the file.

        Nothing is closed if a part failed: the error is raised and the file
        stays open, so it can never be closed with bytes missing.

        :param block: wait until the file is in the ``closed`` state
        :param kwargs: options for the API calls (``report_progress_fn`` is
            accepted for the final part)
        :raises DXError: if a part failed or the platform refused to close
        """
        dxid = self._require_id("closed")
        self.flush(**kwargs)
        if self._unconfirmed:
            raise DXFileError(
                f"Parts {sorted(self._unconfirmed)} of {dxid} failed to upload; the file is left open "
                "(upload them again with upload_part(data, index) before closing)"
            )
        api_kwargs = {k: v for k, v in kwargs.items() if k not in ("report_progress_fn", "multithread")}
        if self._num_uploaded_parts == 0:
            self._upload_empty_part_if_needed(**api_kwargs)
        self.wait_until_parts_uploaded(**api_kwargs)
        _api_function("file_close")(dxid, {}, **api_kwargs)
        self._reset_write_state()
        if block:
            self.wait_on_close(**api_kwargs)

    def _upload_empty_part_if_needed(self, **kwargs: Any) -> None:
        parts = self.describe(fields={"parts": True}, **kwargs).get("parts") or {}
        if parts or not self._upload_parameters().get("emptyLastPartAllowed", True):
            return
        try:
            self.upload_part(b"", 1, **kwargs)
        except InvalidState:
            logger.debug("%s is no longer open; not adding an empty part", self._dxid)

    def closed(self, **kwargs: Any) -> bool:
        """Tell whether the file is in the ``closed`` state.

        :param kwargs: passed to ``describe``
        :returns: ``True`` when closed
        """
        return self._get_state(**kwargs) == "closed"

    def wait_on_close(self, timeout: float = 604800, **kwargs: Any) -> None:
        """Block until the file is closed.

        :param timeout: seconds to wait at most
        :param kwargs: passed to the ``describe`` calls
        :raises DXError: on timeout or an unexpected state
        """
        self._wait_on_close(timeout, **kwargs)

    def __del__(self) -> None:
        if getattr(self, "_write_buf", None):
            logger.warning(
                "%s was garbage-collected with %d unwritten bytes in its buffer; call flush() or close()",
                getattr(self, "_dxid", None), len(self._write_buf),
            )

    # -- download URLs ------------------------------------------------------

    #: wall clock (epoch seconds) used for download-URL expiry; injectable for tests
    _wallclock: Callable[[], float] = staticmethod(time.time)

    def _in_project(self, dxid: str, project: str) -> bool:
        try:
            desc = _api_function("file_describe")(dxid, {"project": project, "fields": {"project": True}})
        except DXError as err:
            logger.debug("could not check whether %s is in %s: %s", dxid, project, err)
            return False
        return bool(desc.get("project") == project)

    def get_download_url(
        self,
        duration: Optional[int] = None,
        preauthenticated: bool = False,
        filename: Optional[str] = None,
        project: Optional[str] = None,
        **kwargs: Any,
    ) -> tuple[str, dict[str, str]]:
        """Return a URL (and the headers to send with it) to GET the file's bytes.

        URLs are cached per handle and per set of arguments until shortly before
        they expire.  The API token must not (and is never) sent to such a URL.

        :param duration: seconds the URL should stay valid
        :param preauthenticated: ask for a URL usable without any headers
        :param filename: file name the URL should present
        :param project: container to access the file through; default: the
            handler's container when it holds the file (outside jobs);
            :attr:`NO_PROJECT_HINT` sends no project at all
        :param kwargs: passed to the ``download`` API call
        :returns: ``(url, headers)``
        :raises DXAPIError: e.g. ``InvalidState`` when the file is not closed
        """
        dxid = self._require_id("downloaded")
        key = (duration, bool(preauthenticated), filename, project)
        cached = self._download_urls.get(key)
        if cached is not None and (cached[2] is None or self._wallclock() < cached[2]):
            return cached[0], dict(cached[1])
        args: dict[str, Any] = {"preauthenticated": bool(preauthenticated)}
        if duration is not None:
            args["duration"] = duration
        if filename is not None:
            args["filename"] = filename
        # The handler's container is only a hint: send it when the file is there.
        if (project is None and "DX_JOB_ID" not in os.environ and self._proj is not None
                and self._in_project(dxid, self._proj)):
            project = self._proj
        if project is not None and project != self.NO_PROJECT_HINT:
            args["project"] = project
        kwargs.setdefault("timeout", FILE_REQUEST_TIMEOUT)
        resp = _api_function("file_download")(dxid, args, **kwargs)
        if resp.get("security_status") == "FLAGGED_MALICIOUS":
            logger.warning("%s is flagged as malicious by the platform", dxid)
        headers = transfer._clean_headers(resp.get("headers"))
        expires = resp.get("expires")
        expiry = expires / 1000.0 - 60 if isinstance(expires, (int, float)) else None
        self._download_urls[key] = (resp["url"], headers, expiry)
        return resp["url"], dict(headers)

    def _forget_download_urls(self) -> None:
        self._download_urls = {}

    # -- reading ------------------------------------------------------------

    def _ensure_readable(self, **kwargs: Any) -> int:
        if self._file_length is None:
            desc = self.describe(fields={"state": True, "size": True}, **kwargs)
            if desc.get("state") != "closed":
                raise DXFileError(
                    f"Cannot read from {self._dxid}: it is {desc.get('state')!r}, not closed"
                )
            self._file_length = int(desc.get("size") or 0)
        return self._file_length

    def _fetch(self, start: int, end: int, project: Optional[str]) -> bytes:
        """GET ``[start, end)``, fetching again (with a new URL) if bytes are missing."""
        last: Optional[BaseException] = None
        for attempt in range(1 + transfer.PART_RETRIES):
            if attempt:
                self._forget_download_urls()
            try:
                data = transfer.fetch_range(functools.partial(self.get_download_url, project=project,
                                                              **self._read_options), start, end)
            except DXError as err:
                last = err
                continue
            if len(data) == end - start:
                return data
            last = DXPartLengthMismatchError(
                f"Asked for {end - start} bytes at offset {start} of {self._dxid}, received {len(data)}"
            )
        assert last is not None
        raise last

    def _chunk_size(self, consume: bool = True) -> int:
        doublings = min(self._read_requests // _READS_PER_DOUBLING, 40)
        if consume:
            self._read_requests += 1
        return max(1, min(self._read_bufsize, _FIRST_READ_CHUNK << doublings))

    def _buffered(self, start: int, end: int) -> bytes:
        """Bytes of ``[start, end)`` available from the read-ahead buffer (a prefix)."""
        offset = start - self._rbuf_start
        if 0 <= offset < len(self._rbuf):
            return self._rbuf[offset:end - self._rbuf_start]
        return b""

    def _take_prefetched(self, start: int) -> Optional[bytes]:
        pending, self._prefetch = self._prefetch, None
        if pending is None:
            return None
        if pending[0] != start:
            pending[1].cancel()
            return None
        try:
            return pending[1].result()
        except DXError as err:  # fetched again below, in this thread
            logger.debug("read-ahead of %s at %d failed: %s", self._dxid, start, err)
            return None

    def _load_buffer(self, start: int, project: Optional[str]) -> None:
        """Make the read-ahead buffer start at *start*; schedule the next chunk when reading sequentially."""
        size = self._ensure_readable()
        sequential = start == self._rbuf_start + len(self._rbuf)
        data = self._take_prefetched(start)
        if data is None:
            data = self._fetch(start, min(size, start + self._chunk_size()), project)
        self._rbuf, self._rbuf_start = data, start
        following = start + len(data)
        if sequential and following < size:
            stop = min(size, following + self._chunk_size())
            future = transfer.get_pool().submit(self._fetch, following, stop, project)
            self._prefetch = (following, future)

    def _read_range(self, start: int, end: int, project: Optional[str]) -> bytes:
        head = self._buffered(start, end)
        start += len(head)
        pieces = [head]
        while start < end:
            prefetched = self._prefetch is not None and self._prefetch[0] == start
            if not prefetched and end - start > self._chunk_size(consume=False):
                # a large read: fetch its ranges in parallel instead of through the buffer
                step = self._read_bufsize
                ranges = [(s, min(s + step, end)) for s in range(start, end, step)]
                pieces.extend(transfer.ordered_map(lambda r: self._fetch(r[0], r[1], project), ranges))
                break
            self._load_buffer(start, project)
            piece = self._rbuf[:end - start]
            pieces.append(piece)
            start += len(piece)
        return b"".join(pieces)

    def read(
        self, length: Optional[int] = None, use_compression: Any = None, project: Optional[str] = None,
        **kwargs: Any,
    ) -> Any:
        """Read up to *length* bytes from the current position (all remaining if ``None``).

        :param length: bytes wanted; ``None`` or negative reads to the end
        :param use_compression: accepted for compatibility; bytes are never compressed
        :param project: container to download through (see :meth:`get_download_url`)
        :param kwargs: request options (``auth``, ``timeout`` ...) for every request the read
            makes: the describe and the download URLs
        :returns: ``bytes`` in binary mode; in text mode the bytes decoded as
            UTF-8 (a character split by *length* is completed by the next read)
        :raises DXFileError: if the file is not closed, or bytes stay missing
        """
        size = self._ensure_readable(**kwargs)
        self._read_options = request_options(kwargs)  # the download URLs are asked for with them too
        end = size if length is None or length < 0 else min(size, self._pos + length)
        data = self._read_range(self._pos, end, project) if end > self._pos else b""
        self._pos = max(end, self._pos)
        if self._binary:
            return data
        return self._decoder.decode(data, final=self._pos >= size)

    def readline(self, size: int = -1) -> bytes:
        """Read through the next newline (or *size* bytes, or the end of the file).

        :param size: most bytes to return; negative for no limit
        :returns: the line including its ``\\n`` (empty at end of file)
        """
        file_size = self._ensure_readable()
        pieces: list[bytes] = []
        total = 0
        while self._pos < file_size and (size < 0 or total < size):
            if not self._buffered(self._pos, self._pos + 1):
                self._load_buffer(self._pos, None)
            offset = self._pos - self._rbuf_start
            newline = self._rbuf.find(b"\n", offset)
            stop = newline + 1 if newline >= 0 else len(self._rbuf)
            if size >= 0:
                stop = min(stop, offset + size - total)
            pieces.append(self._rbuf[offset:stop])
            total += stop - offset
            self._pos += stop - offset
            if newline >= 0 and stop == newline + 1:
                break
        return b"".join(pieces)

    def seek(self, offset: int, from_what: int = os.SEEK_SET) -> None:
        """Move the read position.

        :param offset: byte offset
        :param from_what: ``os.SEEK_SET`` (0), ``os.SEEK_CUR`` (1) or ``os.SEEK_END`` (2)
        :raises DXFileError: on a bad ``from_what`` or a negative resulting position
        """
        if from_what == os.SEEK_SET:
            target = offset
        elif from_what == os.SEEK_CUR:
            target = self._pos + offset
        elif from_what == os.SEEK_END:
            target = self._ensure_readable() + offset
        else:
            raise DXFileError(f"from_what must be os.SEEK_SET, os.SEEK_CUR or os.SEEK_END, got {from_what!r}")
        if target < 0:
            raise DXFileError(f"Cannot seek to negative position {target}")
        self._pos = target
        self._decoder.reset()

    def tell(self) -> int:
        """Return the current read position.

        :returns: the byte offset
        """
        return self._pos

    # -- archiving ------------------------------------------------------------

    def archive(self, all_copies: bool = False) -> dict[str, Any]:
        """Ask the platform to archive the file in the handler's container.

        :param all_copies: archive the copies in every container
        :returns: the API response
        """
        project = self._require_project("archive")
        req = {"files": [self._require_id("archived")], "allCopies": bool(all_copies)}
        return _api_function("project_archive")(project, req)

    def unarchive(self, dry_run: bool = False) -> dict[str, Any]:
        """Ask the platform to bring the file back from the archive.

        :param dry_run: only report what it would cost
        :returns: the API response
        """
        project = self._require_project("unarchive")
        req = {"files": [self._require_id("unarchived")], "dryRun": bool(dry_run)}
        return _api_function("project_unarchive")(project, req)
