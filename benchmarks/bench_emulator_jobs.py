"""Emulator job runner: launch-to-done latency of a trivial python3 applet, and a 100-subjob fan-out.

Run: ``python benchmarks/bench_emulator_jobs.py [--runs 10] [--fan 100]``. Prints the
p50/max launch-to-done latency (target: p50 under 0.5 s) and the time for one job
that starts ``--fan`` subjobs and gathers their outputs through job-based
references (target: under 20 s on 2 cores). Jobs are real subprocesses.
"""

from __future__ import annotations

import argparse
import statistics
import time

from dxpy.emulator import Emulator, EmulatorCallError

TRIVIAL = """
import dxpy

@dxpy.entry_point("main")
def main(x):
    return {"y": x + 1}
"""

FAN = """
import dxpy

@dxpy.entry_point("main")
def main(n):
    parts = [dxpy.new_dxjob({"i": i}, "square").get_output_ref("sq") for i in range(n)]
    return {"total": dxpy.new_dxjob({"parts": parts}, "total").get_output_ref("total")}

@dxpy.entry_point("square")
def square(i):
    return {"sq": i * i}

@dxpy.entry_point("total")
def total(parts):
    return {"total": sum(parts)}
"""


def launcher(emu: Emulator, code: str):
    """A function starting a job of ``code``: through /applet/new + run when served, else in-process."""
    run_spec = {"interpreter": "python3", "code": code, "distribution": "Ubuntu", "release": "24.04"}
    try:
        applet = emu.call("applet/new", {"project": emu.project_id, "dxapi": "1.0.0", "runSpec": run_spec})[
            "id"
        ]
    except EmulatorCallError:
        applet = None
    if applet is not None:
        return lambda job_input: emu.call(f"{applet}/run", {"input": job_input, "project": emu.project_id})[
            "id"
        ]
    from dxpy.emulator._routes.jobs import create_job

    runnable = {"id": "applet-" + "b" * 24, "name": "bench", "runSpec": run_spec}

    def start(job_input: dict) -> str:
        with emu.server.store.write() as db:
            job = create_job(
                db, int(time.time() * 1000), emu.user_id, runnable, {}, job_input, emu.project_id
            )
        emu.server.config.extra["scheduler"].wake()
        return job

    return start


def wait_done(emu: Emulator, job: str, timeout: float = 600) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        desc = emu.call(
            f"{job}/describe", {"fields": {"state": True, "output": True, "failureMessage": True}}
        )
        if desc["state"] in ("done", "failed", "terminated"):
            if desc["state"] != "done":
                raise SystemExit(f"{job} {desc['state']}: {desc.get('failureMessage')}")
            return desc
        if time.monotonic() > deadline:
            raise SystemExit(f"{job} still {desc['state']} after {timeout} s")
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--fan", type=int, default=100)
    args = parser.parse_args()
    with Emulator() as emu:
        start = launcher(emu, TRIVIAL)
        wait_done(emu, start({"x": 0}))  # warm-up (page cache, imports)
        latencies = []
        for i in range(args.runs):
            began = time.perf_counter()
            wait_done(emu, start({"x": i}))
            latencies.append(time.perf_counter() - began)
        print(
            f"trivial python3 job launch-to-done: p50 {statistics.median(latencies):.3f} s, "
            f"max {max(latencies):.3f} s over {args.runs} runs (target p50 < 0.5 s)"
        )
        fan = launcher(emu, FAN)
        began = time.perf_counter()
        desc = wait_done(emu, fan({"n": args.fan}))
        elapsed = time.perf_counter() - began
        expected = sum(i * i for i in range(args.fan))
        assert desc["output"] == {"total": expected}, desc["output"]
        print(f"fan-out of {args.fan} subjobs + gather: {elapsed:.2f} s (target < 20 s on 2 cores)")


if __name__ == "__main__":
    main()
