"""Execution helpers of dxpy.utils.describe: job-based references and input/output renderings,
checked against the text upstream 0.417 produces for the same values (80-column terminal)."""

from __future__ import annotations

from typing import Any

import pytest

from dxpy.utils import describe as d

J = "job-" + "J" * 24


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_job_refs() -> None:
    short, long = {"job": J, "field": "x"}, {"$dnanexus_link": {"job": J, "field": "x", "index": 1}}
    assert d.is_job_ref(short) and d.is_job_ref(long)
    assert not d.is_job_ref({"$dnanexus_link": "file-x"}) and not d.is_job_ref({"job": J})
    assert d.is_metadata_ref({"$dnanexus_link": {"job": J, "field": "x", "metadata": "a.b"}})
    assert not d.is_metadata_ref(long)
    assert (d.get_job_from_jbor(long), d.get_field_from_jbor(long), d.get_index_from_jbor(long)) == (
        J,
        "x",
        1,
    )
    assert d.get_index_from_jbor(short) is None
    assert d.jbor_to_str(long) == f"{J}:x.1" and d.jbor_to_str(short) == f"{J}:x"


CASES: list[tuple[str, tuple[Any, ...], str]] = [
    (
        "io_val_to_str",
        (
            [
                {"$dnanexus_link": "file-a"},
                {"$dnanexus_link": {"project": "p", "id": "i"}},
                {"a": 1, "b": [True, None]},
                [],
            ],
        ),
        "[ file-a, p:i, { a: 1, b: [ true, null ] }, [] ]",
    ),
    (
        "job_output_to_str",
        ({"out": {"$dnanexus_link": "file-a"}, "n": 3},),
        "\nOutput: out = file-a\n        n = 3",
    ),
    ("job_output_to_str", ({},), "\nOutput: -"),
    (
        "get_io_field",
        ({"a": 1, "b": "x"}, {"c": 2}),
        "a = 1\n" + " " * 34 + 'b = "x"\n' + " " * 34 + "[c = 2]",
    ),
    ("get_io_field", (None,), "-"),
    ("get_io_field", ({},), "-"),
    ("parse_typespec", ({"$and": ["A", {"$or": ["B", "C"]}]},), "(A AND (B OR C))"),
    (
        "get_io_desc",
        ({"name": "r", "class": "array:file", "optional": True, "type": "Fastq"},),
        "[r (array:file, type Fastq)]",
    ),
    (
        "get_io_desc",
        ({"name": "r", "class": "array:file", "default": []}, True, True, True),
        "[-ir=(file, default=[]) [-ir=... [...]]]",
    ),
    ("get_io_desc", ({"name": "n", "class": "int"}, False), "n"),
    (
        "get_io_spec",
        (
            [
                {"name": "a", "class": "int"},
                {"name": "b", "class": "string", "group": "G", "default": "x"},
                {"name": "c", "class": "file"},
            ],
            ["c"],
        ),
        "a (int)\n"
        + " " * 16
        + "G:\n"
        + " " * 20
        + '[b (string, default="x")]\n'
        + " " * 16
        + "<advanced inputs hidden; use --verbose to see more>",
    ),
    ("get_io_spec", ([],), "-"),
    ("get_io_spec", (None,), "null"),
]


@pytest.mark.parametrize(
    ("name", "args", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_renderings_match_upstream(name: str, args: tuple[Any, ...], expected: str) -> None:
    assert getattr(d, name)(*args) == expected
