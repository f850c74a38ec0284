"""``dx run``: executables by ID, path and name; inputs from -i, -f and -j; run options;
output formats; errors; prompts on a terminal; workflows and apps once the emulator has them."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import dxpy
from tests._support.exec_sources import build_applet

_MISSING_ROUTE = re.compile(r"The route (/\S+) could not be found")


@pytest.fixture
def hello(dxpy_here: Any, tmp_path: Path) -> str:
    return build_applet(tmp_path, dxpy_here.project_id)


def _job(job_id: str) -> dict[str, Any]:
    return dxpy.api.job_describe(job_id.strip())


def test_brief_prints_the_job_id_and_inputs_follow_the_spec(dxpy_here: Any, hello: str) -> None:
    out = dxpy_here("run", hello, "-iwho=bob", "-in=3", "-ixs=1", "-ixs=2", "-y", "--brief").stdout
    assert re.fullmatch(r"job-[0-9A-Za-z]{24}\n", out)
    assert _job(out)["input"] == {"who": "bob", "n": 3, "xs": [1, 2]}


def test_summary_before_running(dxpy_here: Any, hello: str) -> None:
    dx = dxpy_here
    out = dx("run", hello, "-iwho=bob", "-y").stdout
    job_id = out.strip().splitlines()[-1].split()[-1]
    assert out == (
        f'\nUsing input JSON:\n{{\n    "who": "bob"\n}}\n\nCalling {hello} with output destination\n'
        f"  {dx.project_id}:/\n\nJob ID: {job_id}\n"
    )


def test_by_name_and_path_with_wait(dxpy_here: Any, hello: str) -> None:
    dx = dxpy_here
    job_id = dx("run", "hello", "-iwho=name", "-y", "--brief", "--wait").stdout.strip()
    assert _job(job_id)["output"] == {"greeting": "hello name", "total": 1}
    job_id = dx("run", f"{dx.project_id}:/hello", "-iwho=path", "-y", "--brief").stdout.strip()
    assert _job(job_id)["executable"] == hello


def test_json_inputs_and_precedence(dxpy_here: Any, hello: str, tmp_path: Path) -> None:
    dx = dxpy_here
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"who": "file", "n": 2}))
    job = dx("run", hello, "-f", str(path), "-y", "--brief").stdout
    assert _job(job)["input"] == {"who": "file", "n": 2}
    job = dx("run", hello, "-f", "-", "-y", "--brief", input='{"who": "stdin"}').stdout
    assert _job(job)["input"] == {"who": "stdin"}
    job = dx(
        "run", hello, "-f", str(path), "--input-json", '{"who": "json"}', "-in=7", "-y", "--brief"
    ).stdout
    assert _job(job)["input"] == {"who": "json", "n": 7}


def test_run_options_reach_the_job(dxpy_here: Any, hello: str) -> None:
    dx = dxpy_here
    first = dx("run", hello, "-iwho=a", "-y", "--brief").stdout.strip()
    job = dx(
        "run",
        hello,
        "-iwho=b",
        "-y",
        "--brief",
        "--name",
        "my job",
        "--tag",
        "t1",
        "--tag",
        "t2",
        "--property",
        "k=v",
        "--folder",
        "/out",
        "--instance-type",
        "mem1_ssd1_x4",
        "--depends-on",
        first,
    ).stdout
    desc = _job(job)
    assert desc["name"] == "my job" and sorted(desc["tags"]) == ["t1", "t2"]
    assert desc["properties"] == {"k": "v"} and desc["folder"] == "/out"
    assert desc["dependsOn"] == [first]
    # the emulator runs every job locally (instanceType "emulator_local"); the request is checked in
    # test_run_input.py
    job = dx("run", hello, "-iwho=c", "-y", "--brief", "--destination", f"{dx.project_id}:/dest").stdout
    assert _job(job)["folder"] == "/dest"


def test_data_object_inputs_become_links(dxpy_here: Any, tmp_path: Path) -> None:
    dx = dxpy_here
    inputs = [
        {"name": "f", "class": "file"},
        {"name": "fs", "class": "array:file", "optional": True},
        {"name": "b", "class": "boolean", "optional": True},
        {"name": "h", "class": "hash", "optional": True},
        {"name": "x", "class": "float", "optional": True},
    ]
    applet = build_applet(tmp_path, dx.project_id, name="files", inputs=inputs)
    dxpy.api.project_new_folder(dx.project_id, {"folder": "/d"})
    a = dxpy.upload_string("a", name="a.txt", project=dx.project_id, wait_on_close=True).get_id()
    b = dxpy.upload_string("b", name="b.txt", project=dx.project_id, folder="/d", wait_on_close=True).get_id()
    job = dx(
        "run",
        applet,
        "-if=a.txt",
        f"-ifs={b}",
        "-ifs=/d/b.txt",
        "-ib=TRUE",
        '-ih={"k": 1}',
        "-ix=2",
        "-y",
        "--brief",
    ).stdout
    link = {"$dnanexus_link": {"project": dx.project_id, "id": a}}
    blink = {"$dnanexus_link": {"project": dx.project_id, "id": b}}
    assert _job(job)["input"] == {"f": link, "fs": [blink, blink], "b": True, "h": {"k": 1}, "x": 2.0}
    ref = "job-" + "B" * 24
    job = dx("run", applet, f"-if={ref}:out", f"-ifs={ref}:many.1", "-y", "--brief").stdout
    assert _job(job)["input"] == {
        "f": {"$dnanexus_link": {"job": ref, "field": "out"}},
        "fs": [{"$dnanexus_link": {"job": ref, "field": "many", "index": 1}}],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-in=3",), "Some inputs (who) are missing, and interactive mode is not available"),
        (("-iwho=x", "-inope=1"), 'Input field called "nope" was not found in the input spec'),
        (("-iwho=x", "-in=three"), 'Value provided for input field "n" could not be parsed as int'),
        (("-iwho",), "did not conform to the syntax"),
        (("--input-json", "[1]"), "--input-json must be a JSON object"),
        (("--input-json", "{bad"), "Error while parsing --input-json as JSON"),
        (("-f", "/no/such/input.json"), "Cannot read the input file"),
        (("-iwho=x", "--property", "novalue"), "--property takes KEY=VALUE"),
        (("-iwho=x", "--instance-type", "{bad"), "--instance-type is not valid JSON"),
    ],
)
def test_bad_input_is_one_line(dxpy_here: Any, hello: str, args: tuple[str, ...], message: str) -> None:
    result = dxpy_here.fails("run", hello, "-y", *args)
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert result.stdout == ""


def test_missing_executable(dxpy_here: Any) -> None:
    result = dxpy_here.fails("run", "no_such_thing", "-y")
    assert result.returncode == 3 and "no_such_thing" in result.stderr


def test_wait_on_a_failing_job_exits_3(dxpy_here: Any, hello: str) -> None:
    result = dxpy_here.fails("run", hello, "-iwho=fail", "-y", "--brief", "--wait")
    assert result.returncode == 3 and "asked to fail" in result.stderr
    assert result.stdout.startswith("job-")


def test_watch_follows_the_log(dxpy_here: Any, hello: str) -> None:
    out = dxpy_here("run", hello, "-iwho=watcher", "-y", "--watch").stdout
    assert "\nJob Log\n-------\n" in out
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d hello STDOUT hello watcher 1 None$", out, re.M)
    assert re.search(r"^\* hello \(done\) job-", out, re.M)


def _pty_run(env: dict[str, str], cwd: str, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run ``dx ARGS`` on a pseudo-terminal, typing each answer after the next prompt ends with ': '."""
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dxpy.cli", *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        cwd=cwd,
        close_fds=True,
    )
    os.close(child_fd)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if pending and output.rstrip().endswith(b":"):
                os.write(main_fd, pending.pop(0).encode() + b"\n")
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(main_fd)
    return proc.returncode, output.decode(errors="replace")


