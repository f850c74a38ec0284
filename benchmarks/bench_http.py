"""Client CPU time per small API call: dxpy.DXHTTPRequest vs bare urllib3 vs requests.Session.

Usage::

    python benchmarks/bench_http.py [--calls 3000] [--rounds 5]
                                    [--upstream-python /work/upstream-venv/bin/python]
                                    [--import-runs 0]

A tiny JSON server (standard library, HTTP/1.1 keep-alive) runs in a
*subprocess*, so its CPU time is not counted. Each client runs in a fresh
subprocess per round (clients alternate, so background load hits them alike),
makes ``--calls`` ``POST /system/whoami`` calls with a ``{}`` body and the
``Authorization`` header after a warm-up, and reports ``time.process_time()``
per call; the table shows the best and the median round (milliseconds) and the
best wall time per call.

``--upstream-python`` runs the same loop with upstream dxpy in that interpreter
(a snippet executed there; nothing of upstream is imported here).
``--import-runs N`` also prints the median wall time of ``python -c "import dxpy"``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token-0123456789"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = b'{"id": "user-bench"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve() -> None:
    """Run the JSON server on a free port; print the port; serve until stdin closes."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    import threading

    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(httpd.server_address[1], flush=True)
    sys.stdin.read()
    httpd.shutdown()


def _measure(fn: Callable[[], object], calls: int, rounds: int) -> tuple[float, float]:
    for _ in range(min(200, calls)):
        fn()
    best_cpu, best_wall = float("inf"), float("inf")
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in range(calls):
            fn()
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        best_cpu, best_wall = min(best_cpu, cpu / calls), min(best_wall, wall / calls)
    return best_cpu * 1000.0, best_wall * 1000.0


def bench_dxpy(port: int, calls: int, rounds: int) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    from dxpy._context import get_context
    from dxpy._http import DXHTTPRequest

    ctx = get_context()
    ctx.set_api_server_info(host="127.0.0.1", port=port, protocol="http")
    ctx.set_security_context({"auth_token_type": "Bearer", "auth_token": TOKEN})
    return _measure(lambda: DXHTTPRequest("/system/whoami", {}), calls, rounds)


def bench_urllib3(port: int, calls: int, rounds: int) -> tuple[float, float]:
    import urllib3

    pool = urllib3.PoolManager(maxsize=32, retries=False)
    url = f"http://127.0.0.1:{port}/system/whoami"
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN}

    def call() -> object:
        resp = pool.request("POST", url, body=json.dumps({}).encode(), headers=headers)
        return json.loads(resp.data)

    return _measure(call, calls, rounds)


def bench_requests(port: int, calls: int, rounds: int) -> tuple[float, float]:
    import requests

    session = requests.Session()
    url = f"http://127.0.0.1:{port}/system/whoami"
    headers = {"Authorization": "Bearer " + TOKEN}
    return _measure(lambda: session.post(url, json={}, headers=headers).json(), calls, rounds)


_UPSTREAM_SNIPPET = r"""
import json, sys, time
import dxpy
calls, rounds = int(sys.argv[1]), int(sys.argv[2])
for _ in range(min(200, calls)):
    dxpy.DXHTTPRequest("/system/whoami", {})
best_cpu = best_wall = float("inf")
for _ in range(rounds):
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(calls):
        dxpy.DXHTTPRequest("/system/whoami", {})
    best_cpu = min(best_cpu, (time.process_time() - c0) / calls)
    best_wall = min(best_wall, (time.perf_counter() - w0) / calls)
print(json.dumps([best_cpu * 1000.0, best_wall * 1000.0]))
"""


