"""The console scripts bash applets call: dx-jobutil-*, dx-upload-all-outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
from pathlib import Path

import pytest

import dxpy
from dxpy._jobutil import jobutil, transfer

JOB = "job-" + "B" * 24


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("DX_JOB_ID", raising=False)
    monkeypatch.delenv("DX_TEST_DXAPP_JSON", raising=False)
    return tmp_path


def _output(home: Path) -> dict:
    return json.loads((home / "job_output.json").read_text())


def test_add_output_auto_detection(home: Path) -> None:
    for name, value in (
        ("n", "12"),
        ("h", '{"a": [1]}'),
        ("f", "file-" + "A" * 24),
        ("s", "plain text"),
        ("ref", f"{JOB}:out"),
        ("b", "true"),
    ):
        assert jobutil.add_output([name, value]) == 0
    assert _output(home) == {
        "n": 12,
        "h": {"a": [1]},
        "f": {"$dnanexus_link": "file-" + "A" * 24},
        "s": "plain text",
        "ref": {"job": JOB, "field": "out"},
        "b": True,
    }


def test_add_output_classes_and_arrays(home: Path) -> None:
    jobutil.add_output(["x", "3", "--class", "array:int"])
    jobutil.add_output(["x", "4", "--class=int", "--array"])
    jobutil.add_output(["s", "12", "--class", "string"])
    jobutil.add_output(["t", "F", "--class", "boolean"])
    jobutil.add_output(["a", "analysis-" + "C" * 24 + ":stage-1.out", "--class", "analysisref"])
    assert _output(home) == {
        "x": [3, 4],
        "s": "12",
        "t": False,
        "a": {"$dnanexus_link": {"analysis": "analysis-" + "C" * 24, "field": "stage-1.out"}},
    }


@pytest.mark.parametrize(
    "args, message",
    [
        (["x", "abc", "--class", "int"], "as an int"),
        (["x", "maybe", "--class", "boolean"], "as a boolean"),
        (["x", "{", "--class", "hash"], "as a hash"),
        (["x", "record-x", "--class", "record"], "data object ID"),
        (["x", "job-x:out", "--class", "jobref"], "job-based object reference"),
    ],
)
def test_add_output_rejects_values_with_status_3(
    home: Path, args: list, message: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as exc:
        jobutil.add_output(args)
    assert exc.value.code == 3
    assert message in capsys.readouterr().err
    assert not (home / "job_output.json").exists()


def test_parse_link(capsys: pytest.CaptureFixture) -> None:
    fid = "file-" + "D" * 24
    jobutil.parse_link([json.dumps({"$dnanexus_link": fid})])
    jobutil.parse_link([json.dumps({"$dnanexus_link": {"project": "project-" + "E" * 24, "id": fid}})])
    jobutil.parse_link(
        [json.dumps({"$dnanexus_link": {"project": "project-" + "E" * 24, "id": fid}}), "--no-project"]
    )
    assert capsys.readouterr().out.splitlines() == [fid, f"project-{'E' * 24}:{fid}", fid]
    with pytest.raises(SystemExit, match="1"):
        jobutil.parse_link(['{"id": 1}'])
    assert "no $dnanexus_link key" in capsys.readouterr().err


def test_report_error_writes_file_and_exits_1(home: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        jobutil.report_error(["disk full", "AppInternalError"])
    assert exc.value.code == 1
    assert json.loads((home / "job_error.json").read_text()) == {
        "error": {"type": "AppInternalError", "message": "disk full"}
    }
    with pytest.raises(SystemExit):
        jobutil.report_error(["bad reads"])
    assert json.loads((home / "job_error.json").read_text())["error"]["type"] == "AppError"


def test_new_job_test_mode_prints_request(capsys: pytest.CaptureFixture) -> None:
    jobutil.new_job(
        [
            "process",
            "-i",
            "n=3",
            "-i",
            "f=file-" + "F" * 24,
            "-i",
            "f=file-" + "G" * 24,
            "--name",
            "p",
            "--instance-type",
            "mem1_ssd1_x4",
            "--tag",
            "t",
            "--test",
        ]
    )
    req = json.loads(capsys.readouterr().out)
    assert req == {
        "function": "process",
        "name": "p",
        "tags": ["t"],
        "input": {
            "n": 3,
            "f": [{"$dnanexus_link": "file-" + "F" * 24}, {"$dnanexus_link": "file-" + "G" * 24}],
        },
        "systemRequirements": {"process": {"instanceType": "mem1_ssd1_x4"}},
    }


def test_get_identity_token_outside_a_job(capsys: pytest.CaptureFixture, home: Path) -> None:
    assert jobutil.get_identity_token(["--aud", "x"]) == 1
    assert "within a job" in capsys.readouterr().out


def test_upload_all_outputs(home: Path, dx_project: str) -> None:
    (home / "out" / "single").mkdir(parents=True)
    (home / "out" / "single" / "a.txt").write_text("A")
    (home / "out" / "many" / "sub").mkdir(parents=True)
    (home / "out" / "many" / "b.txt").write_text("B")
    (home / "out" / "many" / "sub" / "c.txt").write_text("C")
    (home / "job_output.json").write_text(json.dumps({"kept": 1}))
    assert transfer.upload_all([]) == 0
    output = _output(home)
    assert output["kept"] == 1
    assert dxpy.DXFile(output["single"]["$dnanexus_link"]).read() == "A"
    many = {
        dxpy.DXFile(link["$dnanexus_link"]).describe()["folder"]: dxpy.DXFile(link["$dnanexus_link"]).read()
        for link in output["many"]
    }
    assert many == {"/": "B", "/sub": "C"}


def test_upload_all_outputs_checks_output_spec(
    home: Path, dx_project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / "dxapp.json").write_text(
        json.dumps({"outputSpec": [{"name": "one", "class": "file"}, {"name": "arr", "class": "array:file"}]})
    )
    monkeypatch.setenv("DX_TEST_DXAPP_JSON", str(home / "dxapp.json"))
    (home / "out" / "arr").mkdir(parents=True)
    (home / "out" / "arr" / "x").write_text("x")
    assert transfer.upload_all([]) == 0
    assert len(_output(home)["arr"]) == 1  # array:file stays a list with one file
    (home / "out" / "one").mkdir()
    (home / "out" / "one" / "p").write_text("p")
    (home / "out" / "one" / "q").write_text("q")
    assert transfer.upload_all([]) == 1
    assert (
        "Expected to find 1 file for key one"
        in json.loads((home / "job_error.json").read_text())["error"]["message"]
    )


def test_console_scripts_are_installed(home: Path) -> None:
    bin_dir = sysconfig.get_path("scripts")
    for name in (
        "dx-jobutil-add-output",
        "dx-jobutil-parse-link",
        "dx-jobutil-new-job",
        "dx-jobutil-report-error",
        "dx-jobutil-get-identity-token",
        "dx-download-all-inputs",
        "dx-upload-all-outputs",
        "dx-print-bash-vars",
        "dx-run-app-locally",
    ):
        assert os.access(os.path.join(bin_dir, name), os.X_OK), name
    env = dict(os.environ, HOME=str(home))
    subprocess.run([os.path.join(bin_dir, "dx-jobutil-add-output"), "k", "7"], env=env, check=True)
    assert _output(home) == {"k": 7}
