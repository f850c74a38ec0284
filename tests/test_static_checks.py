"""Repository checks: ruff and mypy pass (pyproject.toml config); README, .ci/run and packaging agree."""

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


def _quick_start_commands() -> list[str]:
    """The shell commands of README.md's first section (up to the second ``## `` heading)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = text.split("\n## ", 2)[1]
    blocks = first.split("```sh\n")[1:]
    return [b.split("```", 1)[0].strip() for b in blocks]


def test_readme_first_section_has_the_two_commands_and_ci_runs_the_test_one() -> None:
    main_job, tests = _quick_start_commands()
    assert main_job.startswith("python -m pip install ") and "python -m dxpy.emulator exec" in main_job
    assert tests == "python -m pip install -e '.[test]' && python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()
    assert "-eq 5" in ci  # "no tests collected" fails the run


def test_runtime_dependencies_are_exactly_requests_and_urllib3() -> None:
    import ast

    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "setup")
    kw = {k.arg: k.value for k in call.keywords}
    deps = ast.literal_eval(kw["install_requires"])
    assert sorted(d.split(">")[0] for d in deps) == ["requests", "urllib3"]
    assert ast.literal_eval(kw["python_requires"]) == ">=3.9"
    extras = ast.literal_eval(kw["extras_require"])
    assert {"test", "docs"} <= set(extras) and any(d.startswith("ruff") for d in extras["test"])
    assert (ROOT / "dxpy" / "py.typed").exists()
