"""The JavaScript client's own tests (``js/test/*.test.mjs``), run by Node's test runner
against real emulators, as part of the Python suite so that one command runs everything.

The browser test needs Debian's ``chromium`` and ``playwright-core`` (``npm ci`` in ``js/``);
``.ci/run`` installs both. Where either is missing it is skipped, and the skip says why
(``CHROMIUM_EXECUTABLE`` names another browser binary).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

JS_DIR = Path(__file__).resolve().parents[2] / "js"
NODE = shutil.which("node")
NODE_SUITES = ["test/client.test.mjs", "test/retry.test.mjs", "test/classic.test.mjs"]

pytestmark = pytest.mark.skipif(NODE is None, reason="node (18 or newer) is not on PATH")


def _run_node(*files: str) -> tuple[str, dict[str, int]]:
    assert NODE is not None
    env = dict(os.environ, PYTHON=sys.executable)
    proc = subprocess.run(
        [NODE, "--test", "--test-reporter=tap", "--test-concurrency=1", "--test-timeout=120000", *files],
        cwd=JS_DIR, env=env, capture_output=True, text=True, timeout=900,
    )
    output = proc.stdout + proc.stderr
    summary = re.findall(r"^# (tests|pass|fail|cancelled|skipped) (\d+)$", output, re.M)
    counts = {k: int(v) for k, v in summary}
    assert counts, f"node printed no test summary (exit {proc.returncode}):\n{output[-4000:]}"
    if proc.returncode != 0 or counts.get("fail") or counts.get("cancelled"):
        pytest.fail(f"node tests failed (exit {proc.returncode}):\n{_failures(output)}")
    return output, counts


def _failures(output: str) -> str:
    lines = output.splitlines()
    keep = [i for i, line in enumerate(lines) if line.lstrip().startswith("not ok")]
    picked: list[str] = []
    for i in keep[:10]:
        picked.extend(lines[i:i + 25])
    return "\n".join(picked) or output[-4000:]


def test_node_client_suites_pass() -> None:
    _output, counts = _run_node(*NODE_SUITES)
    assert counts["pass"] >= 50, counts
    assert counts.get("skipped", 0) == 0, counts


def test_browser_end_to_end() -> None:
    output, counts = _run_node("test/browser.test.mjs")
    skipped = re.search(r"# SKIP (.+)$", output, re.M)
    if counts.get("pass", 0) == 0 and skipped:
        pytest.skip(f"browser test not run: {skipped.group(1)}")
    assert counts["pass"] == 3, counts


def test_typescript_declarations_describe_the_client() -> None:
    tsc = JS_DIR / "node_modules" / ".bin" / "tsc"
    if not tsc.exists():
        pytest.skip("typescript is not installed (npm ci in js/)")
    proc = subprocess.run([str(tsc), "-p", "test/tsconfig.json"], cwd=JS_DIR, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