def bench_upstream(python: str, port: int, calls: int, rounds: int) -> tuple[float, float]:
    env = dict(os.environ, DX_APISERVER_PROTOCOL="http", DX_APISERVER_HOST="127.0.0.1",
               DX_APISERVER_PORT=str(port), DX_USER_CONF_DIR="/nonexistent-bench-conf",
               DX_SECURITY_CONTEXT=json.dumps({"auth_token_type": "Bearer", "auth_token": TOKEN}))
    out = subprocess.run([python, "-c", _UPSTREAM_SNIPPET, str(calls), str(rounds)], env=env,
                         capture_output=True, text=True, check=True, cwd="/")
    cpu, wall = json.loads(out.stdout.strip().splitlines()[-1])
    return float(cpu), float(wall)


def import_time(runs: int) -> float:
    """Median wall time (ms) of ``import dxpy`` measured inside fresh interpreters.

    The children write and reuse bytecode in a scratch ``PYTHONPYCACHEPREFIX`` (even where
    ``PYTHONDONTWRITEBYTECODE`` is set), as an installed package would; one warm-up run
    is not counted.

    :param runs: how many interpreters to time.
    :returns: the median in milliseconds.
    """
    import tempfile

    snippet = "import time; t = time.perf_counter(); import dxpy; print(time.perf_counter() - t)"
    samples = []
    with tempfile.TemporaryDirectory(prefix="bench-http-import-") as scratch:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DX_", "_DX_")) and k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(ROOT), DX_USER_CONF_DIR=os.path.join(scratch, "conf"),
                   DX_SYSTEM_ENV_FILE="", PYTHONPYCACHEPREFIX=os.path.join(scratch, "pycache"))
        for i in range(runs + 1):
            out = subprocess.run([sys.executable, "-c", snippet], env=env, check=True, capture_output=True,
                                 text=True, cwd=scratch)
            if i:
                samples.append(float(out.stdout.strip()) * 1000.0)
    return statistics.median(samples)


CLIENTS = {"dxpy": bench_dxpy, "urllib3": bench_urllib3, "requests": bench_requests}
LABELS = {"dxpy": "dxpy.DXHTTPRequest (ours)", "urllib3": "bare urllib3", "requests": "requests.Session",
          "upstream": "upstream dxpy 0.417.1"}


def _run_client(name: str, port: int, calls: int, upstream_python: Optional[str]) -> tuple[float, float]:
    """One timed run of one client in a fresh subprocess."""
    if name == "upstream":
        assert upstream_python is not None
        return bench_upstream(upstream_python, port, calls, 1)
    cmd = [sys.executable, __file__, "--client", name, "--port", str(port), "--calls", str(calls)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    cpu, wall = json.loads(out.stdout.strip().splitlines()[-1])
    return float(cpu), float(wall)


def main() -> None:
    """Parse arguments, start the server subprocess, run the clients round-robin and print a table.

    Every client runs in its own subprocess, once per round, clients alternating, so that
    load from other processes affects them alike; the table shows the best and the median
    round.
    """
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--upstream-python", default=None)
    parser.add_argument("--import-runs", type=int, default=0)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--client", choices=sorted(CLIENTS), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    if args.client:
        print(json.dumps(CLIENTS[args.client](args.port, args.calls, 1)))
        return
    names = list(CLIENTS) + (["upstream"] if args.upstream_python else [])
    results: dict[str, list[tuple[float, float]]] = {n: [] for n in names}
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        for _ in range(args.rounds):
            for name in names:
                results[name].append(_run_client(name, port, args.calls, args.upstream_python))
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)
    print(f"{args.calls} calls x {args.rounds} rounds per client (client CPU = time.process_time)")
    print(f"{'client':<30} {'CPU ms/call best':>17} {'median':>8} {'wall ms/call best':>18}")
    for name in names:
        cpus = [c for c, _ in results[name]]
        walls = [w for _, w in results[name]]
        print(f"{LABELS[name]:<30} {min(cpus):>17.3f} {statistics.median(cpus):>8.3f} {min(walls):>18.3f}")
    if args.import_runs:
        print(f"import dxpy: {import_time(args.import_runs):.1f} ms wall (median of {args.import_runs} "
              "fresh interpreters)")


if __name__ == "__main__":
    main()
