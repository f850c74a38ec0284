"""Upstream dxpy (0.417, from PyPI, in its own virtualenv) runs unchanged against our emulator.

The script below is written the way platform users write it: ``DXApplet.new`` with the example
applets' code (a python3 applet with ``@dxpy.entry_point`` and a subjob, a bash applet using the
job helpers), inputs uploaded with ``upload_string``, ``run`` -> ``wait_on_done`` -> outputs read
back (a file output downloaded); then an app is built from the python3 applet, published and run
by name. Skipped when upstream dxpy is not installed (see :mod:`tests._support.upstream`).

The "Done when" check of issue 11 is symmetric: ``_scenarios/e2e_client.py`` (a python3 applet with
a subjob fan-out and gather, a bash applet, a two-stage workflow and an app run by name and by
version) runs unchanged under upstream dxpy and under ours, each launched with ``run()``, waited
with ``wait_on_done()`` and its outputs read back; then each client's ``dx run ... --wait`` and
``dx watch`` launch and follow a job.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dxpy.emulator import Emulator
from tests._support.upstream import (
    last_json_line,
    run_upstream_dx,
    run_upstream_script,
    upstream_env,
    upstream_python,
    upstream_version,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "applets"
SCENARIO = Path(__file__).resolve().parent / "_scenarios" / "e2e_client.py"

SCRIPT = r'''
import json
import sys
import uuid

import dxpy

examples = sys.argv[1]
project = dxpy.PROJECT_CONTEXT_ID


def build(name):
    with open(f"{examples}/{name}/dxapp.json") as fh:
        spec = json.load(fh)
    run_spec = dict(spec["runSpec"])
    with open(f"{examples}/{name}/{run_spec.pop('file')}") as fh:
        run_spec["code"] = fh.read()
    applet = dxpy.DXApplet()
    applet.new(project=project, name=spec["name"], title=spec["title"], dxapi=spec["dxapi"],
               runSpec=run_spec, inputSpec=spec["inputSpec"], outputSpec=spec["outputSpec"])
    return applet


result = {"dxpy": dxpy.__file__}
text = dxpy.upload_string("the quick brown fox jumps over the lazy dog", name="fox.txt", wait_on_close=True)
words = build("wordcount_py")
job = words.run({"text": dxpy.dxlink(text), "min_length": 4})
job.wait_on_done(interval=0.2, timeout=300)
out = job.describe()["output"]
result["py"] = {"words": out["words"], "report": dxpy.DXFile(out["report"]).read(),
                "state": job.describe()["state"], "applet": job.describe()["applet"] == words.get_id()}

reads = [dxpy.upload_string("r\n" * (i + 1), name=f"reads{i}.txt", wait_on_close=True) for i in range(3)]
lines = build("linecount_sh")
job = lines.run({"reads": [dxpy.dxlink(r) for r in reads], "label": "demo"})
job.wait_on_done(interval=0.2, timeout=300)
out = job.describe()["output"]
result["sh"] = {"lines": out["lines"], "summary": dxpy.DXFile(out["summary"]).read()}

failing = words.run({"text": dxpy.dxlink(text), "min_length": 0})
try:
    failing.wait_on_done(interval=0.2, timeout=300)
    result["failure"] = None
except dxpy.exceptions.DXJobFailureError as exc:
    result["failure"] = str(exc)

app_name = "wordcount-" + uuid.uuid4().hex[:8]
app = dxpy.DXApp()
app.new(applet=words.get_id(), name=app_name, version="0.1.0", title="Word count")
app.publish(input_params={"makeDefault": True})
by_name = dxpy.DXApp(name=app_name)
job = by_name.run({"text": dxpy.dxlink(text)})
job.wait_on_done(interval=0.2, timeout=300)
desc = job.describe()
result["app"] = {"words": desc["output"]["words"], "app": desc["app"] == app.get_id(),
                 "version": dxpy.DXApp(name=app_name, alias="0.1.0").describe()["version"],
                 "found": [r["id"] for r in dxpy.find_apps(name=app_name)] == [app.get_id()],
                 "executableName": desc["executableName"] == app_name}
print(json.dumps(result))
'''


@pytest.fixture
def emu(tmp_path: Path) -> Any:
    with Emulator(state_dir=str(tmp_path / "state")) as emulator:
        yield emulator


def test_upstream_is_the_pypi_release(upstream: str) -> None:
    assert upstream_version(upstream).startswith("0.417.")


def test_upstream_builds_runs_and_waits_on_applets_and_an_app(upstream: str, emu: Emulator,
                                                                tmp_path: Path) -> None:
    done = run_upstream_script(upstream, emu, SCRIPT, tmp_path / "work", args=(str(EXAMPLES),))
    assert done.returncode == 0, done.stderr[-3000:]
    result = last_json_line(done.stdout)
    assert "upstream-venv" in result["dxpy"] or "site-packages" in result["dxpy"]  # not our dxpy
    assert result["py"] == {"words": 5, "report": "word count of fox.txt (min length 4)\n", "state": "done",
                            "applet": True}
    assert result["sh"] == {"lines": 6, "summary": "demo: 6 lines in 3 files\n"}
    assert result["failure"] is not None and "AppError" in result["failure"]
    assert "min_length must be at least 1" in result["failure"]
    assert result["app"] == {"words": 9, "app": True, "version": "0.1.0", "found": True,
                             "executableName": True}


HELLO_SPEC = {
    "name": "hello-up", "title": "Hello", "summary": "says hello", "dxapi": "1.0.0", "version": "0.0.1",
    "inputSpec": [{"name": "who", "class": "string"}],
    "outputSpec": [{"name": "greeting", "class": "string"}],
    "runSpec": {"interpreter": "python3", "file": "src/hello.py", "distribution": "Ubuntu",
                "release": "24.04", "version": "0"},
    "categories": ["Demo"], "authorizedUsers": [],
}
HELLO_CODE = """import dxpy


