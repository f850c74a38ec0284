"""Emulator core throughput and latency: 1 and 16 keep-alive clients, reads and writes.

Run: ``python benchmarks/bench_emulator_core.py [--seconds 3]``. Prints, for each
scenario, requests per second and the median / 99th percentile latency. Uses
only the standard library client so the figures measure the server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time

from dxpy.emulator import Emulator


def client_loop(emu: Emulator, path: str, body: dict, deadline: float, out: list, errors: list) -> None:
    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=60)
    headers = {"Authorization": "Bearer " + emu.token, "Content-Type": "application/json"}
    payload = json.dumps(body)
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            conn.request("POST", path, payload, headers)
            resp = conn.getresponse()
            resp.read()
            if resp.status != 200:
                errors.append(resp.status)
            out.append(time.perf_counter() - started)
    finally:
        conn.close()


def scenario(emu: Emulator, name: str, path: str, body: dict, clients: int, seconds: float) -> None:
    latencies: list = []
    errors: list = []
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=client_loop, args=(emu, path, body, deadline, latencies, errors))
               for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[int(len(ms) * 0.99) - 1] if ms else float("nan")
    print(f"{name:<28} clients={clients:<3} {len(ms) / seconds:8.0f} req/s   "
          f"median {statistics.median(ms):6.2f} ms   p99 {p99:6.2f} ms   errors {len(errors)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    with Emulator() as emu:
        record = {"project": emu.project_id, "name": "bench", "details": {"k": "v" * 100}}
        for clients in (1, 16):
            scenario(emu, "read  /system/whoami", "/system/whoami", {}, clients, args.seconds)
            scenario(emu, "write /record/new", "/record/new", record, clients, args.seconds)


if __name__ == "__main__":
    main()
