"""Wall time of ``python -c "import dxpy"`` (median of N fresh interpreters).

Usage::

    python benchmarks/bench_import.py [-n 30] [--upstream-python /path/to/python]

Prints the median and quartiles for a bare interpreter (``python -c pass``), for
``import dxpy`` from this checkout (also both with ``-S``, which leaves out the
site-packages ``.pth`` start-up hooks of the machine) and, with ``--upstream-python``, for ``import dxpy``
with another interpreter (e.g. one where upstream dxpy is installed). Every run uses a
scratch configuration directory, so no real ``~/.dnanexus_config`` is read. Target:
``import dxpy`` under 60 ms wall on the development machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

REPO = str(Path(__file__).resolve().parent.parent)


def time_runs(
    python: str, code: str, runs: int, env: dict, cwd: str, flags: Optional[list[str]] = None
) -> list[float]:
    """Run ``python [flags] -c code`` *runs* times and return the wall times in milliseconds.

    :param python: interpreter to run.
    :param code: the program text.
    :param runs: how many fresh interpreters to start.
    :param env: environment for the children.
    :param cwd: working directory for the children.
    :param flags: extra interpreter options (e.g. ``["-S"]``).
    :returns: one duration per run.
    :raises subprocess.CalledProcessError: if a run fails.
    """
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([python, *(flags or []), "-c", code], env=env, cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - start) * 1000.0)
    return times


def describe(label: str, times: list[float], baseline: Optional[float] = None) -> str:
    """One report line: median, quartiles and (optionally) the median minus *baseline*.

    :param label: what was measured.
    :param times: durations in milliseconds.
    :param baseline: median of the bare interpreter, to show the extra cost.
    :returns: the formatted line.
    """
    q = statistics.quantiles(times, n=4) if len(times) > 1 else [times[0]] * 3
    line = f"{label:<34} median {statistics.median(times):7.1f} ms   (q1 {q[0]:6.1f}, q3 {q[2]:6.1f})"
    if baseline is not None:
        line += f"   +{statistics.median(times) - baseline:6.1f} ms over bare python"
    return line


def main(argv: Optional[list[str]] = None) -> int:
    """Run the benchmark and print the results.

    :param argv: command-line arguments (default ``sys.argv[1:]``).
    :returns: the process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=30, help="interpreters to start per case")
    parser.add_argument("--upstream-python", help="also time 'import dxpy' with this interpreter")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DX_", "_DX_"))}
        env.update(DX_USER_CONF_DIR=os.path.join(scratch, "conf"), DX_SYSTEM_ENV_FILE="", HOME=scratch)
        ours = dict(env, PYTHONPATH=REPO)
        # warm the OS file cache and the bytecode caches before measuring
        time_runs(sys.executable, "import dxpy", 2, ours, scratch)
        bare = time_runs(sys.executable, "pass", args.runs, env, scratch)
        base = statistics.median(bare)
        print(f"{args.runs} runs each, {sys.executable}")
        print(describe("python -c pass", bare))
        print(describe("python -c 'import dxpy' (ours)", time_runs(
            sys.executable, "import dxpy", args.runs, ours, scratch), base))
        # -S skips site-packages .pth hooks, which can dominate interpreter start-up
        bare_s = time_runs(sys.executable, "pass", args.runs, env, scratch, ["-S"])
        print(describe("python -S -c pass", bare_s))
        print(describe("python -S -c 'import dxpy' (ours)", time_runs(
            sys.executable, "import dxpy", args.runs, ours, scratch, ["-S"]), statistics.median(bare_s)))
        if args.upstream_python:
            time_runs(args.upstream_python, "import dxpy", 2, env, scratch)
            up_bare = time_runs(args.upstream_python, "pass", args.runs, env, scratch)
            print(describe("upstream: python -c pass", up_bare))
            print(describe("upstream: python -c 'import dxpy'", time_runs(
                args.upstream_python, "import dxpy", args.runs, env, scratch), statistics.median(up_bare)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
