"""File transfer benchmark against the emulator running in a subprocess.

Usage::

    python benchmarks/bench_transfer.py [--size 512MiB | --size-mib 512] [--part-mib 16] [--threads 4]
                                        [--modes bare,dxpy] [--repeat 3] [--workdir /tmp]

``--size`` takes a byte count with an optional unit (``1GiB``, ``1G``,
``512MiB``, ``300M``, ``4096``; units are binary); ``--size 1GiB --repeat 1``
is the "1 GiB round trip, byte-identical, bounded memory" check of issue 6.

It starts ``python -m dxpy.emulator serve --port 0`` in a subprocess, writes a
test file of the requested size under ``--workdir``, then for each mode runs
one *client subprocess* that uploads the file and downloads it again, and prints
MiB/s for each direction and the client's peak RSS:

* ``bare``: a plain ``urllib3`` loop (``/file-xxxx/upload`` + PUT per part on a
  thread pool, then ranged GETs per part) with the same part size and thread
  count. It computes every part's MD5 like a real client does, so it is the
  loopback *ceiling* the real client is measured against.
* ``dxpy``: ``dxpy.upload_local_file`` / ``dxpy.download_dxfile`` (skipped with
  a message when those are not importable yet).

Each client runs in its own process so that its ``ru_maxrss`` is its own. The
downloaded bytes are compared with the source (outside the timed section).
Modes alternate for ``--repeat`` rounds (default 3) and the best time of each
direction is reported (loopback figures on a shared machine are noisy; every
run's figures are printed too).
Targets (issue 6): dxpy at least 80% of the ceiling, client peak RSS < 300 MiB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

MIB = 1024 * 1024


_UNITS = {"": 1, "K": 1024, "M": MIB, "G": 1024 * MIB, "T": 1024 * 1024 * MIB}


def parse_size(text: str) -> int:
    """Parse a size such as ``1GiB``, ``512M``, ``1.5g`` or ``4096`` (binary units).

    :param text: the size
    :returns: bytes
    :raises argparse.ArgumentTypeError: when the text is not a size
    """
    cleaned = text.strip().upper().replace("IB", "").replace("B", "")
    number = cleaned.rstrip("KMGT")
    unit = cleaned[len(number):]
    try:
        value = float(number) * _UNITS[unit]
    except (KeyError, ValueError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 512MiB or 1GiB)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {text!r}")
    return int(value)


# -- emulator subprocess --------------------------------------------------------------------------


def start_emulator(state_dir: str, env_file: str) -> tuple[subprocess.Popen, dict[str, str]]:
    """Start the emulator in a subprocess and wait for its env file.

    :param state_dir: state directory for the emulator
    :param env_file: where the emulator writes its ``export`` lines
    :returns: (process, environment variables to reach it)
    """
    cmd = [sys.executable, "-m", "dxpy.emulator", "serve", "--port", "0",
           "--state-dir", state_dir, "--env-file", env_file]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not os.path.exists(env_file):
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise SystemExit(f"emulator exited early ({proc.returncode}):\n{err}")
        if time.monotonic() > deadline:
            proc.kill()
            raise SystemExit("emulator did not start within 60 s")
        time.sleep(0.05)
    return proc, parse_env_file(env_file)


def parse_env_file(path: str) -> dict[str, str]:
    """Parse the ``export NAME=value`` lines the emulator writes.

    :param path: env file path
    :returns: mapping of variable names to values
    """
    env: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            words = shlex.split(line, comments=True)
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                name, _, value = words[1].partition("=")
                env[name] = value
    return env


def make_source(path: str, size: int) -> str:
    """Write a file of ``size`` pseudo-random bytes (distinct per MiB) and return its MD5.

    :param path: destination path
    :param size: number of bytes
    :returns: hex MD5 of the file
    """
    block = os.urandom(MIB)
    digest = hashlib.md5()
    with open(path, "wb") as fh:
        written = 0
        counter = 0
        while written < size:
            chunk = (counter.to_bytes(8, "little") + block[8:])[: size - written]
            fh.write(chunk)
            digest.update(chunk)
            written += len(chunk)
            counter += 1
    return digest.hexdigest()


def md5_of(path: str) -> str:
    """Return the hex MD5 of a file, read in 8 MiB chunks.

    :param path: file path
    :returns: hex digest
    """
    digest = hashlib.md5()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(8 * MIB), b""):
            digest.update(chunk)
    return digest.hexdigest()


def peak_rss_of(pid: int) -> float | None:
    """Peak resident set size of a running process (Linux ``VmHWM``).

    :param pid: process ID
    :returns: MiB, or None where ``/proc`` does not tell
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


# -- bare urllib3 client (the ceiling) ------------------------------------------------------------


