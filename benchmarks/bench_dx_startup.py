"""Wall time of ``dx --version`` and ``dx pwd``: ours against upstream's ``dx``.

Usage::

    python benchmarks/bench_dx_startup.py [-n 20] [--dx PATH] [--upstream-dx PATH]

People run ``dx`` in shell loops, so its start-up matters. For each command this prints
the median (and quartiles) of ``-n`` fresh runs of our ``dx`` (the ``dx`` script next to
this interpreter, else ``python -m dxpy.cli``) and of upstream's
(``/work/upstream-venv/bin/dx`` by default; skipped when absent), and the ratio. The
target is ours under a third of upstream's time (upstream takes about 0.2 s here).

Both run against the same scratch configuration directory holding a saved session (an
emulator started by this script, a project and its cached name). Our ``dx pwd`` answers
from the saved session; upstream's describes the project on the emulator. The script
also reports whether our ``dx pwd`` imports ``requests`` or ``urllib3`` (it should not:
only commands that call the API need the HTTP stack).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

DEFAULT_UPSTREAM = "/work/upstream-venv/bin/dx"
#: the saved session both ``dx`` read (the server settings are added at run time)
SESSION = {
    "DX_PROJECT_CONTEXT_NAME": "benchmark project",
    "DX_CLI_WD": "/",
    "DX_USERNAME": "bench",
}


def our_dx() -> list[str]:
    """The command that runs our ``dx``.

    :returns: the ``dx`` script beside this interpreter, else ``python -m dxpy.cli``
    """
    script = Path(sys.executable).parent / "dx"
    return [str(script)] if script.exists() else [sys.executable, "-m", "dxpy.cli"]


def make_env(home: str, emulator: Any) -> dict[str, str]:
    """An environment with a scratch ``HOME`` holding a session on ``emulator``, no ``DX_*`` variables.

    :param home: the scratch home directory
    :param emulator: the running :class:`dxpy.emulator.Emulator`
    :returns: the environment for the children
    """
    conf = os.path.join(home, ".dnanexus_config")
    os.makedirs(conf, mode=0o700, exist_ok=True)
    project = emulator.call("project/new", {"name": SESSION["DX_PROJECT_CONTEXT_NAME"]})["id"]
    security = json.dumps({"auth_token": emulator.token, "auth_token_type": "Bearer"})
    session = dict(SESSION, DX_PROJECT_CONTEXT_ID=project, DX_APISERVER_HOST=emulator.host,
                   DX_APISERVER_PORT=str(emulator.port), DX_APISERVER_PROTOCOL="http",
                   DX_SECURITY_CONTEXT=security)
    with open(os.path.join(conf, "environment.json"), "w", encoding="utf-8") as handle:
        json.dump(session, handle, indent=4)
    for key in ("DX_CLI_WD", "DX_USERNAME", "DX_PROJECT_CONTEXT_NAME"):
        with open(os.path.join(conf, key), "w", encoding="utf-8") as handle:
            handle.write(session[key])
    # bytecode goes to a scratch cache, written even where the machine disables it, so that
    # both sides run from .pyc files as an installed package does
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DX_") and k not in ("_DX_DEBUG", "PYTHONDONTWRITEBYTECODE")}
    env.update({"HOME": home, "DX_USER_CONF_DIR": conf, "DX_SYSTEM_ENV_FILE": "",
                "PYTHONPYCACHEPREFIX": os.path.join(home, "pycache")})
    return env


def time_runs(command: list[str], runs: int, env: dict[str, str], cwd: str) -> list[float]:
    """Run ``command`` ``runs`` times and return the wall times in milliseconds.

    :param command: the program and its arguments
    :param runs: how many runs
    :param env: the children's environment
    :param cwd: the children's working directory
    :returns: one duration per run
    :raises RuntimeError: if a run fails (with its stderr)
    """
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
        times.append((time.perf_counter() - start) * 1000.0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {proc.returncode}: {proc.stderr.strip()}")
    return times


def summary(label: str, times: list[float]) -> str:
    """One report line: median and quartiles.

    :param label: what was timed
    :param times: durations in milliseconds
    :returns: the line
    """
    q1, median, q3 = statistics.quantiles(times, n=4) if len(times) > 1 else (times[0],) * 3
    return f"{label:<28} median {median:7.1f} ms   (quartiles {q1:.1f} .. {q3:.1f} ms, n={len(times)})"


def http_stack_imported(env: dict[str, str], cwd: str) -> list[str]:
    """The HTTP modules our ``dx pwd`` imports.

    :param env: the children's environment
    :param cwd: the working directory
    :returns: the top-level names among ``requests`` and ``urllib3`` that were imported
    """
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "dxpy.cli", "pwd"], env=env, cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
             if line.startswith("import time:")}
    return sorted(names & {"requests", "urllib3"})


def main(argv: Optional[list[str]] = None) -> int:
    """Run the benchmark and print the report.

    :param argv: command-line arguments (default ``sys.argv[1:]``)
    :returns: 0, or 1 when ours misses the target of a third of upstream's time
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=20, help="runs per command (default 20)")
    parser.add_argument("--dx", help="our dx command (default: the dx script beside this python)")
    parser.add_argument("--upstream-dx", default=DEFAULT_UPSTREAM, help="upstream's dx (skipped if absent)")
    args = parser.parse_args(argv)
    ours = [args.dx] if args.dx else our_dx()
    upstream = args.upstream_dx if args.upstream_dx and os.path.exists(args.upstream_dx) else None
    from dxpy.emulator import Emulator

    home = tempfile.mkdtemp(prefix="bench-dx-")
    emulator = Emulator(state_dir=os.path.join(home, "emulator")).start()
    status = 0
    try:
        env = make_env(home, emulator)
        for words in (["--version"], ["pwd"]):
            time_runs(ours + words, 2, env, home)  # warm the bytecode and file caches
            mine = statistics.median(times := time_runs(ours + words, args.runs, env, home))
            print(summary(f"ours     dx {' '.join(words)}", times))
            if upstream is None:
                continue
            time_runs([upstream, *words], 2, env, home)
            theirs = statistics.median(times := time_runs([upstream, *words], args.runs, env, home))
            print(summary(f"upstream dx {' '.join(words)}", times))
            ratio = mine / theirs
            verdict = "ok" if ratio < 1 / 3 else "MISSES the 1/3 target"
            print(f"{'':<28} ours/upstream = {ratio:.2f} ({verdict})")
            status = status or (0 if ratio < 1 / 3 else 1)
        if upstream is None:
            print(f"upstream dx not found at {args.upstream_dx}: comparison skipped")
        loaded = http_stack_imported(env, home)
        print("dx pwd imports the HTTP stack: " + (", ".join(loaded) if loaded else "no"))
    finally:
        emulator.stop()
        shutil.rmtree(home, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