def test_prompts_for_missing_inputs_on_a_terminal(dxpy_here: Any, hello: str) -> None:
    dx = dxpy_here
    code, out = _pty_run(dx.env, dx.home, ["run", hello, "-in=2"], ["", "tty person", "y"])
    assert code == 0, out
    assert "Input:   who (Who to greet)" in out and "Class:   string" in out
    assert "A value is required for who." in out
    assert "Confirm running the executable with this input [Y/n]:" in out
    job_id = re.search(r"Job ID: (job-\w+)", out)
    assert job_id is not None
    assert _job(job_id.group(1))["input"] == {"who": "tty person", "n": 2}
    code, out = _pty_run(dx.env, dx.home, ["run", hello, "-iwho=x"], ["n"])
    assert "Job ID" not in out and code == 0


def _skip_if_missing_route(result: Any) -> None:
    missing = _MISSING_ROUTE.search(result.stderr)
    if missing:
        pytest.skip(f"this emulator has no {missing.group(1)} route yet")


def test_run_a_workflow(dxpy_here: Any, hello: str) -> None:
    dx = dxpy_here
    try:
        workflow = dxpy.new_dxworkflow(name="wf", project=dx.project_id)
    except dxpy.exceptions.ResourceNotFound:
        pytest.skip("this emulator has no /workflow/new route yet")
    stage = workflow.add_stage(hello, name="greet")
    result = dx.run("run", "wf", "-igreet.who=flow", "-i0.n=4", "-y", "--brief", check=False)
    _skip_if_missing_route(result)
    assert result.returncode == 0, result.stderr
    analysis_id = result.stdout.strip()
    assert analysis_id.startswith("analysis-")
    desc = dxpy.api.analysis_describe(analysis_id)
    assert desc["input"] in ({f"{stage}.who": "flow", f"{stage}.n": 4}, {"greet.who": "flow", "0.n": 4})
    out = dx("run", workflow.get_id(), "-igreet.who=again", "-y").stdout
    assert "Analysis ID: analysis-" in out


