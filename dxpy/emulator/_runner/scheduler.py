"""The scheduler: a bounded pool moving jobs through the platform's states.

One scheduler thread per server. Route handlers change rows and call
:meth:`Scheduler.wake`; the scheduler then, in one write transaction (which
waits for the handler's transaction to commit, both holding the store's
writer lock), promotes jobs whose inputs and dependencies are ready, finishes
parents whose subjobs are done, and launches runnable jobs while the pool has
room. Each launched job has a worker thread that flushes its logs, enforces
its timeout and terminate requests, and records its result.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import threading
import time
from typing import Any, Optional

from dxpy.emulator._blobstore.blobs import BlobStore
from dxpy.emulator._data.store import Store, dumps, loads
from dxpy.emulator._runner import analyses, bundles, model
from dxpy.emulator._runner import specs as out
from dxpy.emulator._runner.launch import JobProcess
from dxpy.emulator._runner.scope import stage_inputs

__all__ = ["Scheduler", "recover_after_restart"]

logger = logging.getLogger(__name__)

POLL_S = 0.5
FLUSH_S = 0.2
RESTART_REASON = "UnresponsiveWorker"
RESTART_MESSAGE = (
    "The emulator stopped while this job was running; it was marked failed when the emulator restarted"
)


def _now() -> int:
    return int(time.time() * 1000)


def recover_after_restart(db: Any, now_ms: int) -> list:
    """Mark executions that were running when the emulator stopped as failed.

    :param db: a connection inside a write transaction.
    :param now_ms: the time.
    :returns: the IDs marked failed.
    """
    rows = db.execute(
        "SELECT id, pid FROM executions WHERE state IN ('running', 'terminating', 'waiting_on_output')"
    ).fetchall()
    for row in rows:
        if row["pid"]:
            kill_orphan(row["pid"], row["id"])
        fail_tree(db, row["id"], RESTART_REASON, RESTART_MESSAGE, now_ms)
    return [r["id"] for r in rows]


def kill_orphan(pid: int, job_id: str) -> bool:
    """Kill the process group of a job left running by an emulator that died (kill -9).

    The process is killed only if it still carries the job's ``DX_JOB_ID`` (a recycled
    PID belonging to something else is left alone).

    :param pid: the job's process (and process group) ID.
    :param job_id: the job.
    :returns: True when a process group was killed.
    """
    try:
        with open(f"/proc/{int(pid)}/environ", "rb") as fh:
            environ = fh.read().split(b"\0")
    except OSError:
        return False
    if f"DX_JOB_ID={job_id}".encode() not in environ:
        return False
    try:
        os.killpg(int(pid), signal.SIGKILL)
    except OSError:
        return False
    logger.warning("killed the processes of %s left by a previous emulator run", job_id)
    return True


def _release(db: Any, row: Any) -> None:
    """Revoke a finished job's token; an origin job also destroys the tree's workspace."""
    from dxpy.emulator._routes.projects import destroy_container

    if row["token_hash"]:
        db.execute("DELETE FROM tokens WHERE token_hash=?", (row["token_hash"],))
    if not row["parent_job"] and row["workspace"]:
        destroy_container(db, row["workspace"])


def fail_tree(db: Any, job_id: str, reason: str, message: str, now_ms: int) -> None:
    """Fail a job, its ancestors and every unfinished job of the same tree.

    :param db: a connection inside a write transaction.
    :param job_id: the job that failed.
    :param reason: ``failureReason``.
    :param message: ``failureMessage``.
    :param now_ms: the time.
    """
    row = model.get(db, job_id)
    if row is None:
        return
    tree = model.unfinished_tree(db, row)
    if row["state"] not in model.TERMINAL and all(r["id"] != job_id for r in tree):
        tree.append(row)
    for member in tree:
        model.set_state(
            db,
            member["id"],
            "failed",
            now_ms,
            failure_reason=reason,
            failure_message=message,
            failure_from=dumps({"id": job_id}),
        )
        _release(db, member)
    _cascade_dependents(db, now_ms)


def _cascade_dependents(db: Any, now_ms: int) -> None:
    """Fail waiting jobs whose dependencies or input sources failed."""
    waiting = db.execute("SELECT * FROM executions WHERE state IN ('idle', 'waiting_on_input')").fetchall()
    for row in waiting:
        sources = set(loads(row["depends_on"], [])) | out.ref_sources(db, loads(row["input"], {}))
        for source in sorted(sources):
            src = model.get(db, source)
            if src is not None and src["state"] in ("failed", "terminated"):
                model.set_state(
                    db,
                    row["id"],
                    "failed",
                    now_ms,
                    failure_reason="DependencyError",
                    failure_message=f"A job this job depends on ({source}) did not finish",
                    failure_from=dumps({"id": source}),
                )
                break


class Scheduler:
    """The bounded job pool of one emulator server.

    :param store: the store.
    :param api_url: the URL jobs reach the API at.
    :param jobs_dir: where per-job home directories are made.
    :param max_jobs: how many job processes may run at once.
    :param blob_dir: the blob store's directory (bundledDepends are read from it); by default
        ``blobs`` next to ``jobs_dir``, as the server lays out its state directory.
    """

    def __init__(
        self, store: Store, api_url: str, jobs_dir: str, max_jobs: int = 2, blob_dir: Optional[str] = None
    ) -> None:
        self.store = store
        self._blobs = BlobStore(blob_dir or os.path.join(os.path.dirname(jobs_dir), "blobs"))
        self.api_url = api_url
        self.jobs_dir = jobs_dir
        self.max_jobs = max(1, int(max_jobs))
        self._cond = threading.Condition()
        self._dirty = True
        self._stopping = False
        self._procs: dict = {}
        self._kill: dict = {}
        self._thread: Optional[threading.Thread] = None
        self._workers: list = []

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        """Recover from a previous run and start the scheduler thread."""
        with self.store.write() as db:
            failed = recover_after_restart(db, _now())
        if failed:
            logger.warning("marked %d execution(s) failed after a restart", len(failed))
        self._thread = threading.Thread(target=self._loop, name="dx-emulator-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop scheduling and kill every job process this scheduler started."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        for proc in list(self._procs.values()):
            proc.kill_tree()
        for worker in list(self._workers):
            if worker.ident is not None:  # not started yet: nothing to join
                worker.join(timeout=30)
        if self._thread is not None:
            self._thread.join(timeout=10)

    def wake(self) -> None:
        """Ask for a scheduling pass (call after changing executions)."""
        with self._cond:
            self._dirty = True
            self._cond.notify_all()

    def running(self) -> int:
        """Count the job processes alive now.

        :returns: the number.
        """
        return len(self._procs)

    def _loop(self) -> None:
        while True:
            with self._cond:
                if not self._dirty and not self._stopping:
                    self._cond.wait(POLL_S)
                self._dirty = False
                if self._stopping:
                    return
            if getattr(self.store, "_closed", False):
                self.stop_processes()
                return
            try:
                self._pass()
            except Exception:  # noqa: BLE001 - the scheduler must survive one bad pass
                logger.exception("scheduler pass failed")
            finally:
                # an idle emulator holds no connection for the scheduler (open connections = threads at work)
                self.store.release()

    def stop_processes(self) -> None:
        """Kill every job process (the store is gone)."""
        for proc in list(self._procs.values()):
            proc.kill_tree()

    # -- one pass -------------------------------------------------------------------------------

    def _pass(self) -> None:
        launches: list = []
        with self.store.write() as db:
            now = _now()
            self._handle_terminating(db, now)
            self._promote(db, now)
            self._finish_parents(db, now)
            again = analyses.advance(db, now)
            room = self.max_jobs - len(self._procs) - len(launches)
            if room > 0:
                rows = db.execute(
                    "SELECT * FROM executions WHERE state='runnable' AND cls='job'"
                    " ORDER BY created, rowid LIMIT ?",
                    (room,),
                ).fetchall()
                for row in rows:
                    launches.append(self._prepare(db, row, now))
        if again:
            self.wake()
        for spec in launches:
            if spec is not None:
                self._procs[spec["id"]] = JobProcess(spec["id"], spec["home"])
                worker = threading.Thread(
                    target=self._work, args=(spec,), name=f"job-{spec['id']}", daemon=True
                )
                self._workers = [w for w in self._workers if w.is_alive()] + [worker]
                worker.start()

    def _handle_terminating(self, db: Any, now: int) -> None:
        for row in db.execute("SELECT id FROM executions WHERE state='terminating' AND cls='job'").fetchall():
            if row["id"] in self._procs:
                self._kill[row["id"]] = "terminated"
            else:
                model.set_state(db, row["id"], "terminated", now)
                _release(db, model.get(db, row["id"]))
        for row in db.execute("SELECT id FROM executions WHERE state='failed'").fetchall():
            if row["id"] in self._procs:
                self._kill.setdefault(row["id"], "failed")

    def _promote(self, db: Any, now: int) -> None:
        _cascade_dependents(db, now)
        rows = db.execute("SELECT * FROM executions WHERE state IN ('idle','waiting_on_input') AND cls='job'")
        for row in rows.fetchall():
            sources = set(loads(row["depends_on"], [])) | out.ref_sources(db, loads(row["input"], {}))
            states = {s: (model.get(db, s) or {"state": "done"})["state"] for s in sources}
            if any(st not in ("done", "closed") for st in states.values()):
                if row["state"] == "idle":
                    model.set_state(db, row["id"], "waiting_on_input", now)
                continue
            try:
                resolved = out.resolve(db, loads(row["input"], {}))
            except out.Unresolvable as exc:
                model.set_state(
                    db, row["id"], "failed", now, failure_reason="DependencyError", failure_message=str(exc)
                )
                continue
            model.set_state(db, row["id"], "runnable", now, input=dumps(resolved))

    def _finish_parents(self, db: Any, now: int) -> None:
        for row in db.execute("SELECT * FROM executions WHERE state='waiting_on_output'").fetchall():
            kids = model.children(db, row["id"])
            if any(k["state"] not in model.TERMINAL for k in kids):
                continue
            pending = out.ref_sources(db, loads(row["output"], {}))
            if any((model.get(db, j) or {"state": "done"})["state"] not in model.TERMINAL for j in pending):
                continue
            self._complete(db, row, loads(row["output"], {}), now)

    def _complete(self, db: Any, row: Any, output: dict, now: int) -> None:
        try:
            resolved = out.resolve(db, output)
        except out.Unresolvable as exc:
            fail_tree(db, row["id"], "AppInternalError", f"Output could not be resolved: {exc}", now)
            return
        runnable = loads(row["runnable"], {})
        # the outputSpec describes the executable's result: subjobs (other entry points) are not checked
        spec = runnable.get("outputSpec") if not row["parent_job"] else None
        problem = out.validate_output(resolved, spec)
        if problem:
            fail_tree(
                db, row["id"], "AppInternalError", f"Output does not match the outputSpec: {problem}", now
            )
            return
        if not row["parent_job"] and row["workspace"]:
            out.export_outputs(db, row["workspace"], row["project"], row["folder"], resolved, now)
        model.set_state(db, row["id"], "done", now, output=dumps(resolved))
        _release(db, row)

    def _prepare(self, db: Any, row: Any, now: int) -> Optional[dict]:
        from dxpy.emulator._routes.system import create_token, hash_token

        runnable = loads(row["runnable"], {})
        try:
            found = bundles.resolve(db, row["user_id"], runnable)
        except bundles.BundleError as exc:
            fail_tree(db, row["id"], "AppInternalError", f"The job could not be started: {exc}", now)
            return None
        token = create_token(db, row["user_id"], now, label=row["id"])
        if row["workspace"]:
            stage_inputs(db, row["workspace"], loads(row["input"], {}), now)
        model.set_state(db, row["id"], "running", now, token_hash=hash_token(token))
        return {
            "id": row["id"],
            "home": os.path.join(self.jobs_dir, row["id"]),
            "token": token,
            "workspace": row["workspace"],
            "project": row["project"],
            "api_url": self.api_url,
            "runnable": runnable,
            "root": os.path.join(self.jobs_dir, row["id"] + ".root"),
            "bundles": [(name, fid, [self._blobs.path(b) for b in blobs]) for name, fid, blobs in found],
            "function": row["function"],
            "input": loads(row["input"], {}),
            "timeout_ms": row["timeout_ms"],
            "started": time.monotonic(),
        }

    # -- one job --------------------------------------------------------------------------------

    def _flush(self, job_id: str, proc: JobProcess) -> None:
        logs = proc.take_logs()
        if logs:
            with self.store.write() as db:
                model.append_logs(db, job_id, logs)

    def _work(self, spec: dict) -> None:
        job_id = spec["id"]
        proc = self._procs[job_id]
        try:
            proc.start(spec["runnable"].get("runSpec") or {}, spec["function"], spec["input"], spec)
        except (OSError, ValueError) as exc:
            self._procs.pop(job_id, None)
            for directory in (spec["home"], spec["root"]):
                shutil.rmtree(directory, ignore_errors=True)
            with self.store.write() as db:
                fail_tree(db, job_id, "AppInternalError", f"The job could not be started: {exc}", _now())
            self.store.release()
            self.wake()
            return
        with self.store.write() as db:
            db.execute("UPDATE executions SET pid=? WHERE id=?", (proc.pid, job_id))
        timed_out = False
        try:
            timed_out = self._supervise(spec, proc)
            result = proc.finish()
            self._flush(job_id, proc)
            if self._stopping:
                return  # the job stays "running"; the next start marks it failed (restart recovery)
            with self.store.write() as db:
                self._record(db, job_id, result, timed_out, spec)
        except Exception:  # noqa: BLE001 - a job must never stay "running" because of a runner bug
            logger.exception("runner error for %s", job_id)
            proc.kill_tree()
            with self.store.write() as db:
                fail_tree(db, job_id, "AppInternalError", "The emulator's runner failed on this job", _now())
        finally:
            self.store.release()
            self._procs.pop(job_id, None)
            self._kill.pop(job_id, None)
            if os.environ.get("DX_EMULATOR_KEEP_JOBS") != "1":
                shutil.rmtree(spec["home"], ignore_errors=True)
                shutil.rmtree(spec["root"], ignore_errors=True)
            self.wake()

    def _supervise(self, spec: dict, proc: JobProcess) -> bool:
        """Wait for the process, flushing logs; kill it on terminate, failure elsewhere or timeout."""
        job_id = spec["id"]
        timeout_ms = spec.get("timeout_ms")
        while proc.wait(FLUSH_S) is None:
            self._flush(job_id, proc)
            if job_id in self._kill or self._stopping:
                proc.kill_tree()
                return False
            if timeout_ms and (time.monotonic() - spec["started"]) * 1000 > timeout_ms:
                proc.kill_tree()
                return True
        return False

    def _record(self, db: Any, job_id: str, result: Any, timed_out: bool, spec: dict) -> None:
        row = model.get(db, job_id)
        now = _now()
        if row is None or row["state"] in model.TERMINAL:
            return
        if row["state"] == "terminating":
            model.set_state(db, job_id, "terminated", now)
            _release(db, row)
            return
        if timed_out:
            minutes = (spec.get("timeout_ms") or 0) / 60000.0
            message = f"The job ran longer than its timeoutPolicy ({minutes:g} min)"
            fail_tree(db, job_id, "JobTimeoutExceeded", message, now)
            return
        if result.error is not None:
            kind = result.error.get("type")
            reason = kind if kind in ("AppError", "AppInternalError") else "AppInternalError"
            fail_tree(db, job_id, reason, str(result.error.get("message", "")), now)
            return
        if result.exit_code != 0:
            fail_tree(
                db,
                job_id,
                "AppInternalError",
                f"Error while running the command (exit code {result.exit_code})",
                now,
            )
            return
        if result.bad_output:
            fail_tree(db, job_id, "AppInternalError", result.bad_output, now)
            return
        output = result.output or {}
        kids = model.children(db, job_id)
        if any(k["state"] not in model.TERMINAL for k in kids) or out.job_refs(output):
            model.set_state(db, job_id, "waiting_on_output", now, output=dumps(output))
            return
        self._complete(db, model.get(db, job_id), output, now)
