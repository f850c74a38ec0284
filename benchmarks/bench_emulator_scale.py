"""Emulator at scale: one project holding 100,000 data objects.

Usage::

    python benchmarks/bench_emulator_scale.py [--objects 100000] [--folders 100] [--repeat 5]

The objects (records with names, tags, types and properties) are written
straight into the emulator's store with the same ``create_object`` the
``/record/new`` route uses (one transaction), then the script times, over
HTTP against the running server, the median of ``--repeat`` calls of:

* ``findDataObjects`` pages of 1,000 results (first page, a deep page reached
  through ``next``, with ``describe``, with tag/property/name filters);
* ``listFolder`` of a folder with ``objects/folders`` objects (with and without
  ``describe``) and of the root (``folders`` subfolders).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dxpy.emulator import Emulator  # noqa: E402
from dxpy.emulator._routes.objects import create_object  # noqa: E402
from dxpy.emulator._routes.projects import create_project  # noqa: E402


def populate(emu: Emulator, count: int, folders: int) -> tuple[str, float]:
    """Create a project with ``count`` records spread over ``folders`` folders.

    :returns: (project ID, seconds taken)
    """
    store = emu.server.store
    t0 = time.perf_counter()
    now = int(time.time() * 1000)
    with store.write() as db:
        pid = create_project(db, emu.user_id, "scale", now)
        for i in range(count):
            body = {
                "project": pid,
                "name": f"sample_{i:06d}.{'bam' if i % 2 else 'vcf'}",
                "folder": f"/f{i % folders:03d}",
                "parents": True,
                "tags": ["even" if i % 2 == 0 else "odd", f"batch{i % 10}"],
                "types": ["Reads"] if i % 3 == 0 else [],
                "properties": {"lane": str(i % 8), "sample": str(i)},
                "details": {"index": i},
            }
            create_object(db, emu.user_id, "record", body, now + i)
    return pid, time.perf_counter() - t0


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time (ms) of ``repeat`` calls, and the last result."""
    samples = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), result


def deep_cursor(emu: Emulator, pid: str, pages: int) -> Any:
    """The ``next`` cursor after ``pages`` pages of 1,000 (None when there are not that many)."""
    query: dict = {"scope": {"project": pid}, "limit": 1000}
    for _ in range(pages):
        query["starting"] = emu.call("system/findDataObjects", query)["next"]
        if query["starting"] is None:
            break
    return query.get("starting")


def run(args: argparse.Namespace) -> None:
    """Populate, then print the timings."""
    with Emulator() as emu:
        pid, secs = populate(emu, args.objects, args.folders)
        print(f"populated {args.objects:,} objects in {args.folders} folders: {secs:.1f} s "
              f"({args.objects / secs:,.0f} objects/s)")
        per_folder = args.objects // args.folders
        scope = {"project": pid}
        cursor = deep_cursor(emu, pid, min(50, args.objects // 1000 - 1))
        find = "system/findDataObjects"
        page = {"scope": scope, "limit": 1000}
        cases: list[tuple[str, dict, str]] = [
            ("findDataObjects first page (1,000)", page, find),
            ("findDataObjects page + describe", {**page, "describe": True}, find),
            ("findDataObjects tags $and (10% match)", {**page, "tags": {"$and": ["odd", "batch3"]}}, find),
            ("findDataObjects property (12% match)", {**page, "properties": {"lane": "5"}}, find),
            ("findDataObjects property (1 match)", {**page, "properties": {"sample": "77"}}, find),
            ("findDataObjects name glob *.vcf", {**page, "name": {"glob": "*.vcf"}}, find),
            ("findDataObjects exact name", {**page, "name": "sample_000077.bam"}, find),
            ("findDataObjects sortBy created asc",
             {**page, "sortBy": {"field": "created", "ordering": "ascending"}}, find),
            ("findDataObjects folder /f007", {**page, "scope": {**scope, "folder": "/f007"}}, find),
            ("findDataObjects no scope (all projects)", {"limit": 1000}, find),
            (f"listFolder /f007 ({per_folder:,} objects)", {"folder": "/f007"}, f"{pid}/listFolder"),
            ("listFolder /f007 + describe", {"folder": "/f007", "describe": True}, f"{pid}/listFolder"),
            (f"listFolder / ({args.folders} folders)", {"folder": "/"}, f"{pid}/listFolder"),
            ("resolveDataObjects (1 name)",
             {"project": pid, "folder": "/f003", "objects": [{"name": "sample_000003.bam"}]},
             "system/resolveDataObjects"),
        ]
        if cursor is not None:
            cases.insert(1, ("findDataObjects deep page (1,000)", {**page, "starting": cursor}, find))
        print(f"{'operation':45} {'median ms':>10} {'results':>8}")
        for label, body, route in cases:
            ms, out = timed(lambda r=route, b=body: emu.call(r, b), args.repeat)
            n = len(out.get("results") or out.get("objects") or out.get("folders") or [])
            print(f"{label:45} {ms:10.1f} {n:8d}")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--folders", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