def test_run_an_app_by_name_and_version(dxpy_here: Any, hello: str) -> None:
    dx = dxpy_here
    try:
        dxpy.api.app_new({"applet": hello, "name": "cli_exec_greeter", "version": "1.0.0"})
    except dxpy.exceptions.ResourceNotFound:
        pytest.skip("this emulator has no /app/new route yet")
    except dxpy.exceptions.DXAPIError:
        pass  # created by an earlier run in this emulator session
    job = dx("run", "cli_exec_greeter", "-iwho=app", "-y", "--brief").stdout
    assert _job(job)["input"] == {"who": "app"}
    job = dx("run", "app-cli_exec_greeter/1.0.0", "-iwho=v", "-y", "--brief").stdout
    assert _job(job)["executable"].startswith("app-")


PARENT_CODE = """\
main() {
    child=$(dx run "$DX_PROJECT_CONTEXT_ID:/hello" -iwho=kid -y --brief)
    dx watch "$child" --get-stdout
    dx-jobutil-add-output child "$child" --class string
}
"""


def test_a_bash_job_runs_and_watches_a_child(dxpy_here: Any, hello: str, tmp_path: Path) -> None:
    dx = dxpy_here
    parent = build_applet(
        tmp_path / "p",
        dx.project_id,
        name="parent",
        interpreter="bash",
        inputs=[],
        outputSpec=[{"name": "child", "class": "string"}],
    )
    (tmp_path / "p" / "parent" / "src" / "code.sh").write_text(PARENT_CODE)
    rebuilt = dx("build", "-f", str(tmp_path / "p" / "parent")).json()["id"]
    assert rebuilt != parent
    job = dx("run", rebuilt, "-y", "--brief", "--wait").stdout.strip()
    child = _job(job)["output"]["child"]
    assert _job(child)["parentJob"] == job and _job(child)["output"]["greeting"] == "hello kid"
    assert dx("watch", job, "--get-stdout").stdout == "hello kid 1 None\n"
