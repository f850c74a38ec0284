"""Local debug mode: dxpy.utils.local_exec_utils and dx-run-app-locally on the example applets."""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
from pathlib import Path

import pytest

import dxpy
from dxpy.exceptions import DXError
from dxpy.utils import exec_utils, local_exec_utils

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "applets"


def _env(dx_emulator, project: str, home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DX_")}
    env.update(dx_emulator.env, DX_PROJECT_CONTEXT_ID=project, DX_WORKSPACE_ID=project, HOME=str(home))
    env["PATH"] = sysconfig.get_path("scripts") + os.pathsep + env["PATH"]
    return env


def _run_locally(args: list, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [os.path.join(sysconfig.get_path("scripts"), "dx-run-app-locally"), *args],
        env=env,
        capture_output=True,
        text=True,
    )


def test_python_applet_runs_locally_with_subjob(tmp_path: Path, dx_project: str, dx_emulator) -> None:
    text = dxpy.upload_string("a bb ccc dddd", name="t.txt", wait_on_close=True)
    work = tmp_path / "jobs"
    proc = _run_locally(
        [
            str(EXAMPLES / "wordcount_py"),
            "-i",
            f"text={text.get_id()}",
            "-i",
            "min_length=2",
            "--workdir",
            str(work),
        ],
        _env(dx_emulator, dx_project, tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    output = json.loads(proc.stdout)
    assert output["words"] == 3  # the job-based reference to localjob-1 is resolved
    report = dxpy.DXFile(output["report"]["$dnanexus_link"])
    assert report.read() == "word count of t.txt (min length 2)\n"
    assert sorted(p.name for p in work.iterdir()) == [
        "job_outputs.json",
        "job_queue.json",
        "localjob-0",
        "localjob-1",
    ]
    assert json.loads((work / "localjob-1" / "job_input.json").read_text())["min_length"] == 2


def test_python_applet_app_error_fails_the_local_run(tmp_path: Path, dx_project: str, dx_emulator) -> None:
    text = dxpy.upload_string("x", name="t.txt", wait_on_close=True)
    proc = _run_locally(
        [
            str(EXAMPLES / "wordcount_py"),
            "-j",
            json.dumps({"text": {"$dnanexus_link": text.get_id()}, "min_length": 0}),
        ],
        _env(dx_emulator, dx_project, tmp_path),
    )
    assert proc.returncode != 0
    assert "min_length must be at least 1" in proc.stderr
    assert "localjob-0:main failed" in proc.stderr


def test_bash_applet_runs_locally(tmp_path: Path, dx_project: str, dx_emulator) -> None:
    reads = [dxpy.upload_string("l1\nl2\n" * (i + 1), name=f"r{i}.txt", wait_on_close=True) for i in range(3)]
    inp = tmp_path / "in.json"
    inp.write_text(json.dumps({"reads": [dxpy.dxlink(r) for r in reads], "label": "demo"}))
    proc = _run_locally(
        [str(EXAMPLES / "linecount_sh"), "-f", str(inp)], _env(dx_emulator, dx_project, tmp_path)
    )
    assert proc.returncode == 0, proc.stderr
    output = json.loads(proc.stdout)
    assert output["lines"] == 12
    assert dxpy.DXFile(output["summary"]["$dnanexus_link"]).read() == "demo: 12 lines in 3 files\n"


def test_same_code_with_job_input_json_in_process(
    tmp_path: Path, dx_project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python code.py` beside a job_input.json: subjobs run in this process with localjob IDs."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DX_JOB_ID", raising=False)
    monkeypatch.delenv("DX_TEST_JOB_HOMEDIRS", raising=False)
    monkeypatch.setattr(exec_utils, "ENTRY_POINT_TABLE", {})
    monkeypatch.setattr(local_exec_utils, "_IN_PROCESS_OUTPUTS", type(local_exec_utils._IN_PROCESS_OUTPUTS)())
    text = dxpy.upload_string("one two three", name="w.txt", wait_on_close=True)
    (tmp_path / "job_input.json").write_text(json.dumps({"text": dxpy.dxlink(text)}))
    code = (EXAMPLES / "wordcount_py" / "code.py").read_text()
    exec(compile(code, "code.py", "exec"), {"__name__": "__main__"})
    output = json.loads((tmp_path / "job_output.json").read_text())
    assert output["words"] == 3
    assert list(local_exec_utils.local_job_outputs()) == ["localjob-0"]


def test_resolve_job_references_and_errors() -> None:
    outputs = {"localjob-0": {"a": [1, 2], "b": "x"}, "localjob-1": None}
    value = {
        "one": {"job": "localjob-0", "field": "b"},
        "deep": [{"job": "localjob-0", "field": "a", "index": 1}],
        "later": {"$dnanexus_link": {"job": "localjob-1", "field": "z"}},
    }
    assert local_exec_utils.has_local_job_refs(value)
    local_exec_utils.resolve_job_references(value, outputs, should_resolve=False)
    assert value["one"] == "x" and value["deep"] == [2]
    assert value["later"] == {"$dnanexus_link": {"job": "localjob-1", "field": "z"}}
    with pytest.raises(DXError, match="localjob-1 not found"):
        local_exec_utils.resolve_job_references(value, outputs)
    with pytest.raises(DXError, match='field "nope"'):
        local_exec_utils.resolve_job_ref({"job": "localjob-0", "field": "nope"}, outputs)
    assert not local_exec_utils.has_local_job_refs({"x": [{"job": "job-" + "A" * 24, "field": "f"}]})


def test_not_an_applet_directory(tmp_path: Path) -> None:
    proc = _run_locally([str(tmp_path)], dict(os.environ))
    assert proc.returncode != 0 and "dxapp.json" in proc.stderr
