"""The examples of docs/running.rst run, in order and in one namespace, against the emulator."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXAPIError

DOC = Path(__file__).resolve().parents[2] / "docs" / "running.rst"
_MISSING_ROUTE = re.compile(r"The route (/\S+) could not be found")
_BLOCK = re.compile(r"^\.\. code-block:: python\n\n((?:(?:   .*)?\n)+)", re.M)


def _blocks() -> list[str]:
    return [textwrap.dedent(block) for block in _BLOCK.findall(DOC.read_text())]


def test_the_page_has_examples() -> None:
    blocks = _blocks()
    assert len(blocks) >= 5 and "applet.run(" in blocks[0]


def test_running_examples_execute(dx_project: str) -> None:
    assert dxpy.PROJECT_CONTEXT_ID == dx_project
    namespace: dict[str, Any] = {}
    for number, block in enumerate(_blocks()):
        try:
            exec(compile(block, f"{DOC.name}[example {number}]", "exec"), namespace)  # noqa: S102
        except DXAPIError as exc:
            missing = _MISSING_ROUTE.search(str(exc))
            if missing:  # the examples before this one ran
                pytest.skip(f"example {number} needs {missing.group(1)}, which this emulator lacks yet")
            raise AssertionError(f"example {number} of {DOC.name} failed:\n{block}") from exc
        except Exception as exc:
            raise AssertionError(f"example {number} of {DOC.name} failed:\n{block}") from exc
