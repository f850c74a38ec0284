"""Tests for :class:`dxpy.utils.Nonce` (``dxpy/_nonce.py``)."""

from __future__ import annotations

import re
import threading
import types

import pytest

import dxpy.utils
from dxpy._nonce import MAX_NONCE_BYTES, Nonce
from dxpy.exceptions import DXError

_NONCE_RE = re.compile(r"^[0-9a-f]{64}\d+\.\d{6}$")


def test_public_as_dxpy_utils_nonce() -> None:
    assert dxpy.utils.Nonce is Nonce


def test_value_shape_and_length() -> None:
    value = str(Nonce())
    assert _NONCE_RE.match(value), value
    assert value.isascii()
    assert len(value.encode("utf-8")) <= MAX_NONCE_BYTES == 128


def test_time_part_comes_from_the_clock() -> None:
    nonce = Nonce(clock=lambda: 1700000000.25)
    assert nonce.nonce.endswith("1700000000.250000")
    assert str(nonce) == nonce.nonce
    assert len(nonce.nonce) == 64 + len("1700000000.250000")


def test_far_future_time_still_fits() -> None:
    assert len(Nonce(clock=lambda: 9.99e12).nonce.encode()) <= MAX_NONCE_BYTES


def test_same_clock_still_unique() -> None:
    values = {Nonce(clock=lambda: 5.0).nonce for _ in range(5000)}
    assert len(values) == 5000


def test_unique_across_threads() -> None:
    results: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        mine = [str(Nonce()) for _ in range(500)]
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == len(set(results)) == 4000


def test_repr_shows_value() -> None:
    nonce = Nonce()
    assert repr(nonce) == f"Nonce({nonce.nonce!r})"


def test_update_adds_nonce_to_a_copy() -> None:
    given = {"project": "project-x", "name": "a"}
    updated = Nonce.update_nonce(given)
    assert given == {"project": "project-x", "name": "a"}
    assert updated is not given
    assert _NONCE_RE.match(updated.pop("nonce"))
    assert updated == given


@pytest.mark.parametrize("empty", ["", None, b""])
def test_update_replaces_empty_nonce(empty: object) -> None:
    given = {"nonce": empty, "x": 1}
    updated = Nonce.update_nonce(given)
    assert given == {"nonce": empty, "x": 1}
    assert isinstance(updated["nonce"], str) and _NONCE_RE.match(updated["nonce"])
    assert updated["x"] == 1


@pytest.mark.parametrize("kept", ["my-nonce", "0", 42])
def test_update_keeps_given_nonce(kept: object) -> None:
    given = {"nonce": kept}
    updated = Nonce.update_nonce(given)
    assert updated == {"nonce": kept}
    assert updated is not given


def test_update_is_a_shallow_copy() -> None:
    inner = {"a": 1}
    updated = Nonce.update_nonce({"details": inner})
    assert updated["details"] is inner


def test_update_gives_a_fresh_nonce_each_call() -> None:
    assert Nonce.update_nonce({})["nonce"] != Nonce.update_nonce({})["nonce"]


def test_update_accepts_none_and_other_mappings() -> None:
    assert set(Nonce.update_nonce(None)) == {"nonce"}
    proxied = types.MappingProxyType({"k": "v"})
    updated = Nonce.update_nonce(proxied)
    assert type(updated) is dict and updated["k"] == "v" and "nonce" in updated


@pytest.mark.parametrize("bad", [["nonce"], "nonce", 3])
def test_update_rejects_non_objects(bad: object) -> None:
    with pytest.raises(DXError, match="input_params must be a JSON object"):
        Nonce.update_nonce(bad)


def test_update_is_a_staticmethod_usable_on_instances() -> None:
    assert "nonce" in Nonce().update_nonce({})
