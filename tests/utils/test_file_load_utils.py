"""dxpy.utils.file_load_utils, dxpy.download_all_inputs and dx-print-bash-vars against the emulator."""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
from pathlib import Path

import pytest

import dxpy
from dxpy.exceptions import DXError
from dxpy.utils import file_load_utils


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("DX_JOB_ID", raising=False)
    monkeypatch.delenv("DX_TEST_DXAPP_JSON", raising=False)
    return tmp_path


def test_layout_paths(home: Path) -> None:
    assert file_load_utils.get_input_dir() == str(home / "in")
    assert file_load_utils.get_output_dir("/x") == "/x/out"
    assert file_load_utils.get_input_json_file() == str(home / "job_input.json")
    (home / "job_output.json").write_text("{}")
    file_load_utils.rm_output_json_file()
    file_load_utils.rm_output_json_file()  # absent: no error
    assert not (home / "job_output.json").exists()


def test_make_unix_filename_and_ensure_dir(home: Path) -> None:
    assert file_load_utils.make_unix_filename("a/b.txt") == "a%2Fb.txt"
    with pytest.raises(DXError, match=r"Invalid filename \.\."):
        file_load_utils.make_unix_filename("..")
    (home / "f").write_text("")
    with pytest.raises(DXError, match="not a directory"):
        file_load_utils.ensure_dir(str(home / "f"))
    file_load_utils.ensure_dir(str(home / "d"))
    file_load_utils.ensure_dir(str(home / "d"))
    assert (home / "d").is_dir()


def _input(home: Path, dx_project: str, n_reads: int = 2) -> dict:
    sam = dxpy.upload_string("sam data", name="sample.sorted.sam", wait_on_close=True)
    gz = dxpy.upload_string("gz data", name="reads.fastq.gz", wait_on_close=True)
    reads = [dxpy.upload_string(f"read {i}", name=f"r{i}.txt", wait_on_close=True) for i in range(n_reads)]
    job_input = {
        "sam": dxpy.dxlink(sam),
        "gz": dxpy.dxlink(gz.get_id(), dx_project),
        "reads": [dxpy.dxlink(r) for r in reads],
        "k": 5,
        "label": "it's",
        "flags": [True, False],
    }
    (home / "job_input.json").write_text(json.dumps(job_input))
    return job_input


def test_gen_bash_vars_with_patterns(home: Path, dx_project: str, monkeypatch: pytest.MonkeyPatch) -> None:
    job_input = _input(home, dx_project)
    (home / "dxapp.json").write_text(
        json.dumps(
            {
                "inputSpec": [
                    {"name": "sam", "class": "file", "patterns": ["*.sorted.sam", "*.sam", "exact.txt"]}
                ]
            }
        )
    )
    monkeypatch.setenv("DX_TEST_DXAPP_JSON", str(home / "dxapp.json"))
    defs = file_load_utils.gen_bash_vars(str(home / "job_input.json"))
    assert defs["k"] == "5" and defs["label"] == "'it'\"'\"'s'" and defs["flags"] == "( true false )"
    assert defs["sam_name"] == "( sample.sorted.sam )"
    assert defs["sam_prefix"] == "( sample )"  # the longest matching pattern suffix is cut
    assert defs["gz_prefix"] == "( reads )"  # .gz and one more extension go
    assert defs["reads_path"] == f"( {home}/in/reads/0/r0.txt {home}/in/reads/1/r1.txt )"
    assert json.loads(defs["sam"][2:-2].strip("'")) == job_input["sam"]


def test_name_collisions_are_left_out(
    home: Path, dx_project: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (home / "job_input.json").write_text(json.dumps({"PATH": "x", "ok": 1}))
    defs = file_load_utils.gen_bash_vars(str(home / "job_input.json"))
    assert "PATH" not in defs and defs["ok"] == "1"
    assert "name collision" in caplog.text
    assert (
        file_load_utils.gen_bash_vars(str(home / "job_input.json"), check_name_collision=False)["PATH"] == "x"
    )


def test_print_bash_vars_evaluates_in_bash(home: Path, dx_project: str, dx_emulator) -> None:
    _input(home, dx_project)
    env = dict(os.environ, HOME=str(home), **dx_emulator.env)
    env["PATH"] = (
        sysconfig.get_path("scripts") + os.pathsep + env["PATH"]
    )  # this installation's console scripts
    env.pop("DX_JOB_ID", None)
    script = (
        'vars="$(dx-print-bash-vars)"; eval "$vars"; '
        'echo "$k|$label|${reads_name[1]}|${#reads_path[@]}|$sam_path|'
        '${flags[0]}"'
    )
    out = subprocess.run(["bash", "-e", "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"5|it's|r1.txt|2|{home}/in/sam/sample.sorted.sam|true"


def test_download_all_inputs_many_files(home: Path, dx_project: str) -> None:
    _input(home, dx_project, n_reads=12)
    helpers = dxpy.download_all_inputs(exclude=["gz"], parallel=True, max_threads=4)
    # as upstream, every non-empty array input gets a directory, even one holding no files ("flags")
    assert sorted(os.listdir(home / "in")) == ["flags", "reads", "sam"]
    assert sorted(os.listdir(home / "in" / "reads")) == [f"{i:02d}" for i in range(12)]
    for i in range(12):
        assert (home / "in" / "reads" / f"{i:02d}" / f"r{i}.txt").read_text() == f"read {i}"
    assert helpers["reads_name"] == [f"r{i}.txt" for i in range(12)]
    assert helpers["reads_path"][11] == str(home / "in" / "reads" / "11" / "r11.txt")
    assert helpers["sam_prefix"] == ["sample.sorted"]
    assert "gz_path" not in helpers
    assert (home / "in" / "sam" / "sample.sorted.sam").read_text() == "sam data"


def test_download_all_inputs_sequential_and_outside_a_job(home: Path, dx_project: str) -> None:
    with pytest.raises(FileNotFoundError):
        dxpy.download_all_inputs()
    _input(home, dx_project, n_reads=1)
    helpers = dxpy.download_all_inputs()
    assert (home / "in" / "gz" / "reads.fastq.gz").read_text() == "gz data"
    assert helpers["reads_path"] == [str(home / "in" / "reads" / "0" / "r0.txt")]
