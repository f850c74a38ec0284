"""The code base passes ruff and mypy with the configuration in pyproject.toml."""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _tool(module: str) -> list[str]:
    # The tool must be importable by the interpreter running the suite (PATH does not matter).
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} is not installed: install the test extra (pip install -e '.[test]')")
    return [sys.executable, "-m", module]


def test_ruff_finds_nothing() -> None:
    proc = subprocess.run(_tool("ruff") + ["check", "."], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_nothing() -> None:
    proc = subprocess.run(_tool("mypy"), cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
