"""The interactive choosers and small helpers dxpy.utils.resolver exposes beside its path functions."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import pytest

from dxpy.exceptions import DXCLIError, ResourceNotFound
from dxpy.utils import resolver
from tests._support.signatures import rendered_params


def _answers(monkeypatch: pytest.MonkeyPatch, *lines: str) -> list[str]:
    prompts: list[str] = []
    pending = iter(lines)

    def fake_input(prompt: str = "") -> str:
        prompts.append(prompt)
        try:
            return next(pending)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    return prompts


def test_pick_asks_until_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    prompts = _answers(monkeypatch, "9", "x", "1")
    assert resolver.pick(["a", "b"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("0) a\n1) b\n") and err.count("Not a valid choice") == 2
    assert prompts[0] == "Pick a numbered choice: "


def test_pick_default_mult_more_and_words(monkeypatch: pytest.MonkeyPatch) -> None:
    _answers(monkeypatch, "")
    assert resolver.pick(["a", "b"], default=1) == 1
    _answers(monkeypatch, "0, 2")
    assert resolver.pick(["a", "b", "c"], allow_mult=True) == [0, 2]
    _answers(monkeypatch, "*")
    assert resolver.pick(["a", "b"], allow_mult=True) == "*"
    _answers(monkeypatch, "m")
    assert resolver.pick(["a"], more_choices=True) == "m"
    prompts = _answers(monkeypatch, "second")
    assert resolver.pick(["a", "b"], str_choices=["first", "second"], prompt="Which") == 1
    assert prompts == ["Which: "]
    _answers(monkeypatch)
    with pytest.raises(DXCLIError, match="end of input"):
        resolver.pick(["a"])


def test_paginate_and_pick(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def numbers() -> Iterator[int]:
        yield from range(25)

    _answers(monkeypatch, "m", "12")
    chosen = resolver.paginate_and_pick(numbers(), render_fn=lambda n: f"n={n}", page_len=10)
    assert chosen["pick"] == 12 and chosen["results"] == list(range(20))
    assert "n=19" in capsys.readouterr().err
    _answers(monkeypatch, "1")
    chosen = resolver.paginate_and_pick(numbers(), filter_fn=lambda n: n % 10 == 0)
    assert chosen == {"pick": 1, "results": [0, 10, 20]}
    assert resolver.paginate_and_pick(iter([])) == {"pick": None, "results": []}


def test_escaper_and_unescaper() -> None:
    assert re.sub(r"[:/]", resolver.escaper, "a:b/c") == r"a\:b\/c"
    assert re.sub(r"\\.", resolver.unescaper, r"a\:b\/c") == "a:b/c"


def test_try_call() -> None:
    assert resolver.try_call(lambda a, b=0: a + b, 1, b=2) == 3

    def missing() -> Any:
        raise ResourceNotFound({"error": {"type": "ResourceNotFound", "message": "gone"}}, 404)

    with pytest.raises(DXCLIError, match="ResourceNotFound"):
        resolver.try_call(missing)


def test_compatibility_names() -> None:
    assert resolver.cached_project_names == {} or isinstance(resolver.cached_project_names, dict)
    assert isinstance("s", resolver.basestring) and resolver.DXCLIError is DXCLIError
    assert callable(resolver.get_ls_l_desc)
    assert list(inspect.signature(resolver.pick).parameters) == [
        "choices",
        "default",
        "str_choices",
        "prompt",
        "allow_mult",
        "more_choices",
    ]
    assert list(inspect.signature(resolver.paginate_and_pick).parameters) == [
        "generator",
        "render_fn",
        "filter_fn",
        "page_len",
        "pick_opts",
    ]
    for name in ("pick", "paginate_and_pick", "escaper", "unescaper", "try_call", "get_ls_l_desc"):
        assert name in resolver.__all__


#: upstream dxpy 0.417.1's parameters of the executable helpers (a mutable ``{}`` default is ``None`` here)
UPSTREAM = {
    "get_app_from_path": ["path"],
    "get_exec_handler": ["path", "alias=None"],
    "get_global_exec_from_path": ["path"],
    "get_global_workflow_from_path": ["path"],
    "resolve_app": ["path"],
    "resolve_global_executable": ["path", "is_version_required=False"],
    "resolve_global_workflow": ["path"],
    "resolve_job_ref": ["job_id", "name", "describe=None"],
    "parse_input_keyval": ["keyeqval"],
    "get_first_pos_of_char": ["char", "string"],
    "get_last_pos_of_char": ["char", "string"],
    "resolve_to_objects_or_project": ["path", "all_matching_results=False"],
    "pick": [
        "choices",
        "default=None",
        "str_choices=None",
        "prompt=None",
        "allow_mult=False",
        "more_choices=False",
    ],
    "paginate_and_pick": [
        "generator",
        "render_fn=<class 'str'>",
        "filter_fn=None",
        "page_len=10",
        "**pick_opts",
    ],
    "escaper": ["match"],
    "unescaper": ["match"],
    "try_call": ["func", "*args", "**kwargs"],
}


@pytest.mark.parametrize("name", sorted(UPSTREAM))
def test_signatures_match_upstream(name: str) -> None:
    func = getattr(resolver, name)
    assert rendered_params(func) == UPSTREAM[name]
    assert func.__doc__ and ":param" in func.__doc__
