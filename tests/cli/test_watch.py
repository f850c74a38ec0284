"""``dx watch`` (log formats, stream extraction, exit status) and ``dx terminate``."""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path
from typing import Any

import pytest

import dxpy
from tests._support.exec_sources import build_applet


@pytest.fixture
def bash_applet(dxpy_here: Any, tmp_path: Path) -> str:
    return build_applet(tmp_path, dxpy_here.project_id, name="bashy", interpreter="bash")


def _finished_job(applet: str, who: str) -> str:
    job = dxpy.DXApplet(applet).run({"who": who})
    with contextlib.suppress(dxpy.exceptions.DXJobFailureError):
        job.wait_on_done(interval=0.1, timeout=120)
    return str(job.get_id())


def test_watch_a_finished_job(dxpy_here: Any, bash_applet: str) -> None:
    dx = dxpy_here
    job = _finished_job(bash_applet, "w")
    out = dx("watch", job).stdout.splitlines()
    assert out[0] == f"Watching job {job}. Press Ctrl+C to stop watching."
    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
    assert any(re.fullmatch(stamp + " bashy STDOUT bash says w", line) for line in out)
    assert any(re.fullmatch(stamp + " bashy STDERR to stderr", line) for line in out)
    assert out[-1] == f"* bashy (done) {job}"


def test_stream_extraction_and_formats(dxpy_here: Any, bash_applet: str) -> None:
    dx = dxpy_here
    job = _finished_job(bash_applet, "s")
    assert dx("watch", job, "--get-stdout").stdout == "bash says s\n"
    assert dx("watch", job, "--get-stderr").stdout == "to stderr\n"
    # stdout and stderr are read from separate pipes: their relative order is not fixed
    assert sorted(dx("watch", job, "--get-streams").stdout.splitlines()) == ["bash says s", "to stderr"]
    quiet = dx("watch", job, "-q", "--no-timestamps").stdout.splitlines()
    assert sorted(quiet) == ["bashy STDERR to stderr", "bashy STDOUT bash says s"]
    assert (
        dx("watch", job, "-q", "-l", "STDERR", "-f", "{job}|{level}|{msg}").stdout
        == f"{job}|STDERR|to stderr\n"
    )
    last = dx("watch", job, "--no-job-info", "--no-timestamps", "--job-ids", "-n", "1").stdout
    assert last == f"bashy {job} {quiet[-1].split(' ', 1)[1]}\n"


def test_watch_a_failed_job_exits_3(dxpy_here: Any, tmp_path: Path) -> None:
    dx = dxpy_here
    applet = build_applet(tmp_path, dx.project_id)
    job = _finished_job(applet, "fail")
    result = dx.fails("watch", job, "-q")
    assert result.returncode == 3
    assert result.stderr.strip() == f"{job} failed: AppError: asked to fail"
    assert "hello fail 1 None" in result.stdout


def test_terminate_then_watch(dxpy_here: Any, bash_applet: str) -> None:
    dx = dxpy_here
    job = dx("run", bash_applet, "-iwho=sleep", "-y", "--brief").stdout.strip()
    deadline = time.monotonic() + 60
    while dxpy.api.job_describe(job)["state"] != "running" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert dx("watch", job, "--no-follow", "-q").returncode == 0
    assert dx("terminate", job).stdout == ""
    deadline = time.monotonic() + 60
    while dxpy.api.job_describe(job)["state"] != "terminated" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert dxpy.api.job_describe(job)["state"] == "terminated"
    result = dx.fails("watch", job, "--get-stdout")
    assert result.returncode == 3 and result.stderr.startswith(f"{job} terminated")


def test_bad_ids(dx: Any) -> None:
    assert "needs a job ID" in dx.fails("watch", "file-" + "x" * 24).stderr
    assert "needs job or analysis IDs" in dx.fails("terminate", "nonsense").stderr
    missing = dx.fails("terminate", "job-" + "Q" * 24)
    assert missing.returncode == 3 and len(missing.stderr.strip().splitlines()) == 1
    assert "ResourceNotFound" in missing.stderr
