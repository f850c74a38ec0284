"""dxpy.utils.describe renderings."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest

import dxpy
from dxpy.utils import describe as d

JOB = "job-" + "a" * 24
T0 = 1577872800123


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (1, "1 bytes"), (1023, "1023 bytes"), (1024, "1.00 KB"), (1536, "1.50 KB"),
     (10**6, "976.56 KB"), (5 * 1024**3, "5.00 GB"), (3 * 1024**4, "3.00 TB"), (2 * 1024**5, "2048.00 TB")],
)
def test_get_size_str(size: int, text: str) -> None:
    assert d.get_size_str(size) == text


def test_timestamps(utc: None) -> None:
    assert d.render_timestamp(T0) == "Wed Jan  1 10:00:00 2020"
    assert d.render_short_timestamp(T0) == "2020-01-01 10:00:00"
    assert d.JOB_STATES("done") == "done" and d.DATA_STATES("closed") == "closed"


def _job(**extra: Any) -> dict:
    desc = {"id": JOB, "class": "job", "name": "myjob", "state": "done", "launchedBy": "user-alice",
            "created": T0, "startedRunning": T0 + 5000, "stoppedRunning": T0 + 65000,
            "executableName": "exe", "function": "main"}
    desc.update(extra)
    return desc


def test_find_executions_string(utc: None) -> None:
    assert d.get_find_executions_string(_job(), has_children=False) == (
        f"* myjob (exe:main) (done) {JOB}\n  alice 2020-01-01 10:00:00 (runtime 0:01:00)")
    assert d.get_find_executions_string(_job(), has_children=True).split("\n")[1].startswith("│ alice")
    running = d.get_find_executions_string(_job(state="running", stoppedRunning=None), has_children=False)
    assert "alice 2020-01-01 10:00:00 (running for " in running and "(running)" in running
    analysis = {"id": "analysis-" + "a" * 24, "class": "analysis", "name": "wf", "state": "failed",
                "launchedBy": "user-bob", "created": T0, "executableName": "wf",
                "output": {"o": 1, "f": {"$dnanexus_link": "file-" + "b" * 24}},
                "failureReason": "AppError", "failureMessage": "boom"}
    text = d.get_find_executions_string(analysis, has_children=True)
    assert text.split("\n") == [
        f"* wf (failed) analysis-{'a' * 24}", "│ bob 2020-01-01 10:00:00",
        "│ Output: o = 1", f"│         f = file-{'b' * 24}"]
    assert "Output" not in d.get_find_executions_string(analysis, has_children=True, show_outputs=False)
    head = d.get_find_executions_string(_job(**{"try": 2}), False, show_try=True, is_cached_result=True,
                                        as_try_group_root=True)
    assert head == f"* [myjob (exe:main)] (done) {JOB} tries"
    cached = d.get_find_executions_string(_job(**{"try": 2}), False, show_try=True, is_cached_result=True)
    assert cached.split("\n")[:2] == [f"* [myjob (exe:main)] (done) {JOB} try 2",
                                      "  alice 2020-01-01 10:00:00 (cached, runtime 0:01:00)"]
    sub = d.get_find_executions_string(_job(parentJob=JOB, name="exe", state="running", stoppedRunning=None,
                                            startedRunning=int(time.time() * 1000) - 3_600_000), True)
    assert sub.split("\n")[0] == f"exe (running) {JOB}"  # subjob named like its executable
    assert sub.split("\n")[1].startswith("alice 2020-01-01 10:00:00 (running for 1:00:0")


def test_ls_renderings(utc: None) -> None:
    rec = {"id": "record-" + "a" * 24, "class": "record", "name": "r1", "state": "closed", "modified": T0,
           "folder": "/a", "project": "project-x"}
    assert d.get_ls_desc(rec) == "r1"
    assert d.get_ls_desc(rec, print_id=True) == f"r1 : record-{'a' * 24}"
    assert d.get_ls_l_header() == "State   Last modified       Size      Name (ID)"
    assert d.get_ls_l_desc(rec) == f"closed  2020-01-01 10:00:00           r1 (record-{'a' * 24})"
    f = dict(rec, size=12345, state="open", id="file-" + "a" * 24)
    assert d.get_ls_l_desc(f) == f"open    2020-01-01 10:00:00 12.06 KB  r1 (file-{'a' * 24})"
    assert d.get_ls_l_desc(rec, include_folder=True, include_project=True).endswith(
        f"/a/r1 (project-x:record-{'a' * 24})")
    assert set(d.get_ls_l_desc_fields()) >= {"id", "name", "state", "modified", "size"}
    out = io.StringIO()
    d.print_ls_desc(rec, file=out)
    d.print_ls_l_desc(rec, file=out, include_folder=True)
    long_line = f"closed  2020-01-01 10:00:00           /a/r1 (record-{'a' * 24})"
    assert out.getvalue().splitlines() == ["r1", long_line]


def test_print_desc_of_a_real_description(dx_project: str, utc: None) -> None:
    r = dxpy.new_dxrecord(name="shown", tags=["t1", "t2"], properties={"k": "v"}, details={"x": 1})
    out = io.StringIO()
    d.print_desc(r.describe(incl_properties=True, incl_details=True), file=out)
    width = d.FIELD_NAME_WIDTH
    lines = {line[:width].strip(): line[width:] for line in out.getvalue().splitlines()}
    assert lines["ID"] == r.get_id() and lines["Name"] == "shown" and lines["Tags"] == "t1, t2"
    assert lines["Properties"] == "k=v" and lines["Details"] == '{"x": 1}'
    assert lines["Visibility"] == "visible"
    assert lines["Project"] == dx_project
    verbose = d.get_desc_lines({"id": "x", "unusual": [1]}, verbose=True)
    assert verbose[-1].startswith("unusual") and verbose[-1].endswith("[1]")
    # fields without a label follow under their API name, as upstream shows them; internal ones only verbose
    assert d.get_desc_lines({"id": "x", "unusual": [1]})[-1] == f"{'unusual':<{d.FIELD_NAME_WIDTH}}[1]"
    quiet = d.get_desc_lines({"id": "x", "stateTransitions": []})
    assert not any(line.startswith("stateTransitions") for line in quiet)
