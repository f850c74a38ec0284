"""Tests for the emulator's on-disk blob store (dxpy.emulator._blobstore.blobs)."""

from __future__ import annotations

import hashlib
import io
import os
import threading

import pytest

from dxpy.emulator._blobstore.blobs import (
    BlobStore,
    DigestMismatchError,
    Segment,
    ShortBodyError,
    Slice,
    slices_for_range,
    total_size,
)


class CountingReader(io.RawIOBase):
    """A stream producing deterministic bytes and recording the largest read requested."""

    def __init__(self, size: int, chunk_limit: int = 1 << 30) -> None:
        self.size = size
        self.pos = 0
        self.largest_read = 0
        self.chunk_limit = chunk_limit

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[override]
        n = min(len(buf), self.size - self.pos, self.chunk_limit)
        self.largest_read = max(self.largest_read, len(buf))
        for i in range(n):
            buf[i] = (self.pos + i) % 251
        self.pos += n
        return n


def pattern(size: int) -> bytes:
    return bytes((i % 251) for i in range(size))


def test_receive_streams_and_hashes(tmp_path):
    store = BlobStore(tmp_path / "blobs")
    src = CountingReader(3 * 1024 * 1024 + 17, chunk_limit=70_000)
    blob = store.receive(src, src.size, chunk_size=256 * 1024)
    data = pattern(src.size)
    assert blob.size == len(data)
    assert blob.md5 == hashlib.md5(data).hexdigest()
    with open(store.path(blob.name), "rb") as fh:
        assert fh.read() == data
    # never asked for more than one buffer at a time
    assert src.largest_read <= 256 * 1024
    assert list(store.names()) == [blob.name]
    assert os.listdir(tmp_path / "blobs" / "tmp") == []


def test_receive_checks_expected_md5(tmp_path):
    store = BlobStore(tmp_path)
    data = b"hello world"
    good = store.receive(io.BytesIO(data), len(data), expected_md5=hashlib.md5(data).hexdigest().upper())
    assert good.md5 == hashlib.md5(data).hexdigest()
    with pytest.raises(DigestMismatchError) as info:
        store.receive(io.BytesIO(data), len(data), expected_md5="0" * 32)
    assert info.value.actual == good.md5
    assert list(store.names()) == [good.name]
    assert os.listdir(tmp_path / "tmp") == []


def test_short_body_publishes_nothing(tmp_path):
    store = BlobStore(tmp_path)
    with pytest.raises(ShortBodyError) as info:
        store.receive(io.BytesIO(b"abc"), 10)
    assert (info.value.expected, info.value.received) == (10, 3)
    assert list(store.names()) == []
    assert os.listdir(tmp_path / "tmp") == []


def test_empty_blob_and_delete(tmp_path):
    store = BlobStore(tmp_path)
    blob = store.store_bytes(b"")
    assert blob.size == 0 and blob.md5 == hashlib.md5(b"").hexdigest()
    assert store.exists(blob.name)
    store.delete(blob.name)
    store.delete(blob.name)  # idempotent
    store.delete(None)
    assert not store.exists(blob.name)


def test_path_rejects_traversal(tmp_path):
    store = BlobStore(tmp_path)
    with pytest.raises(ValueError):
        store.path("../../etc/passwd")
    assert not store.exists("../x")


def test_sweep_removes_unreferenced_and_stale_tmp(tmp_path):
    store = BlobStore(tmp_path)
    keep = store.store_bytes(b"keep")
    drop = store.store_bytes(b"drop")
    stale = tmp_path / "tmp" / "leftover"
    stale.write_bytes(b"x")
    fresh = tmp_path / "tmp" / "inflight"
    fresh.write_bytes(b"y")
    old = os.stat(stale).st_mtime - 10_000
    os.utime(stale, (old, old))
    removed = store.sweep([keep.name], now=os.stat(fresh).st_mtime + 1)
    assert removed == 2
    assert store.exists(keep.name) and not store.exists(drop.name)
    assert not stale.exists() and fresh.exists()


def test_slices_for_range_across_parts():
    segs = [Segment("a" * 32, 5), Segment("b" * 32, 0), Segment("c" * 32, 3), Segment("d" * 32, 4)]
    assert total_size(segs) == 12
    assert slices_for_range(segs, 0, 11) == [
        Slice("a" * 32, 0, 5),
        Slice("c" * 32, 0, 3),
        Slice("d" * 32, 0, 4),
    ]
    assert slices_for_range(segs, 4, 8) == [
        Slice("a" * 32, 4, 1),
        Slice("c" * 32, 0, 3),
        Slice("d" * 32, 0, 1),
    ]
    assert slices_for_range(segs, 5, 7) == [Slice("c" * 32, 0, 3)]
    assert slices_for_range(segs, 11, 50) == [Slice("d" * 32, 3, 1)]
    assert slices_for_range(segs, 12, 20) == []
    assert slices_for_range(segs, 3, 2) == []
    assert slices_for_range([], 0, 0) == []


def test_read_slices_matches_concatenation(tmp_path):
    store = BlobStore(tmp_path)
    parts = [os.urandom(n) for n in (1000, 0, 1, 4097, 300)]
    segs = [Segment(store.store_bytes(p).name, len(p)) for p in parts]
    whole = b"".join(parts)
    for start, end in [(0, len(whole) - 1), (999, 1001), (1000, 1000), (1001, 5097), (5000, 9999), (17, 16)]:
        got = b"".join(store.read_slices(slices_for_range(segs, start, end), chunk_size=512))
        assert got == whole[start : end + 1]


def test_concurrent_receives_are_independent(tmp_path):
    store = BlobStore(tmp_path)
    results: dict[int, object] = {}

    def work(i: int) -> None:
        data = bytes([i]) * (200_000 + i)
        results[i] = (store.receive(io.BytesIO(data), len(data), chunk_size=4096), data)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r[0].name for r in results.values()}) == 8  # type: ignore[index]
    for blob, data in results.values():  # type: ignore[misc]
        with open(store.path(blob.name), "rb") as fh:
            assert fh.read() == data
