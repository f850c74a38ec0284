"""Wall time of ``python -c "import dxpy"`` (median of N fresh interpreters).

Usage::

    python benchmarks/bench_import.py [-n 30] [--upstream-python /path/to/python]

Prints the median and quartiles for a bare interpreter (``python -c pass``), for
``import dxpy`` and ``import dxpy.api`` from this checkout (also with ``-S``, which
leaves out the site-packages ``.pth`` start-up hooks of the machine), the import cost
that ``python -X importtime`` reports for the ``dxpy`` and ``dxpy.api`` modules
themselves (no interpreter start-up in it), and, with ``--upstream-python``,
``import dxpy`` with another interpreter (e.g. one where upstream dxpy is installed).

Every run uses a scratch configuration directory, so no real ``~/.dnanexus_config``
is read, and a scratch bytecode cache (``PYTHONPYCACHEPREFIX``), so the figures are
those of an installed package with its ``.pyc`` files even where
``PYTHONDONTWRITEBYTECODE`` is set. Targets: ``import dxpy`` under 60 ms wall,
``dxpy.api`` under 10 ms on top of it.
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


def child_env(scratch: str) -> dict[str, str]:
    """Environment for the measured interpreters.

    No ``DX_*`` variables, configuration and home in *scratch*, and bytecode written to
    (and read from) a cache in *scratch*: without ``.pyc`` files every run would compile
    the modules again and the figures would say nothing about an installed package.

    :param scratch: a temporary directory.
    :returns: the environment.
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DX_", "_DX_")) and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(DX_USER_CONF_DIR=os.path.join(scratch, "conf"), DX_SYSTEM_ENV_FILE="", HOME=scratch,
               PYTHONPYCACHEPREFIX=os.path.join(scratch, "pycache"))
    return env


def importtime_ms(python: str, runs: int, env: dict, cwd: str) -> dict[str, float]:
    """Median cumulative import time (ms) of ``dxpy``, and of ``dxpy.api`` after it, per ``-X importtime``.

    :param python: interpreter to run.
    :param runs: how many fresh interpreters to start.
    :param env: environment for the children.
    :param cwd: working directory for the children.
    :returns: ``{"dxpy": ms, "dxpy.api": ms}``.
    :raises subprocess.CalledProcessError: if a run fails.
    """
    samples: dict[str, list[float]] = {"dxpy": [], "dxpy.api": []}
    for _ in range(runs):
        # two statements, so that dxpy.api's figure does not include the package's __init__
        done = subprocess.run([python, "-X", "importtime", "-c", "import dxpy; import dxpy.api"],
                              env=env, cwd=cwd,
                              check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in done.stderr.splitlines():
            fields = line.split("|")
            if len(fields) == 3 and fields[2].strip() in samples:
                samples[fields[2].strip()].append(int(fields[1]) / 1000.0)
    return {name: statistics.median(values) for name, values in samples.items()}


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
        env = child_env(scratch)
        ours = dict(env, PYTHONPATH=REPO)
        # warm the OS file cache and write the bytecode cache before measuring
        time_runs(sys.executable, "import dxpy.api", 2, ours, scratch)
        time_runs(sys.executable, "import dxpy.api", 2, ours, scratch, ["-S"])
        bare = time_runs(sys.executable, "pass", args.runs, env, scratch)
        base = statistics.median(bare)
        print(f"{args.runs} runs each, {sys.executable}")
        print(describe("python -c pass", bare))
        print(describe("python -c 'import dxpy' (ours)", time_runs(
            sys.executable, "import dxpy", args.runs, ours, scratch), base))
        print(describe("python -c 'import dxpy.api' (ours)", time_runs(
            sys.executable, "import dxpy.api", args.runs, ours, scratch), base))
        # -S skips site-packages .pth hooks, which can dominate interpreter start-up
        bare_s = time_runs(sys.executable, "pass", args.runs, env, scratch, ["-S"])
        print(describe("python -S -c pass", bare_s))
        print(describe("python -S -c 'import dxpy' (ours)", time_runs(
            sys.executable, "import dxpy", args.runs, ours, scratch, ["-S"]), statistics.median(bare_s)))
        own = importtime_ms(sys.executable, args.runs, ours, scratch)
        print(f"{'-X importtime (ours), median':<34} dxpy {own['dxpy']:.1f} ms, "
              f"dxpy.api {own['dxpy.api']:.1f} ms on top")
        if args.upstream_python:
            time_runs(args.upstream_python, "import dxpy", 2, env, scratch)
            up_bare = time_runs(args.upstream_python, "pass", args.runs, env, scratch)
            print(describe("upstream: python -c pass", up_bare))
            print(describe("upstream: python -c 'import dxpy'", time_runs(
                args.upstream_python, "import dxpy", args.runs, env, scratch), statistics.median(up_bare)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
