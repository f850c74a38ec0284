"""One job as a local subprocess: home directory, environment, log capture and result.

The job runs in its own session (process group), so that terminate and
timeouts kill the whole tree it started. Its stdout/stderr lines and the JSON
datagrams sent to its two log sockets (``DX_LOG_PRIORITY_SOCKET``,
``DX_LOG_BULK_SOCKET``) are collected into a buffer the scheduler flushes to
the store.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Optional

from dxpy.emulator._runner import bundles

__all__ = ["JobProcess", "JobResult", "job_environment", "command_for"]

logger = logging.getLogger(__name__)

#: The bootstrap a python3 job runs: the applet code as ``__main__``, then ``dxpy.run()``
#: unless the code already ran it.
PYTHON_BOOTSTRAP = """\
import runpy, sys
sys.argv = ["code.py"]
runpy.run_path("code.py", run_name="__main__")
from dxpy.utils import exec_utils
if not getattr(exec_utils, "RUN_COUNT", 0):
    exec_utils.run()
"""

MAX_DATAGRAM = 65536
#: syslog priorities (what the platform's log handlers send as ``level``) -> level names
SYSLOG_LEVELS = {
    0: "EMERG",
    1: "ALERT",
    2: "CRITICAL",
    3: "ERROR",
    4: "WARNING",
    5: "NOTICE",
    6: "INFO",
    7: "DEBUG",
}


def level_name(value: object) -> str:
    """Name of a log level sent as a syslog priority number or as a name.

    :param value: ``6``, ``"6"`` or ``"INFO"``.
    :returns: the upper-case level name (``INFO`` when absent).
    """
    if value is None:
        return "INFO"
    text = str(value).strip()
    if text.isdigit():
        return SYSLOG_LEVELS.get(int(text), "INFO")
    return text.upper()


KILL_GRACE_S = 5.0


def scripts_dir() -> str:
    """The scripts (bin) directory of the emulator's interpreter.

    :returns: the directory holding ``python3`` and the ``dx-*`` console scripts.
    """
    return sysconfig.get_path("scripts") or os.path.dirname(sys.executable)


def job_environment(base: dict, job: dict, log_dir: str) -> dict:
    """The environment of a job process.

    :param base: the environment to start from (the emulator's own).
    :param job: ``id``, ``workspace``, ``project``, ``api_url``, ``token`` (and ``runnable``, whose
        ``resources`` an app's job sees as ``DX_RESOURCES_ID``).
    :param log_dir: directory of the two log sockets.
    :returns: a new environment mapping.
    """
    env = {k: v for k, v in base.items() if not k.startswith("DX_")}
    host_port = job["api_url"].split("://", 1)[1]
    host, _, port = host_port.rpartition(":")
    env.update(
        {
            "DX_JOB_ID": job["id"],
            "DX_WORKSPACE_ID": job["workspace"],
            "DX_PROJECT_CONTEXT_ID": job["project"],
            "DX_APISERVER_HOST": host,
            "DX_APISERVER_PORT": port,
            "DX_APISERVER_PROTOCOL": job["api_url"].split("://", 1)[0],
            "DX_SECURITY_CONTEXT": json.dumps({"auth_token_type": "Bearer", "auth_token": job["token"]}),
            "DX_LOG_PRIORITY_SOCKET": os.path.join(log_dir, "priority"),
            "DX_LOG_BULK_SOCKET": os.path.join(log_dir, "bulk"),
            "PATH": scripts_dir() + os.pathsep + base.get("PATH", os.defpath),
            "PYTHONUNBUFFERED": "1",
        }
    )
    resources = (job.get("runnable") or {}).get("resources")
    if resources:  # an app's job also names the app's resources container
        env["DX_RESOURCES_ID"] = env["DX_PROJECT_CACHE_ID"] = resources
    return env


def command_for(run_spec: dict, function: str) -> list:
    """The command line that runs one entry point of an applet's code.

    :param run_spec: the executable's runSpec (``interpreter``, ``code``).
    :param function: the entry point.
    :returns: the argv list (run in the job's home directory).
    :raises ValueError: for an interpreter the emulator cannot run.
    """
    interpreter = run_spec.get("interpreter")
    if interpreter in ("python3", "python2.7"):
        return [sys.executable, "-c", PYTHON_BOOTSTRAP]
    if interpreter == "bash":
        script = (
            'eval "$(dx-print-bash-vars)"\nsource ./code.sh\n'
            f'if [ "$(type -t {function})" = function ]; then {function}; fi\n'
        )
        return ["bash", "-e", "-o", "pipefail", "-c", script]
    raise ValueError(f"unsupported interpreter {interpreter!r}")


@dataclass
class JobResult:
    """What a finished job left behind.

    :param exit_code: the process exit status (negative: killed by that signal).
    :param output: the parsed ``job_output.json`` (None when absent).
    :param error: the ``error`` dict of ``job_error.json`` (None when absent).
    :param bad_output: why ``job_output.json`` could not be read, if it could not.
    """

    exit_code: int
    output: Optional[dict] = None
    error: Optional[dict] = None
    bad_output: Optional[str] = None


@dataclass
class JobProcess:
    """A running job process and its log capture.

    :param job_id: the job.
    :param home: the job's home (and working) directory.
    """

    job_id: str
    home: str
    proc: Optional[subprocess.Popen] = None
    log_dir: str = ""
    _logs: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list = field(default_factory=list)
    _sockets: list = field(default_factory=list)

    def start(self, run_spec: dict, function: str, job_input: dict, env_job: dict) -> None:
        """Write the home directory and start the process.

        :param run_spec: the executable's runSpec.
        :param function: the entry point to run.
        :param job_input: the resolved input, written as ``job_input.json``.
        :param env_job: see :func:`job_environment`.
        :raises OSError: when the process cannot be started.
        :raises ValueError: for an unsupported interpreter.
        """
        os.makedirs(self.home, exist_ok=True)
        self._unpack_bundles(env_job)
        with open(os.path.join(self.home, "job_input.json"), "w", encoding="utf-8") as fh:
            json.dump(job_input, fh)
        code_name = "code.sh" if run_spec.get("interpreter") == "bash" else "code.py"
        with open(os.path.join(self.home, code_name), "w", encoding="utf-8") as fh:
            fh.write(str(run_spec.get("code", "")))
        argv = command_for(run_spec, function)
        # Unix socket paths are limited to ~100 bytes: keep them under a short temp dir.
        self.log_dir = tempfile.mkdtemp(prefix="dxjl-")
        for name in ("priority", "bulk"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            sock.bind(os.path.join(self.log_dir, name))
            sock.settimeout(0.2)
            self._sockets.append(sock)
        env = job_environment(dict(os.environ, HOME=self.home), env_job, self.log_dir)
        env["HOME"] = self.home
        if env_job.get("bundles"):
            bundles.root_environment(env, env_job["root"], scripts_dir())
        self.proc = subprocess.Popen(
            argv,
            cwd=self.home,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._spawn(self._read_stream, self.proc.stdout, "APP", "STDOUT")
        self._spawn(self._read_stream, self.proc.stderr, "APP", "STDERR")
        for sock in self._sockets:
            self._spawn(self._read_socket, sock)

    def _unpack_bundles(self, env_job: dict) -> None:
        """Unpack the job's bundledDepends (see :mod:`.bundles`) into its root and home."""
        archive = env_job.get("root", "") + ".download"
        for name, _file_id, paths in env_job.get("bundles") or []:
            try:
                with open(archive, "wb") as out:
                    for path in paths:
                        with open(path, "rb") as part:
                            shutil.copyfileobj(part, out)
            except OSError as exc:
                raise bundles.BundleError(f"bundledDepends {name!r} could not be read: {exc}") from exc
            try:
                bundles.unpack(archive, name, env_job["root"], self.home)
            finally:
                os.unlink(archive)

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"log-{self.job_id}")
        thread.start()
        self._threads.append(thread)

    def _add(self, source: str, level: str, msg: str, timestamp: Optional[int] = None) -> None:
        entry = {
            "timestamp": timestamp or int(time.time() * 1000),
            "source": source,
            "level": level,
            "msg": msg,
        }
        with self._lock:
            self._logs.append(entry)

    def _read_stream(self, stream: Any, source: str, level: str) -> None:
        for raw in iter(stream.readline, b""):
            self._add(source, level, raw.decode("utf-8", "replace").rstrip("\n"))
        stream.close()

    def _read_socket(self, sock: socket.socket) -> None:
        while True:
            try:
                data = sock.recv(MAX_DATAGRAM)
            except socket.timeout:
                if self.proc is not None and self.proc.poll() is not None:
                    return
                continue
            except OSError:
                return
            try:
                doc = json.loads(data.decode("utf-8", "replace"))
                self._add(
                    str(doc.get("source", "APP")),
                    level_name(doc.get("level")),
                    str(doc.get("msg", "")),
                    int(doc["timestamp"]) if isinstance(doc.get("timestamp"), int) else None,
                )
            except (ValueError, AttributeError):
                self._add("APP", "INFO", data.decode("utf-8", "replace"))

    @property
    def pid(self) -> Optional[int]:
        """The job process's PID (also its process group ID), once started.

        :returns: the PID or None.
        """
        return None if self.proc is None else self.proc.pid

    def take_logs(self) -> list:
        """Return and forget the log entries collected so far.

        :returns: the entries, oldest first.
        """
        with self._lock:
            logs, self._logs = self._logs, []
        return logs

    def wait(self, timeout: float) -> Optional[int]:
        """Wait up to ``timeout`` seconds for the process to exit.

        :param timeout: seconds.
        :returns: the exit status, or None while it runs.
        """
        assert self.proc is not None
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill_tree(self) -> None:
        """Stop the job's whole process group: SIGTERM, then SIGKILL after a grace period."""
        if self.proc is None:
            return
        for sig, grace in ((signal.SIGTERM, KILL_GRACE_S), (signal.SIGKILL, 0.0)):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, sig)
            if grace and self.wait(grace) is not None:
                break
        # the leader is gone; make sure nothing it left in its group survives
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def finish(self) -> JobResult:
        """After exit: join the log readers, read the result files, remove temporary state.

        :returns: the :class:`JobResult`.
        """
        assert self.proc is not None
        code = self.proc.wait()
        for thread in self._threads:
            thread.join(timeout=5)
        for sock in self._sockets:
            sock.close()
        shutil.rmtree(self.log_dir, ignore_errors=True)
        result = JobResult(exit_code=code)
        out_path = os.path.join(self.home, "job_output.json")
        if os.path.exists(out_path):
            try:
                with open(out_path, encoding="utf-8") as fh:
                    output = json.load(fh)
                if isinstance(output, dict):
                    result.output = output
                else:
                    result.bad_output = "job_output.json does not hold a JSON object"
            except ValueError as exc:
                result.bad_output = f"job_output.json is not valid JSON: {exc}"
        err_path = os.path.join(self.home, "job_error.json")
        if os.path.exists(err_path):
            try:
                with open(err_path, encoding="utf-8") as fh:
                    err = json.load(fh).get("error")
                result.error = err if isinstance(err, dict) else None
            except (ValueError, AttributeError):
                result.error = {"type": "AppInternalError", "message": "job_error.json is not valid JSON"}
        return result