class BareClient:
    """Minimal urllib3 API client: JSON POSTs with the token, raw PUT/GET without it."""

    def __init__(self, env: dict[str, str], threads: int) -> None:
        """Read the server and token from ``DX_*`` variables and open a connection pool.

        :param env: the emulator's ``DX_*`` variables
        :param threads: transfer threads (the pool keeps that many connections)
        """
        import urllib3

        self.base = "{}://{}:{}".format(
            env["DX_APISERVER_PROTOCOL"], env["DX_APISERVER_HOST"], env["DX_APISERVER_PORT"]
        )
        ctx = json.loads(env["DX_SECURITY_CONTEXT"])
        self.auth = "{} {}".format(ctx["auth_token_type"], ctx["auth_token"])
        self.project = env["DX_PROJECT_CONTEXT_ID"]
        self.pool = urllib3.PoolManager(maxsize=threads + 2, retries=False, timeout=urllib3.Timeout(60, 300))

    def api(self, route: str, body: dict[str, Any]) -> Any:
        """POST one API call.

        :param route: e.g. ``/file/new``
        :param body: JSON input
        :returns: the decoded output
        :raises RuntimeError: on any non-200 answer
        """
        headers = {"Authorization": self.auth, "Content-Type": "application/json"}
        resp = self.pool.request("POST", self.base + route, body=json.dumps(body).encode(), headers=headers)
        if resp.status != 200:
            raise RuntimeError(f"{route}: HTTP {resp.status}: {resp.data[:300]!r}")
        return json.loads(resp.data)

    def upload(self, path: str, part_size: int, threads: int) -> str:
        """Upload a local file part by part on a thread pool, close it and wait until closed.

        :param path: local file
        :param part_size: bytes per part
        :param threads: parallel parts
        :returns: the file ID
        """
        size = os.path.getsize(path)
        file_id = self.api("/file/new", {"project": self.project, "name": os.path.basename(path)})["id"]
        count = max(1, -(-size // part_size))
        fd = os.open(path, os.O_RDONLY)
        local = threading.local()

        def one(index: int) -> None:
            # one reusable buffer per thread: fresh 16 MiB allocations per part
            # cost page faults that a careful client avoids
            view = getattr(local, "view", None)
            if view is None:
                view = local.view = memoryview(bytearray(part_size))
            data = view[: os.preadv(fd, [view], (index - 1) * part_size)]
            md5 = hashlib.md5(data).hexdigest()
            info = self.api(f"/{file_id}/upload", {"index": index, "size": len(data), "md5": md5})
            resp = self.pool.request("PUT", info["url"], body=data, headers=info.get("headers", {}))
            if resp.status != 200:
                raise RuntimeError(f"PUT part {index}: HTTP {resp.status}: {resp.data[:300]!r}")

        try:
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(one, range(1, count + 1)))
        finally:
            os.close(fd)
        self.api(f"/{file_id}/close", {})
        while self.api(f"/{file_id}/describe", {"fields": {"state": True}})["state"] != "closed":
            time.sleep(0.05)
        return file_id

    def download(self, file_id: str, path: str, threads: int) -> None:
        """Download a closed file with one ranged GET per part, checking each part's MD5.

        :param file_id: the file
        :param path: local destination
        :param threads: parallel parts
        """
        desc = self.api(f"/{file_id}/describe", {"fields": {"parts": True, "size": True}})
        info = self.api(f"/{file_id}/download", {"project": self.project})
        spans = []
        offset = 0
        for key in sorted(desc["parts"], key=int):
            part = desc["parts"][key]
            spans.append((offset, part["size"], part["md5"]))
            offset += part["size"]
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)

        def one(span: tuple[int, int, str]) -> None:
            start, length, want = span
            if length == 0:
                return
            headers = dict(info.get("headers", {}))
            headers["Range"] = f"bytes={start}-{start + length - 1}"
            resp = self.pool.request("GET", info["url"], headers=headers)
            data = resp.data
            if resp.status not in (200, 206) or len(data) != length or hashlib.md5(data).hexdigest() != want:
                raise RuntimeError(f"GET range at {start}: HTTP {resp.status}, {len(data)} bytes")
            os.pwrite(fd, data, start)

        try:
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(one, spans))
        finally:
            os.close(fd)


def run_bare(env: dict[str, str], src: str, dst: str, part_size: int, threads: int) -> dict[str, Any]:
    """Time the bare urllib3 upload and download.

    :returns: ``{"upload_s", "download_s"}``
    """
    client = BareClient(env, threads)
    t0 = time.perf_counter()
    file_id = client.upload(src, part_size, threads)
    t1 = time.perf_counter()
    client.download(file_id, dst, threads)
    t2 = time.perf_counter()
    return {"upload_s": t1 - t0, "download_s": t2 - t1}


