"""On-disk blob store for the emulator's file parts.

Each uploaded part is one immutable *blob*: a regular file under
``<blob_dir>/parts/<fan-out>/<name>``. Blobs are written by streaming the request
body through a fixed-size buffer into a temporary file under ``<blob_dir>/tmp``
while its MD5 is computed, then published with an atomic :func:`os.replace`.
A part's bytes are therefore never held in memory as a whole, and a reader can
never observe a half-written blob.

Blob names are random and never reused. The metadata database records which
blob currently holds a part, so re-uploading a part writes a *new* blob and the
database switch is the commit point ("the last successful PUT wins" even with
concurrent PUTs of the same part); the previous blob is deleted afterwards.
Blobs orphaned by a crash between publishing and committing are removed by
:meth:`BlobStore.sweep`.

A closed file is the concatenation of its parts in index order. Rather than
copying them into one big blob at close time, readers address a file through a
list of :class:`Segment` objects (blob name + size, in order); the range helpers
here translate a byte range of the logical file into slices of the blobs.

Nothing here calls ``fsync``: like the SQLite store (``synchronous=NORMAL``),
the emulator promises to survive a crash of its own process, whose writes are
already in the kernel's page cache, not a power loss.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple, Optional

logger = logging.getLogger(__name__)

#: Size of the buffer used to move bytes between sockets and blobs.
CHUNK_SIZE = 1024 * 1024

#: Temporary files older than this are considered abandoned by :meth:`BlobStore.sweep`.
STALE_TMP_SECONDS = 3600.0


class BlobError(Exception):
    """Base class of the blob store's errors (an upload body that cannot be stored)."""


class ShortBodyError(BlobError):
    """The request body ended before the announced number of bytes arrived.

    :param expected: number of bytes announced
    :param received: number of bytes actually read
    """

    def __init__(self, expected: int, received: int) -> None:
        super().__init__(f"request body ended after {received} of {expected} bytes")
        self.expected = expected
        self.received = received


class DigestMismatchError(BlobError):
    """The MD5 of the received bytes differs from the expected one.

    :param expected: expected lowercase hex digest
    :param actual: digest of the bytes received
    """

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"MD5 of the received bytes is {actual}, expected {expected}")
        self.expected = expected
        self.actual = actual


class StoredBlob(NamedTuple):
    """A blob that has been published.

    :ivar name: opaque blob name (store it, pass it back to the store)
    :ivar size: number of bytes
    :ivar md5: lowercase hex MD5 of the bytes
    """

    name: str
    size: int
    md5: str


class Segment(NamedTuple):
    """One part of a logical file: which blob holds it and how long it is."""

    name: str
    size: int


class Slice(NamedTuple):
    """A contiguous byte range inside one blob."""

    name: str
    offset: int
    length: int


def _valid_name(name: str) -> bool:
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name)