@dxpy.entry_point("main")
def main(who):
    return {"greeting": "hello " + who}
"""


def test_upstream_dx_builds_publishes_installs_and_runs_an_app(upstream: str, emu: Emulator,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "hello" / "src").mkdir(parents=True)
    (tmp_path / "hello" / "dxapp.json").write_text(json.dumps(HELLO_SPEC))
    (tmp_path / "hello" / "src" / "hello.py").write_text(HELLO_CODE)

    def dx(*args: str) -> str:
        done = run_upstream_dx(upstream, emu, tmp_path, *args)
        assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
        return done.stdout

    app_id = json.loads(dx("build", "--create-app", "hello"))["id"]
    assert json.loads(dx("build", "--create-app", "hello"))["id"] == app_id  # unpublished: updated in place
    job = dx("run", "app-hello-up", "-iwho=you", "-y", "--wait", "--brief").split()[-1]
    assert json.loads(dx("describe", job, "--json"))["output"] == {"greeting": "hello you"}
    assert job in dx("find", "jobs")
    dx("publish", "hello-up/0.0.1")
    assert "Hello (hello-up), v0.0.1" in dx("find", "apps")
    dx("install", "hello-up")
    assert "hello-up" in dx("describe", emu.user_id)
    dx("uninstall", "hello-up")
    dx("add", "users", "hello-up", "PUBLIC")
    assert dx("list", "users", "hello-up").split() == ["PUBLIC"]
    desc = json.loads(dx("describe", "app-hello-up/0.0.1", "--json"))
    assert desc["id"] == app_id and desc["published"] > 0 and desc["aliases"] == ["default"]
    assert desc["categories"] == ["Demo"] and desc["summary"] == "says hello"


class Client:
    """One client (an interpreter with its dxpy and its ``dx``) and an emulator it ran the scenario on."""

    def __init__(self, name: str, python: str, emu: Emulator, workdir: Path) -> None:
        self.name, self.python, self.emu, self.workdir = name, python, emu, workdir
        self.env = upstream_env(python, emu, workdir)
        self.result: dict[str, Any] = {}

    def scenario(self) -> subprocess.CompletedProcess:
        """Run the scenario script with this client's interpreter."""
        return subprocess.run([self.python, str(SCENARIO), str(self.workdir)], capture_output=True, text=True,
                              timeout=240, cwd=str(self.workdir), env=self.env)

    def dx(self, *args: str) -> subprocess.CompletedProcess:
        """Run this client's ``dx`` (next to its interpreter)."""
        dx = str(Path(self.python).parent / "dx")
        return subprocess.run([dx, *args], capture_output=True, text=True, timeout=120, cwd=str(self.workdir),
                              env=self.env, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module", params=["ours", "upstream"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    if request.param == "upstream":
        python = upstream_python()
        if python is None:
            pytest.skip("upstream dxpy is not installed (set DXPY_UPSTREAM_PYTHON to its interpreter)")
    else:
        python = sys.executable
    tmp = tmp_path_factory.mktemp(f"e2e-{request.param}")
    with Emulator(state_dir=str(tmp / "state")) as emulator:
        one = Client(request.param, python, emulator, tmp / "work")
        done = one.scenario()
        assert done.returncode == 0, done.stderr[-4000:]
        one.result = last_json_line(done.stdout)
        yield one


READS = "".join(f"read {i}\n" for i in range(7))
UPPER = READS.upper()


def test_the_scenario_ran_under_the_intended_dxpy(client: Client) -> None:
    ours = str(Path(__file__).resolve().parents[2] / "dxpy")
    assert client.result["dxpy"].startswith(ours) == (client.name == "ours"), client.result["dxpy"]


def test_python3_applet_fans_out_gathers_and_returns_files(client: Client) -> None:
    py = client.result["python3"]
    assert py["state"] == "done" and py["keys"] == ["summary", "total", "upper"]
    assert py["values"] == {"total": 7}
    assert py["files"] == {"summary": "py: 3+3+1=7\n", "upper": UPPER}
    assert py["folders"] == ["/py"]  # outputs cloned into the run's output folder
    assert py["subjobs"] == ["count", "count", "count", "gather"]


def test_client_side_job_reference_feeds_a_job_launched_before_it_existed(client: Client) -> None:
    chained = client.result["chained"]
    assert chained["state"] == "done" and chained["values"] == {"chars": len("py: 3+3+1=7\n")}
    assert chained["files"] == {"annotated": "chained (summary.txt)\npy: 3+3+1=7\n"}


def test_bash_applet_uses_the_job_helpers(client: Client) -> None:
    sh = client.result["bash"]
    assert sh["state"] == "done" and sh["values"] == {"chars": len(READS)}
    assert sh["files"] == {"annotated": "sh (reads.txt)\n" + READS}
    assert sh["folders"] == ["/"]


def test_two_stage_workflow_wires_stage_one_output_into_stage_two(client: Client) -> None:
    wf = client.result["workflow"]
    assert wf["state"] == "done" and wf["stages"] is True and wf["stage_states"] == ["done", "done"]
    assert wf["total"] == 7 and wf["summary"] == "wf: 4+3=7\n"
    assert wf["annotated"] == "wf (summary.txt)\nwf: 4+3=7\n" and wf["chars"] == len("wf: 4+3=7\n")


def test_app_from_the_applet_runs_by_name_and_by_version(client: Client) -> None:
    app = client.result["app"]
    assert app["id_matches"] == {"by_name": True, "by_version": True}
    for how in ("by_name", "by_version"):
        job = app["jobs"][how]
        assert job["state"] == "done" and job["values"] == {"total": 7}, how
        assert job["files"] == {"summary": "lines: 4+3=7\n", "upper": UPPER}, how


def test_dx_run_waits_on_a_job_whose_output_dx_cat_reads(client: Client) -> None:
    ids = client.result["applets"]
    run = client.dx("run", ids["bash"], f"-ireport={ids['reads']}", "-iprefix=cli", "-y", "--wait", "--brief")
    assert run.returncode == 0, run.stderr[-3000:]
    job = run.stdout.split()[-1]
    desc = client.emu.call(f"{job}/describe", {})
    assert desc["state"] == "done" and desc["output"]["chars"] == len(READS)
    annotated = desc["output"]["annotated"]["$dnanexus_link"]
    cat = client.dx("cat", annotated)
    assert cat.returncode == 0 and cat.stdout == "cli (reads.txt)\n" + READS, cat.stderr[-2000:]
    client.result["cli_job"] = job


def test_dx_watch_shows_the_log_of_a_finished_job(client: Client) -> None:
    job = client.result.get("cli_job") or pytest.skip("the dx run test did not run first")
    watch = client.dx("watch", job)
    assert watch.returncode == 0, watch.stderr[-3000:]
    # upstream streams the log over a WebSocket (/job-xxxx/getLog/websocket), ours polls getLog
    assert " annotate STDOUT annotating reads.txt with cli\n" in watch.stdout, (watch.stdout, watch.stderr)
    assert f"* annotate (done) {job}" in watch.stdout
    only = client.dx("watch", job, "--get-stdout")
    assert only.returncode == 0, only.stderr[-2000:]
    assert only.stdout == "annotating reads.txt with cli\n"
