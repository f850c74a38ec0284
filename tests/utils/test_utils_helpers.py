"""dxpy.utils helpers from upstream, dxpy.utils.printing and dxpy.compat."""

from __future__ import annotations

import io
import pickle
import sys
import threading

import pytest

import dxpy.utils
from dxpy import compat
from dxpy.utils import printing


def test_merge_recurses_into_mappings() -> None:
    d = {"a": {"b": 1, "c": 2}, "x": [1]}
    assert dxpy.utils.merge(d, {"a": {"b": 3, "n": {"m": 1}}, "x": [2]}) is d
    assert d == {"a": {"b": 3, "c": 2, "n": {"m": 1}}, "x": [2]}


def test_group_array_by_field_keeps_order_and_none_group() -> None:
    groups = dxpy.utils.group_array_by_field(
        [{"g": "b", "i": 1}, {"i": 2}, {"g": "a", "i": 3}, {"g": "b", "i": 4}], "g"
    )
    assert list(groups) == ["b", None, "a"]
    assert [x["i"] for x in groups["b"]] == [1, 4]
    copy = pickle.loads(pickle.dumps(groups))
    assert copy == groups and copy["new"] == []


def test_ordered_defaultdict_refuses_non_callable() -> None:
    with pytest.raises(TypeError, match="callable"):
        dxpy.utils.OrderedDefaultdict(3)
    with pytest.raises(KeyError):
        dxpy.utils.OrderedDefaultdict()["k"]


def test_json_duplicates_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate key: 'a'"):
        dxpy.utils.json_loads_raise_on_duplicates('{"a": 1, "b": {"a": 2}, "a": 3}')
    assert dxpy.utils.json_load_raise_on_duplicates(io.StringIO('{"a": {"a": 1}}')) == {"a": {"a": 1}}


def test_response_iterator_yields_in_order_with_bounded_parallelism() -> None:
    active, peak, lock = [0], [0], threading.Lock()
    release = threading.Event()

    def task(i: int) -> int:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        release.wait(5)
        with lock:
            active[0] -= 1
        return i * 10

    release.set()
    pool = dxpy.utils.get_futures_threadpool(4)
    with pool:
        results = list(
            dxpy.utils.response_iterator(iter([(task, (i,), {}) for i in range(9)]), pool, max_active_tasks=2)
        )
    assert results == [i * 10 for i in range(9)]
    assert peak[0] <= 2
    with dxpy.utils.get_futures_threadpool(1) as pool:
        assert list(dxpy.utils.response_iterator(iter([]), pool)) == []
        futures = [pool.submit(pow, 2, 3)]
        dxpy.utils.wait_for_all_futures(futures)
        assert dxpy.utils.wait_for_a_future(futures).result() == 8


def test_string_buffer_length_keeps_position() -> None:
    buf = io.BytesIO(b"hello")
    buf.seek(2)
    assert dxpy.utils.string_buffer_length(buf) == 5 and buf.tell() == 2


def test_warn_writes_stderr(capsys: pytest.CaptureFixture) -> None:
    dxpy.utils.warn("careful", 1)
    assert capsys.readouterr().err == "careful 1\n"


def test_printing_colours_follow_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "color_state", True)
    assert printing.RED("x") == "\033[31mx\033[0m"
    assert printing.BOLD() == "\033[1m"
    printing.set_colors(False)
    assert printing.RED("x") == "x" and printing.ENDC() == "" and printing.DNANEXUS_LOGO() == "DNAnexus"


def test_printing_fill_and_delimiter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "std_width", 30)
    text = printing.fill("word-with-hyphens " * 4)
    assert all(len(line) <= 30 for line in text.splitlines()) and "word-with-hyphens" in text.splitlines()[0]
    assert printing.refill_paragraphs("a b\n\n    keep  this\n  x") == "a b\n\n    keep  this\n  x"
    printing.set_delimiter("\t")
    try:
        assert printing.DELIMITER(" ") == "\t" and printing.get_delimiter() == "\t"
    finally:
        printing.set_delimiter(None)
    assert printing.DELIMITER(" ") == " "


def test_nostderr_silences_and_restores() -> None:
    before = sys.stderr
    with printing.nostderr():
        print("hidden", file=sys.stderr)
        assert sys.stderr is not before
    assert sys.stderr is before


def test_compat_names() -> None:
    assert compat.USING_PYTHON2 is False
    assert isinstance("s", compat.basestring) and isinstance(b"b", compat.basestring)
    assert compat.THREAD_TIMEOUT_MAX == threading.TIMEOUT_MAX
    hasher = compat.md5_hasher()
    hasher.update(b"abc")
    assert hasher.hexdigest() == "900150983cd24fb0d6963f7d28e17f72"
    assert isinstance(compat.sys_encoding, str) and compat.sys_encoding


def test_pretty_print_renderings(monkeypatch: pytest.MonkeyPatch) -> None:
    import collections
    import json

    from dxpy.utils import pretty_print

    monkeypatch.setattr(printing, "color_state", False)
    assert pretty_print.format_timedelta(3723000) == "1 hours, 2 minutes, 3 seconds"
    assert pretty_print.format_timedelta(3600, in_seconds=True, largest_units="minutes") == "60 minutes"
    assert pretty_print.format_timedelta(61, in_seconds=True, auto_singulars=True) == "1 minute, 1 second"
    assert pretty_print.format_timedelta(0) == "0 miliseconds"
    with pytest.raises(ValueError, match="largest units"):
        pretty_print.format_timedelta(5, largest_units="weeks")
    tree = collections.OrderedDict([("a", {"b": {}, "c": {"d": 0}}), ("e", 0)])
    assert pretty_print.format_tree(tree, root="R").splitlines() == [
        "R", "├── a", "│   ├── b", "│   └── c", "│       └── d", "└── e"]
    table = pretty_print.format_table([[1, "x\ty"], [22, "z" * 40]], column_names=["A", "B"], max_col_width=8)
    assert table.splitlines() == ["┌──┬────────┐", "│A │B       │", "├──┼────────┤", "│1 │x\\ty    │",
                                  "│22│zzzzzzz…│", "└──┴────────┘"]
    flat = pretty_print.flatten_json_array(json.dumps({"ids": [1, 2, 3], "o": [4, 5]}, indent=2), "ids")
    assert '"ids": [1, 2, 3],' in flat and '"o": [\n' in flat
    assert pretty_print.escape_unicode_string("a\\b\x01\n\x7f") == "a\\\\b\\x01\\n\\x7f"
