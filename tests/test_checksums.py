"""dxpy._checksums: every checksum type the platform names, the pure-Python CRCs against
published check values, and the optional packages agreeing with them."""

from __future__ import annotations

import base64
import hashlib
import os
import zlib

import pytest

from dxpy import _checksums
from dxpy._checksums import CHECKSUM_TYPES, checksum_b64, implementation, new_hasher, pure_crc


def test_pure_crcs_match_the_published_check_values():
    # the "check" value of each CRC catalogue entry: the CRC of b"123456789"
    assert pure_crc("CRC32C", b"123456789") == 0xE3069283
    assert pure_crc("CRC64NVME", b"123456789") == 0xAE8B14860A799888
    assert pure_crc("CRC32C", b"") == 0 and pure_crc("CRC64NVME", b"") == 0


def test_running_crcs_equal_one_shot_crcs():
    data = os.urandom(10_000)
    for kind in ("CRC32C", "CRC64NVME"):
        assert pure_crc(kind, data[3000:], pure_crc(kind, data[:3000])) == pure_crc(kind, data)


@pytest.mark.parametrize("kind", CHECKSUM_TYPES)
def test_hashers_stream_and_encode_like_the_platform(kind):
    data = os.urandom(70_001)
    hasher = new_hasher(kind)
    for i in range(0, len(data), 4096):
        hasher.update(data[i:i + 4096])
    expected = {
        "CRC32": zlib.crc32(data).to_bytes(4, "big"),
        "CRC32C": pure_crc("CRC32C", data).to_bytes(4, "big"),
        "SHA1": hashlib.sha1(data).digest(),
        "SHA256": hashlib.sha256(data).digest(),
        "CRC64NVME": pure_crc("CRC64NVME", data).to_bytes(8, "big"),
    }[kind]
    assert hasher.digest() == expected
    assert checksum_b64(kind, data) == base64.b64encode(expected).decode()


@pytest.mark.parametrize("kind", ["CRC32C", "CRC64NVME"])
def test_the_installed_package_and_the_pure_fallback_agree(kind):
    data = os.urandom(100_003)
    fast, pure = new_hasher(kind), new_hasher(kind, force_pure=True)
    for h in (fast, pure):
        h.update(data[:77])
        h.update(data[77:])
    assert fast.digest() == pure.digest()
    assert implementation(kind) in ("google-crc32c", "awscrt", "pure Python")


def test_without_the_packages_the_pure_code_is_used(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_packages(name, *args, **kwargs):
        if name in ("google_crc32c", "awscrt"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_packages)
    monkeypatch.setattr(_checksums, "_FAST", {})
    assert implementation("CRC32C") == implementation("CRC64NVME") == "pure Python"
    assert checksum_b64("CRC32C", b"123456789") == base64.b64encode((0xE3069283).to_bytes(4, "big")).decode()


def test_unknown_types_are_refused():
    with pytest.raises(ValueError, match="MD4"):
        new_hasher("MD4")
    with pytest.raises(ValueError):
        implementation("crc32")  # the platform's spelling only
