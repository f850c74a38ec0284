"""``dx find data|projects|jobs|analyses|executions|apps`` against the emulator, with real jobs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli._clidata import new_applet, run_and_wait


@pytest.fixture
def data(dx: Any) -> dict[str, str]:
    """Three files and a record in the test project: IDs by name."""
    ids = {
        "a.txt": dx("upload", "-", "--path", "/a.txt", "--brief", input="a").stdout.strip(),
        "b.txt": dx("upload", "-", "--path", "/sub/b.txt", "-p", "--brief", "--tag", "t1",
                    "--property", "k=v", input="bb").stdout.strip(),
        "h.txt": dx("upload", "-", "--path", "/h.txt", "--brief", "--visibility", "hidden",
                    input="h").stdout.strip(),
    }
    return ids


def test_find_data_filters(dx: Any, data: dict[str, str]) -> None:
    def brief(*args: str) -> set[str]:
        return {line.split(":", 1)[1] for line in dx("find", "data", "--brief", *args).stdout.split()}

    assert brief() == {data["a.txt"], data["b.txt"]}
    assert brief("--visibility", "either") == set(data.values())
    assert brief("--tag", "t1") == brief("--property", "k") == brief("--property", "k=v") == {data["b.txt"]}
    assert brief("--property", "k=w") == set() and brief("--tag", "nope") == set()
    assert brief("--path", "/sub") == {data["b.txt"]}
    assert brief("--path", "/", "--norecurse") == {data["a.txt"]}
    assert brief("--name", "*.txt") == brief("--name", "?.txt", "--name-mode", "glob")
    assert brief("--name", "^b\\.", "--name-mode", "regexp") == {data["b.txt"]}
    assert brief("--name", "a.txt") == {data["a.txt"]}
    assert brief("--class", "record") == set()
    assert brief("--created-after=-1d") == brief("--created-after", "2000-01-01") == brief()
    assert brief("--created-before=-1d") == set()
    assert data["a.txt"] in brief("--all-projects")


def test_find_data_human_and_json(dx: Any, data: dict[str, str]) -> None:
    lines = dx("find", "data").stdout.splitlines()
    line = next(line for line in lines if data["b.txt"] in line)
    assert line.startswith("closed  ") and line.endswith(f"/sub/b.txt ({data['b.txt']})")
    assert "2 bytes" in line
    results = dx("find", "data", "--json", "--tag", "t1").json()
    assert [r["id"] for r in results] == [data["b.txt"]]
    assert results[0]["project"] == dx.project_id and results[0]["describe"]["name"] == "b.txt"


def test_find_data_bad_arguments_fail_cleanly(dx: Any) -> None:
    for args in (("--path", "nosuchproject:/"), ("--created-after", "yesterday-ish"), ("--property", "")):
        result = dx.fails("find", "data", *args)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_find_projects(dx: Any, dx_emulator: Any) -> None:
    other = dx_emulator.call("project/new", {"name": "find-me-project", "tags": ["pt"]})["id"]
    try:
        assert dx("find", "projects", "--name", "find-me-project", "--brief").stdout.split() == [other]
        assert other in dx("find", "projects", "--name", "find-me-*", "--brief").stdout.split()
        assert other in dx("find", "projects", "--tag", "pt", "--brief").stdout
        assert f"{other} : find-me-project (ADMINISTER)" in dx("find", "projects").stdout.splitlines()
        results = dx("find", "projects", "--name", "find-me-project", "--json").json()
        assert results[0]["id"] == other and results[0]["level"] == "ADMINISTER"
        assert results[0]["describe"]["name"] == "find-me-project"
        assert dx("find", "projects", "--name", "no such project", "--json").json() == []
        assert other in dx("find", "projects", "--level", "ADMINISTER", "--brief").stdout
    finally:
        dx_emulator.call(f"{other}/destroy", {})


@pytest.fixture
def jobs(dx: Any, dx_emulator: Any) -> dict[str, Any]:
    """Two job trees run to completion: ``parent`` (n=1, one subjob) and ``single`` (n=0, tagged x)."""
    applet = new_applet(dx_emulator, dx.project_id)
    parent = run_and_wait(dx_emulator, applet, dx.project_id, 1, name="parent")
    single = run_and_wait(dx_emulator, applet, dx.project_id, 0, name="single", tags=["x"])
    child = dx_emulator.call("system/findExecutions", {"parentJob": parent["id"]})["results"][0]["id"]
    return {"applet": applet, "parent": parent["id"], "single": single["id"], "child": child}


def test_find_jobs_filters_and_outputs(dx: Any, jobs: dict[str, Any]) -> None:
    def brief(*args: str) -> list[str]:
        return dx("find", "jobs", "--brief", *args).stdout.split()

    assert brief() == [jobs["single"], jobs["parent"]]  # newest first, roots only
    assert set(brief("--all-jobs")) == {jobs["single"], jobs["parent"], jobs["child"]}
    assert brief("--parent", jobs["parent"]) == [jobs["child"]]
    assert brief("--id", jobs["child"]) == [jobs["parent"]]  # the tree holding the subjob
    assert set(brief("--origin", jobs["parent"], "--all-jobs")) == {jobs["parent"], jobs["child"]}
    assert brief("--tag", "x") == [jobs["single"]] and brief("--name", "par*") == [jobs["parent"]]
    assert brief("--state", "failed") == [] and brief("--user", "self") == brief()
    assert brief("-n", "1") == [jobs["single"]]
    roots = [jobs["single"], jobs["parent"]]
    assert brief("--executable", jobs["applet"], "--all-jobs", "--no-subjobs") == roots
    assert brief("--created-before", "2000-01-01") == []
    described = dx("find", "jobs", "--json").json()
    assert [d["id"] for d in described] == [jobs["single"], jobs["parent"]]
    assert described[1]["output"] == {"m": 2}
    # the human rendering: job trees, newest first
    out = dx("find", "jobs").stdout.splitlines()
    assert out[0] == f"* single (tree:main) (done) {jobs['single']}"
    parent_at = out.index(f"* parent (tree:main) (done) {jobs['parent']}")
    assert out[parent_at + 1].startswith("│ ")
    # a subjob named after its applet: no "* ", no repeated executable name
    assert f"└── tree (done) {jobs['child']}" in out[parent_at:]
    assert "Output:" not in "\n".join(out)
    assert "│ Output: m = 2" in dx("find", "jobs", "--show-outputs").stdout.splitlines()
    limited = dx("find", "jobs", "-n", "1").stdout
    assert "More results not shown" in limited and jobs["parent"] not in limited
    flat = dx("find", "executions", "--all-jobs").stdout
    assert flat.count("\n* ") + flat.startswith("* ") == 3


def test_find_analyses_and_apps_and_bad_ids(dx: Any) -> None:
    assert dx("find", "analyses", "--json").json() == []
    assert dx("find", "analyses").stdout == ""
    assert dx("find", "apps", "--name", "no-such-app-here", "--json").json() == []
    assert dx("find", "apps", "--brief", "--name", "no-such-app-here").stdout == ""
    assert dx.fails("find", "jobs", "--project", "nosuchproject").returncode == 3
    assert dx.fails("find", "nothing").returncode == 2


def test_app_lines() -> None:
    from dxpy.cli.cmd_find import app_line

    desc = {"id": "app-x", "name": "bwa", "title": "BWA aligner", "version": "1.2.0",
            "billTo": "org-dnanexus",
            "published": 1}
    assert app_line(desc) == "x BWA aligner (bwa), v1.2.0"
    assert app_line(dict(desc, billTo="user-me", title=None)) == "  bwa (bwa), v1.2.0"
    assert app_line(desc, verbose=True) == "x app-x BWA aligner (bwa), v1.2.0 (published)"


def test_find_and_describe_an_app(dx: Any, dx_emulator: Any) -> None:
    from dxpy.emulator import EmulatorCallError

    applet = new_applet(dx_emulator, dx.project_id, name="for-app")
    name = "cli-find-" + dx.project_id[-8:].lower()
    try:
        app = dx_emulator.call("app/new", {"applet": applet, "name": name, "title": "Found App",
                                           "version": "1.0.0"})["id"]
    except EmulatorCallError as exc:
        if exc.status == 404:
            pytest.skip("this emulator has no /app/new route yet")
        raise
    dx_emulator.call(f"{app}/publish", {"makeDefault": True})
    assert dx("find", "apps", "--name", name).stdout == f"  Found App ({name}), v1.0.0\n"
    assert dx("find", "apps", "--name", name, "--brief").stdout.split() == [app]
    assert dx("find", "apps", "--name", name, "--json").json()[0]["describe"]["version"] == "1.0.0"
    assert dx("find", "apps", "--name", name, "--installed").stdout == ""
    text = dx("describe", f"app-{name}").stdout.splitlines()
    assert text[1].split() == ["ID", app]
    assert any(line.split() == ["Created", "from", applet] for line in text)
    assert dx("describe", name, "--name").stdout == f"{name}\n"
