"""Per-part checksums besides MD5: CRC32, CRC32C, SHA1, SHA256 and CRC64NVME.

The platform describes some files with a ``checksumType`` and, for each part, a base64
``checksum``: the digest for SHA1/SHA256, the CRC as big-endian bytes for the CRCs (as
S3's ``x-amz-checksum-*`` headers carry them).

Implementations, fastest available first:

* CRC32: :func:`zlib.crc32`; SHA1, SHA256: :mod:`hashlib` (standard library).
* CRC32C: ``google-crc32c``, else ``awscrt``, else the pure-Python table below.
* CRC64NVME: ``awscrt``, else the pure-Python table below.

``pip install 'dxpy[checksums]'`` installs both packages; without them the pure-Python
code gives the same answers, slowly (``benchmarks/bench_transfer.py`` prints its speed).
This module uses the standard library only, so the emulator shares it.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from typing import Any, Callable, Optional

__all__ = ["CHECKSUM_TYPES", "checksum_b64", "implementation", "new_hasher", "pure_crc"]

#: The checksum types the platform may name, as it spells them.
CHECKSUM_TYPES = ("CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME")

_CRC32C_POLY = 0x82F63B78  # Castagnoli, reflected
_CRC64NVME_POLY = 0x9A6C9329AC4BC9B5  # CRC-64/NVME, reflected


def _table(poly: int) -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ poly if crc & 1 else crc >> 1
        table.append(crc)
    return table


_TABLES: dict[str, tuple[list[int], int]] = {
    "CRC32C": (_table(_CRC32C_POLY), 0xFFFFFFFF),
    "CRC64NVME": (_table(_CRC64NVME_POLY), 0xFFFFFFFFFFFFFFFF),
}


def pure_crc(kind: str, data: bytes, crc: int = 0) -> int:
    """CRC32C or CRC64NVME of *data* in pure Python (reflected, all-ones init and xor-out).

    :param kind: ``"CRC32C"`` or ``"CRC64NVME"``.
    :param data: the bytes.
    :param crc: the CRC of what came before (to continue a running CRC).
    :returns: the CRC.
    """
    table, mask = _TABLES[kind]
    crc ^= mask
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ mask


def _fast_crc(kind: str) -> tuple[Optional[Callable[[bytes, int], int]], str]:
    """A package's CRC function ``(data, previous) -> crc`` and its name, or ``(None, ...)``."""
    if kind == "CRC32C":
        try:
            import google_crc32c  # type: ignore[import-not-found, unused-ignore]

            if getattr(google_crc32c, "implementation", "c") == "c":
                return (lambda data, crc: int(google_crc32c.extend(crc, data))), "google-crc32c"
        except ImportError:
            pass
    try:
        from awscrt import checksums  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None, "pure Python"
    fn = checksums.crc32c if kind == "CRC32C" else checksums.crc64nvme
    return (lambda data, crc: int(fn(data, crc))), "awscrt"


_FAST: dict[str, tuple[Optional[Callable[[bytes, int], int]], str]] = {}


def _crc_function(kind: str, force_pure: bool = False) -> tuple[Callable[[bytes, int], int], str]:
    if force_pure:
        return (lambda data, crc: pure_crc(kind, data, crc)), "pure Python"
    if kind not in _FAST:
        _FAST[kind] = _fast_crc(kind)
    fn, name = _FAST[kind]
    if fn is None:
        return (lambda data, crc: pure_crc(kind, data, crc)), "pure Python"
    return fn, name


def implementation(checksum_type: str) -> str:
    """Which code computes *checksum_type* here.

    :param checksum_type: one of :data:`CHECKSUM_TYPES`.
    :returns: ``"zlib"``, ``"hashlib"``, ``"google-crc32c"``, ``"awscrt"`` or ``"pure Python"``.
    :raises ValueError: for an unknown type.
    """
    if checksum_type == "CRC32":
        return "zlib"
    if checksum_type in ("SHA1", "SHA256"):
        return "hashlib"
    if checksum_type in _TABLES:
        return _crc_function(checksum_type)[1]
    raise ValueError(f"unknown checksum type {checksum_type!r}")


class _CrcHasher:
    def __init__(self, fn: Callable[[bytes, int], int], width: int) -> None:
        self._fn, self._width, self._crc = fn, width, 0

    def update(self, data: Any) -> None:
        self._crc = self._fn(bytes(data), self._crc)

    def digest(self) -> bytes:
        return self._crc.to_bytes(self._width, "big")


def new_hasher(checksum_type: str, force_pure: bool = False) -> Any:
    """A running checksum: ``update(bytes)`` then ``digest()`` (the bytes base64 encodes).

    :param checksum_type: one of :data:`CHECKSUM_TYPES`.
    :param force_pure: use the pure-Python CRC even where a package is installed (benchmarks).
    :returns: the hasher.
    :raises ValueError: for an unknown type.
    """
    if checksum_type == "CRC32":
        return _CrcHasher(lambda data, crc: zlib.crc32(data, crc), 4)
    if checksum_type == "SHA1":
        return hashlib.sha1()  # noqa: S324 - the platform's choice, used for integrity only
    if checksum_type == "SHA256":
        return hashlib.sha256()
    if checksum_type in _TABLES:
        fn, _name = _crc_function(checksum_type, force_pure)
        return _CrcHasher(fn, 4 if checksum_type == "CRC32C" else 8)
    raise ValueError(f"unknown checksum type {checksum_type!r}")


def checksum_b64(checksum_type: str, data: bytes) -> str:
    """The base64 checksum of *data*, as the platform lists it for a part.

    :param checksum_type: one of :data:`CHECKSUM_TYPES`.
    :param data: the part's bytes.
    :returns: the base64 text.
    :raises ValueError: for an unknown type.
    """
    hasher = new_hasher(checksum_type)
    hasher.update(data)
    return base64.b64encode(hasher.digest()).decode("ascii")