# -- dxpy client -----------------------------------------------------------------------------------


def run_dxpy(env: dict[str, str], src: str, dst: str, part_size: int, threads: int) -> dict[str, Any]:
    """Time ``dxpy.upload_local_file`` and ``dxpy.download_dxfile``.

    :returns: ``{"upload_s", "download_s"}``, or ``{"skipped": reason}``
    """
    try:
        import dxpy

        upload_local_file = dxpy.upload_local_file
        download_dxfile = dxpy.download_dxfile
    except (ImportError, AttributeError) as exc:
        return {"skipped": f"dxpy.upload_local_file/download_dxfile not importable yet: {exc}"}
    try:
        from dxpy.bindings.dxfile import DXFile

        if hasattr(DXFile, "set_http_threadpool_size"):
            DXFile.set_http_threadpool_size(threads)
    except ImportError:
        pass
    project = env["DX_PROJECT_CONTEXT_ID"]
    t0 = time.perf_counter()
    handle = upload_local_file(src, project=project, wait_on_close=True, write_buffer_size=part_size)
    t1 = time.perf_counter()
    checksum = os.environ.get("BENCH_CHECKSUM")
    if checksum:  # the emulator lists per-part checksums of that type; the download verifies them too
        dxpy.DXHTTPRequest("/emulator/setFileChecksums", {"file": handle.get_id(), "checksumType": checksum})
        t1 = time.perf_counter()
    download_dxfile(handle.get_id(), dst, project=project)
    t2 = time.perf_counter()
    return {"upload_s": t1 - t0, "download_s": t2 - t1}


def client_main(mode: str, src: str, dst: str, part_size: int, threads: int) -> None:
    """Entry point of a client subprocess: run one mode and print a JSON result line.

    :param mode: ``bare`` or ``dxpy``
    :param src: file to upload
    :param dst: where to download it
    :param part_size: part size in bytes
    :param threads: transfer threads
    """
    env = {k: v for k, v in os.environ.items() if k.startswith("DX_")}
    runner = run_bare if mode == "bare" else run_dxpy
    result = runner(env, src, dst, part_size, threads)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps(result))


# -- driver ----------------------------------------------------------------------------------------


