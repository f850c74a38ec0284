"""dxpy.cli._run_input and dx run's option handling, in-process (data paths against the emulator)."""

from __future__ import annotations

import argparse
import io
import sys
from typing import Any

import pytest

import dxpy
from dxpy.cli import _run_input as ri
from dxpy.cli._common import CLIExit
from dxpy.exceptions import DXCLIError

SPEC = [
    {"name": "i", "class": "int"},
    {"name": "flags", "class": "array:boolean", "optional": True},
    {"name": "s", "class": "string", "default": "x"},
    {"name": "f", "class": "file", "optional": True, "label": "A file", "help": "any file"},
]


@pytest.mark.parametrize(
    ("klass", "raw", "value"),
    [
        ("int", "-4", -4),
        ("float", "1e3", 1000.0),
        ("boolean", "True", True),
        ("boolean", "0", False),
        ("string", "007", "007"),
        ("hash", '{"a": [1]}', {"a": [1]}),
        (None, "12", 12),
        (None, "2.5", 2.5),
        (None, "false", False),
        (None, "plain words", "plain words"),
        (None, "null", "null"),
        (None, "file-" + "A" * 24, {"$dnanexus_link": "file-" + "A" * 24}),
        (None, "job-" + "A" * 24 + ":out", {"$dnanexus_link": {"job": "job-" + "A" * 24, "field": "out"}}),
        ("file", '{"$dnanexus_link": "file-x"}', {"$dnanexus_link": "file-x"}),
    ],
)
def test_parse_value(klass: str | None, raw: str, value: Any) -> None:
    assert ri.parse_value("x", klass, raw) == value


@pytest.mark.parametrize(
    ("klass", "raw", "message"),
    [
        ("int", "1.5", 'field "x" could not be parsed as int'),
        ("float", "one", "could not be parsed as float"),
        ("boolean", "yes", 'Could not resolve "yes" to a boolean'),
        ("hash", "[1]", "not a JSON object"),
        ("hash", "{", "could not be parsed as hash"),
    ],
)
def test_parse_value_errors(klass: str, raw: str, message: str) -> None:
    with pytest.raises(DXCLIError, match=message):
        ri.parse_value("x", klass, raw)


def test_parse_keyvals_collects_arrays_and_checks_names() -> None:
    classes = ri.spec_classes(SPEC)
    assert ri.parse_keyvals(["i=1", "flags=true", "flags=false", r"s=a\=b=c"], classes) == {
        "i": 1,
        "flags": [True, False],
        "s": r"a\=b=c",
    }
    with pytest.raises(DXCLIError, match='"zzz" was not found'):
        ri.parse_keyvals(["zzz=1"], classes)
    assert ri.parse_keyvals(["a=1", "a=x"], None) == {"a": [1, "x"]}
    assert ri.spec_classes(None) is None


def test_missing_required_in_spec_order() -> None:
    assert ri.missing_required(SPEC, {}) == ["i"]
    assert ri.missing_required(SPEC, {"i": 1}) == []
    assert ri.missing_required(None, {}) == []


def test_load_json_input() -> None:
    assert ri.load_json_input('{"a": 1}', "x") == {"a": 1}
    with pytest.raises(DXCLIError, match="x must be a JSON object, not list"):
        ri.load_json_input("[]", "x")


def test_prompt_missing_asks_until_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["", "nope", "5", "", "true", "t", "0", ""])
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    spec = [*SPEC, {"name": "more", "class": "array:boolean"}]
    inputs: dict[str, Any] = {}
    ri.prompt_missing(spec, ["i", "more"], inputs, read=lambda prompt: next(answers))
    shown = sys.stdout.getvalue()  # type: ignore[attr-defined]
    assert inputs == {"i": 5, "more": [True, True, False]}
    assert "A value is required for i." in shown and "A value is required for more." in shown
    assert "Class:   array:boolean" in shown and "could not be parsed as int" in shown
    with pytest.raises(DXCLIError, match="No value given for the input i"):
        ri.prompt_missing(SPEC, ["i"], {}, read=lambda prompt: (_ for _ in ()).throw(EOFError()))


def test_file_paths_resolve_to_links(dx_project: str) -> None:
    file_id = dxpy.upload_string("x", name="in.txt", project=dx_project, wait_on_close=True).get_id()
    link = {"$dnanexus_link": {"project": dx_project, "id": file_id}}
    assert ri.parse_value("f", "file", "in.txt") == link
    assert ri.parse_value("f", "file", f"{dx_project}:/in.txt") == link
    assert ri.parse_value("f", "file", file_id) == link
    dxpy.upload_string("y", name="in.txt", project=dx_project, wait_on_close=True)
    with pytest.raises(DXCLIError, match="matches 2 objects"):
        ri.parse_value("f", "file", "in.txt")
    with pytest.raises(DXCLIError, match='field "f" could not be parsed as file'):
        ri.parse_value("f", "file", "missing.txt")


def _args(**overrides: Any) -> argparse.Namespace:
    base: dict[str, Any] = {
        "name": None,
        "tags": [],
        "depends_on": [],
        "priority": None,
        "ignore_reuse": None,
        "delay_workspace_destruction": None,
        "detach": None,
        "cost_limit": None,
        "properties": [],
        "instance_type": None,
        "extra_args": None,
    }
    base.update(overrides)
    return argparse.Namespace(**base)


def test_run_options() -> None:
    from dxpy.cli.cmd_run import _run_options

    assert _run_options(_args()) == {}
    options = _run_options(
        _args(
            instance_type='{"main": "mem2_ssd1_x2"}',
            properties=["a=b=c"],
            tags=["t"],
            extra_args='{"rank": 2}',
            priority="high",
        )
    )
    assert options == {
        "instance_type": {"main": "mem2_ssd1_x2"},
        "properties": {"a": "b=c"},
        "tags": ["t"],
        "extra_args": {"rank": 2},
        "priority": "high",
    }
    assert _run_options(_args(instance_type=" mem1_ssd1_x4 "))["instance_type"] == "mem1_ssd1_x4"
    with pytest.raises(CLIExit, match="--extra-args is not valid JSON"):
        _run_options(_args(extra_args="{"))
