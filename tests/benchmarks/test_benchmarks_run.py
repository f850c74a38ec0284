"""Every benchmark script still runs: each is started with tiny sizes and must exit 0 printing its figures.

Nothing here times anything (figures are for people, see benchmarks/); the point is that a change
to the emulator or the client cannot silently break a benchmark, as once happened to
bench_emulator_jobs when the emulator started checking run input more strictly.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")

#: script -> (tiny arguments, a fragment every successful run prints)
CASES = {
    "bench_emulator_jobs.py": (["--runs", "2", "--fan", "3"], "fan-out of 3 subjobs + gather"),
    "bench_emulator_core.py": (["--seconds", "0.2"], "/record/new"),
    "bench_emulator_scale.py": (["--objects", "300", "--folders", "10", "--repeat", "1"],
                                "resolveDataObjects (1 name)"),
    "bench_http.py": (["--calls", "30", "--rounds", "1"], "dxpy.DXHTTPRequest (ours)"),
    "bench_import.py": (["-n", "2"], "import dxpy"),
    "bench_dx_startup.py": (["-n", "1", "--upstream-dx", os.devnull + "-absent"], "dx pwd"),
    "bench_transfer.py": (["--size", "6MiB", "--part-mib", "5", "--modes", "dxpy"], "identical"),
}


def test_every_benchmark_script_is_covered() -> None:
    scripts = {name for name in os.listdir(os.path.join(ROOT, "benchmarks"))
               if name.startswith("bench_") and name.endswith(".py")}
    assert scripts == set(CASES)


@pytest.mark.parametrize("script", sorted(CASES))
def test_benchmark_runs_with_tiny_sizes(script: str, tmp_path) -> None:
    args, expected = CASES[script]
    env = dict(os.environ, HOME=str(tmp_path), DX_USER_CONF_DIR=str(tmp_path / "conf"))
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", script), *args],
                          capture_output=True, text=True, timeout=240, env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert expected in proc.stdout, proc.stdout[-3000:]
    assert "Traceback" not in proc.stderr