class BlobStore:
    """Streams part bodies to disk and reads byte ranges back.

    Safe to use from many threads at once: every write goes to its own
    temporary file and blobs are immutable once published.

    :param root: directory holding the store (created if missing)
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = os.fspath(root)
        self._parts = os.path.join(self.root, "parts")
        self._tmp = os.path.join(self.root, "tmp")
        os.makedirs(self._parts, mode=0o700, exist_ok=True)
        os.makedirs(self._tmp, mode=0o700, exist_ok=True)

    def path(self, name: str) -> str:
        """Return the filesystem path of a blob.

        :param name: a blob name returned by :meth:`receive`
        :returns: absolute or root-relative path of the blob file
        :raises ValueError: if ``name`` is not a well-formed blob name
        """
        if not _valid_name(name):
            raise ValueError("malformed blob name")
        return os.path.join(self._parts, name[:2], name)

    def receive(
        self,
        stream: BinaryIO,
        length: int,
        expected_md5: Optional[str] = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> StoredBlob:
        """Read exactly ``length`` bytes from ``stream`` into a new blob.

        :param stream: readable binary stream (e.g. a request's ``rfile``)
        :param length: exact number of bytes to read
        :param expected_md5: if given, lowercase hex MD5 the bytes must have
        :param chunk_size: read buffer size in bytes
        :returns: the published blob
        :raises ShortBodyError: if the stream ends early (nothing is published)
        :raises DigestMismatchError: if the MD5 differs (nothing is published)
        :raises OSError: on filesystem errors (nothing is published)
        """
        if length < 0:
            raise ValueError("length must be >= 0")
        name = secrets.token_hex(16)
        tmp_path = os.path.join(self._tmp, name)
        digest = hashlib.md5()
        received = 0
        buf = bytearray(min(chunk_size, max(length, 1)))
        view = memoryview(buf)
        try:
            # owner-only, whatever the process umask: file bytes are as private as the database
            fd = os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb", buffering=0) as out:
                while received < length:
                    want = min(len(buf), length - received)
                    got = stream.readinto(view[:want])  # type: ignore[attr-defined]
                    if not got:
                        raise ShortBodyError(length, received)
                    digest.update(view[:got])
                    out.write(view[:got])
                    received += got
            md5 = digest.hexdigest()
            if expected_md5 is not None and md5 != expected_md5.lower():
                raise DigestMismatchError(expected_md5.lower(), md5)
            final = self.path(name)
            os.makedirs(os.path.dirname(final), mode=0o700, exist_ok=True)
            os.replace(tmp_path, final)
        except BaseException:
            _unlink_quietly(tmp_path)
            raise
        return StoredBlob(name, length, md5)

    def store_bytes(self, data: bytes) -> StoredBlob:
        """Publish a small in-memory byte string as a blob (used for tests and tiny parts).

        :param data: the bytes
        :returns: the published blob
        """
        return self.receive(io.BytesIO(data), len(data))

    def delete(self, name: Optional[str]) -> None:
        """Delete a blob; a missing blob or ``None`` is ignored.

        :param name: blob name or ``None``
        """
        if name and _valid_name(name):
            _unlink_quietly(self.path(name))

    def exists(self, name: str) -> bool:
        """Tell whether a blob is present.

        :param name: blob name
        :returns: ``True`` if the blob file exists
        """
        return _valid_name(name) and os.path.isfile(self.path(name))

    def names(self) -> Iterator[str]:
        """Iterate over the names of all published blobs.

        :returns: iterator of blob names
        """
        for fan in sorted(os.listdir(self._parts)):
            sub = os.path.join(self._parts, fan)
            if not os.path.isdir(sub):
                continue
            for entry in os.listdir(sub):
                if _valid_name(entry):
                    yield entry

    def sweep(self, keep: Iterable[str], now: Optional[float] = None) -> int:
        """Delete blobs not in ``keep`` and abandoned temporary files.

        Only call this when no upload can be between publishing its blob and
        committing it (for example at server start), otherwise a part in flight
        could lose its bytes.

        :param keep: names of blobs still referenced by the metadata store
        :param now: current time in seconds (injectable for tests)
        :returns: number of files removed
        """
        wanted = set(keep)
        removed = 0
        for name in list(self.names()):
            if name not in wanted:
                _unlink_quietly(self.path(name))
                removed += 1
        limit = (time.time() if now is None else now) - STALE_TMP_SECONDS
        for entry in os.listdir(self._tmp):
            full = os.path.join(self._tmp, entry)
            try:
                if os.stat(full).st_mtime < limit:
                    os.unlink(full)
                    removed += 1
            except OSError:
                pass
        if removed:
            logger.info("blob store sweep removed %d unreferenced file(s)", removed)
        return removed

    def read_slices(self, slices: Iterable[Slice], chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """Yield the bytes of consecutive blob slices, at most ``chunk_size`` at a time.

        :param slices: slices as returned by :func:`slices_for_range`
        :param chunk_size: maximum size of each yielded chunk
        :returns: iterator of byte chunks
        :raises BlobError: if a blob is shorter than its slice (store corruption)
        """
        for piece in slices:
            with open(self.path(piece.name), "rb") as src:
                src.seek(piece.offset)
                left = piece.length
                while left > 0:
                    data = src.read(min(chunk_size, left))
                    if not data:
                        raise BlobError("blob is shorter than recorded")
                    left -= len(data)
                    yield data


def total_size(segments: Iterable[Segment]) -> int:
    """Return the size of the logical file made of ``segments``.

    :param segments: the file's parts in order
    :returns: sum of the segment sizes
    """
    return sum(seg.size for seg in segments)


def slices_for_range(segments: Iterable[Segment], start: int, end: int) -> list[Slice]:
    """Map the inclusive byte range ``start..end`` of a logical file onto blob slices.

    :param segments: the file's parts in order (empty parts are allowed)
    :param start: first byte wanted (0-based)
    :param end: last byte wanted, inclusive; ``end < start`` means nothing
    :returns: slices, in order, covering exactly the intersection of the range
        with the file
    """
    out: list[Slice] = []
    if end < start:
        return out
    pos = 0
    for seg in segments:
        seg_end = pos + seg.size - 1
        if seg.size and seg_end >= start and pos <= end:
            lo = max(start, pos)
            hi = min(end, seg_end)
            out.append(Slice(seg.name, lo - pos, hi - lo + 1))
        pos += seg.size
        if pos > end:
            break
    return out


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        logger.warning("could not remove blob file %s: %s", os.path.basename(path), exc)
