"""The code blocks of the documentation run, page by page, against a fresh emulator.

The convention (``tests/_support/snippets.py`` has the details): ``python`` and
``console`` blocks run in page order, one emulator (``python -m dxpy.emulator exec``),
one Python namespace and one bash session per page, with a fresh ``HOME``,
``DX_USER_CONF_DIR`` and working directory, and this interpreter's ``bin`` first on
``PATH`` (so ``dx`` is ours). Expected output is checked with ``...`` as a wildcard;
``:caption: Fails`` marks console blocks whose commands must fail and
``:caption: Not run: <reason>`` skips a block.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests._support import snippets

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(p for p in DOCS.glob("*.rst") if snippets.runnable_blocks(p.read_text(encoding="utf-8")))


def run_page_in_emulator(page: Path, tmp_path: Path) -> dict:
    """Run one page's blocks inside ``python -m dxpy.emulator exec``.

    :param page: the ``.rst`` file.
    :param tmp_path: a fresh directory for HOME, configuration and the working directory.
    :returns: the driver's result (``status``, ``message``, ``ran``).
    """
    blocks = snippets.runnable_blocks(page.read_text(encoding="utf-8"))
    for block in blocks:
        if block.not_run_reason == "":
            pytest.fail(f"{page.name}, line {block.line}: 'Not run:' needs a reason")
    home, conf, work = tmp_path / "home", tmp_path / "conf", tmp_path / "work"
    for directory in (home, conf, work):
        directory.mkdir()
    plan, result = tmp_path / "plan.json", tmp_path / "result.json"
    plan.write_text(snippets.plan_json(page.name, blocks), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DX_") and k != "_DX_DEBUG"}
    env.update(
        HOME=str(home), DX_USER_CONF_DIR=str(conf), DX_SYSTEM_ENV_FILE="",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    )
    cmd = [sys.executable, "-m", "dxpy.emulator", "exec", "--",
           sys.executable, snippets.__file__, str(plan), str(result)]
    proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=1200)
    if not result.exists():
        pytest.fail(f"the snippet driver for {page.name} died (status {proc.returncode}):\n"
                    f"{proc.stdout}\n{proc.stderr}")
    return json.loads(result.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    outcome = run_page_in_emulator(page, tmp_path)
    if outcome["status"] == "skipped":
        pytest.skip(outcome["message"])
    assert outcome["status"] == "passed", f"{page.name}: {outcome['message']}"


def test_the_guides_have_examples() -> None:
    names = {p.name for p in PAGES}
    for guide in ("quickstart.rst", "configuration.rst", "transport.rst", "api.rst", "bindings.rst",
                  "files.rst", "running.rst", "applets.rst", "testing.rst", "migrating.rst", "emulator.rst"):
        assert guide in names, f"{guide} has no runnable example"


_SELF_TEST_PAGE = '''
Title
=====

.. code-block:: python

   x = 6 * 7
   print("answer", x)

.. code-block:: text
   :caption: Output

   answer ...

.. code-block:: console

   $ cd sub 2>/dev/null || mkdir sub && cd sub && pwd
   .../work/sub
   $ X=two; echo one
   one
   $ echo "$X" && dx --help > /dev/null
   two

.. code-block:: console
   :caption: Fails

   $ false

.. code-block:: console
   :caption: Not run: shows what a real account would print

   $ exit 1

.. code-block:: python

   import dxpy
   print(dxpy.whoami())

.. code-block:: text
   :caption: Output

   user-...
'''


def test_runner_runs_a_page_that_keeps_the_convention(tmp_path: Path) -> None:
    page = tmp_path / "self.rst"
    page.write_text(_SELF_TEST_PAGE, encoding="utf-8")
    (tmp_path / "run").mkdir()
    outcome = run_page_in_emulator(page, tmp_path / "run")
    assert outcome == {"status": "passed", "message": "", "ran": 4}


@pytest.mark.parametrize("broken, expected", [
    ("   print('result', x)", "printed something else"),
    ("   $ echo two\n   three", "command printed something else"),
    ("   $ exit 3", "command failed"),
])
def test_runner_reports_what_differs(tmp_path: Path, broken: str, expected: str) -> None:
    text = _SELF_TEST_PAGE.replace("   x = 6 * 7\n   print(\"answer\", x)", "   x = 1\n" + broken) \
        if broken.startswith("   print") else _SELF_TEST_PAGE.replace("   $ false", broken).replace(
            ":caption: Fails", ":caption: Must pass")
    page = tmp_path / "self.rst"
    page.write_text(text, encoding="utf-8")
    (tmp_path / "run").mkdir()
    outcome = run_page_in_emulator(page, tmp_path / "run")
    assert outcome["status"] == "failed" and expected in outcome["message"], outcome
    assert "self.rst, line" in outcome["message"]


def test_console_parsing() -> None:
    block = snippets.Block("console", 10, "$ echo a \\\n> b\na b\n$ true\n")
    commands = snippets.parse_console(block)
    assert [(c.command, c.expected) for c in commands] == [("echo a \\\nb", ["a b"]), ("true", [])]
    assert snippets.output_matches("a ... c", "a bbb c  \n\n") and not snippets.output_matches("a", "b")


def test_readme_example_runs_against_the_emulator(tmp_path: Path) -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert "dxpy.set_security_context" in example
    # as the README says: without the set_* lines, the script runs against the emulator
    code = "\n".join(line for line in example.splitlines() if not line.startswith("dxpy.set_"))
    page = tmp_path / "README.rst"
    page.write_text("README\n======\n\n.. code-block:: python\n\n" + textwrap.indent(code, "    ") + "\n",
                    encoding="utf-8")
    (tmp_path / "run").mkdir()
    outcome = run_page_in_emulator(page, tmp_path / "run")
    assert outcome == {"status": "passed", "message": "", "ran": 1}, outcome


def test_background_jobs_a_page_leaves_are_stopped(tmp_path: Path) -> None:
    page = tmp_path / "bg.rst"
    page.write_text("BG\n==\n\n.. code-block:: console\n\n"
                    "   $ sleep 300 &\n   $ echo $! > sleeper.pid\n", encoding="utf-8")
    (tmp_path / "run").mkdir()
    assert run_page_in_emulator(page, tmp_path / "run")["status"] == "passed"
    pid = int((tmp_path / "run" / "work" / "sleeper.pid").read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    pytest.fail("the page's background job outlived the page")