def run_client(mode: str, env: dict[str, str], src: str, dst: str, args: argparse.Namespace) -> dict:
    """Run one client mode in a subprocess.

    :returns: its result mapping, or ``{"error": last stderr line}``
    """
    cmd = [sys.executable, os.path.abspath(__file__), "--client", mode, "--src", src, "--dst", dst,
           "--part-mib", str(args.part_mib), "--threads", str(args.threads)]
    child_env = dict(os.environ)
    child_env.update(env)
    child_env["DX_USER_CONF_DIR"] = os.path.join(args.workdir_actual, "conf")
    proc = subprocess.run(cmd, env=child_env, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
    result: dict = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def summarize(results: list[dict]) -> dict:
    """Combine repeated runs of one mode: best (shortest) time per direction, largest peak RSS.

    :param results: the per-run result mappings
    :returns: one result mapping (or the first skip/error)
    """
    good = [r for r in results if "upload_s" in r]
    if not good:
        return results[0]
    return {
        "upload_s": min(r["upload_s"] for r in good),
        "download_s": min(r["download_s"] for r in good),
        "upload_all": [r["upload_s"] for r in good],
        "download_all": [r["download_s"] for r in good],
        "peak_rss_mib": max(r["peak_rss_mib"] for r in good),
        "verified": all(r.get("verified", False) for r in good),
        "runs": len(good),
        "error": next((r["error"] for r in results if "error" in r), None),
    }


def report(rows: list[tuple[str, dict]], size: int) -> None:
    """Print the results table.

    :param rows: ``(mode, summarized result)`` pairs
    :param size: file size in bytes
    """
    mib = size / MIB
    ceiling = dict(rows).get("bare", {})
    print(f"{'client':<8} {'upload MiB/s':>13} {'download MiB/s':>15} {'peak RSS MiB':>13} {'bytes':>10}"
          "  vs ceiling")
    for mode, res in rows:
        if "upload_s" not in res:
            print(f"{mode:<8} {res.get('skipped') or 'ERROR: ' + str(res.get('error'))}")
            continue
        up, down = mib / res["upload_s"], mib / res["download_s"]
        ratio = ""
        if mode != "bare" and "upload_s" in ceiling:
            ratio = "up {:.0%}, down {:.0%}".format(
                ceiling["upload_s"] / res["upload_s"], ceiling["download_s"] / res["download_s"]
            )
        same = "identical" if res.get("verified") else "DIFFER"
        status = "  (a run failed: " + str(res["error"]) + ")" if res.get("error") else ""
        print(f"{mode:<8} {up:>13.1f} {down:>15.1f} {res['peak_rss_mib']:>13.1f} {same:>10}  {ratio}{status}")
        runs = ", ".join(
            f"{mib / u:.0f}/{mib / d:.0f}" for u, d in zip(res["upload_all"], res["download_all"])
        )
        med_up = mib / statistics.median(res["upload_all"])
        med_down = mib / statistics.median(res["download_all"])
        median_ratio = ""
        if mode != "bare" and "upload_all" in ceiling:
            median_ratio = "; median vs ceiling median: up {:.0%}, down {:.0%}".format(
                statistics.median(ceiling["upload_all"]) / statistics.median(res["upload_all"]),
                statistics.median(ceiling["download_all"]) / statistics.median(res["download_all"]),
            )
        print(f"{'':<8} runs (up/down MiB/s): {runs}; median {med_up:.0f}/{med_down:.0f}{median_ratio}")


def report_checksum_speeds(mib: int = 16) -> None:
    """Print how fast each per-part checksum is computed here (and the pure-Python fallbacks)."""
    from dxpy import _checksums

    data = os.urandom(mib * MIB)
    pure_data = data[: 2 * MIB]  # the pure-Python CRCs are slow: time them on less
    print("per-part checksum speed (MiB/s):")
    for kind in _checksums.CHECKSUM_TYPES:
        rows = [(_checksums.implementation(kind), False, data)]
        if kind in ("CRC32C", "CRC64NVME") and rows[0][0] != "pure Python":
            rows.append(("pure Python fallback", True, pure_data))
        for name, force, sample in rows:
            hasher = _checksums.new_hasher(kind, force_pure=force)
            t0 = time.perf_counter()
            hasher.update(sample)
            hasher.digest()
            print(f"  {kind:<10} {name:<22} {len(sample) / MIB / (time.perf_counter() - t0):10.1f}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with ``--client``, one client run).

    :param argv: command-line arguments
    :returns: 0 when every run verified its bytes
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--size", type=parse_size, help="file size, e.g. 512MiB (default) or 1GiB")
    sizes.add_argument("--size-mib", type=float, default=512.0, help="file size in MiB")
    parser.add_argument("--part-mib", type=float, default=16.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--modes", default="bare,dxpy")
    parser.add_argument("--repeat", type=int, default=3, help="runs per mode; the best time is reported")
    parser.add_argument("--workdir", default="/tmp")
    parser.add_argument("--checksum", help="give the uploaded file per-part checksums of this type "
                        "(CRC32, CRC32C, SHA1, SHA256, CRC64NVME) so the dxpy download verifies them")
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--src", help=argparse.SUPPRESS)
    parser.add_argument("--dst", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    part_size = int(args.part_mib * MIB)
    if args.client:
        client_main(args.client, args.src, args.dst, part_size, args.threads)
        return 0
    size = args.size if args.size is not None else int(args.size_mib * MIB)
    report_checksum_speeds()
    if args.checksum:
        os.environ["BENCH_CHECKSUM"] = args.checksum
    work = tempfile.mkdtemp(prefix="dxpy-bench-", dir=args.workdir)
    args.workdir_actual = work
    proc = None
    try:
        src = os.path.join(work, "source.bin")
        want = make_source(src, size)
        proc, env = start_emulator(os.path.join(work, "state"), os.path.join(work, "emulator.env"))
        print(f"file {size / MIB:.0f} MiB, part {args.part_mib:g} MiB, {args.threads} threads, "
              f"emulator pid {proc.pid}")
        modes = [m.strip() for m in args.modes.split(",") if m.strip()]
        runs: dict[str, list[dict]] = {m: [] for m in modes}
        for round_no in range(args.repeat):
            # alternate the order each round so that background load and disk
            # write-back hit every mode alike
            order = modes if round_no % 2 == 0 else modes[::-1]
            for mode in order:
                if runs[mode] and "skipped" in runs[mode][-1]:
                    continue
                os.sync()  # start each run without a backlog of dirty pages
                dst = os.path.join(work, f"download-{mode}.bin")
                res = run_client(mode, env, src, dst, args)
                if "upload_s" in res:
                    res["verified"] = md5_of(dst) == want
                if os.path.exists(dst):
                    os.unlink(dst)
                runs[mode].append(res)
        rows = [(mode, summarize(runs[mode])) for mode in modes]
        report(rows, size)
        server_peak = peak_rss_of(proc.pid)
        if server_peak is not None:
            print(f"emulator (server) peak RSS: {server_peak:.1f} MiB")
        return 0 if all("skipped" in r or (r.get("verified") and not r.get("error")) for _, r in rows) else 1
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
