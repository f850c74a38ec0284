"""``dx describe`` of every kind of thing, against the emulator."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from dxpy.utils.describe import FIELD_NAME_WIDTH
from tests.cli._clidata import new_applet, run_and_wait


def _fields(text: str) -> dict[str, str]:
    """Label -> value of a one-result human description (unlabelled continuation lines dropped)."""
    lines = text.splitlines()
    assert lines[0] == "Result 1:"
    return {line[:FIELD_NAME_WIDTH].strip(): line[FIELD_NAME_WIDTH:] for line in lines[1:]
            if line[:FIELD_NAME_WIDTH].strip()}


def test_describe_a_file_by_id_path_and_link(dx: Any) -> None:
    file_id = dx("upload", "-", "--path", "/d/f.txt", "-p", "--brief", "--tag", "t", "--property", "k=v",
                 "--details", '{"x": 1}', input="12345").stdout.strip()
    fields = _fields(dx("describe", file_id).stdout)
    assert (fields["ID"], fields["Class"]) == (file_id, "file")
    assert (fields["Name"], fields["Folder"]) == ("f.txt", "/d")
    assert (fields["Tags"], fields["Properties"], fields["Size"]) == ("t", "k=v", "5 bytes")
    assert fields["Project"] == dx.project_id and "Details" not in fields
    assert _fields(dx("describe", file_id, "--details").stdout)["Details"] == '{"x": 1}'
    for path in ("/d/f.txt", "d/f.txt", f"{dx.project_id}:/d/f.txt", f"{dx.project_id}:{file_id}",
                 json.dumps({"$dnanexus_link": file_id})):
        assert dx("describe", path, "--name").stdout == "f.txt\n", path
    desc = dx("describe", "/d/f.txt", "--json").json()
    assert desc["id"] == file_id and desc["details"] == {"x": 1} and desc["properties"] == {"k": "v"}


def test_several_matches_print_numbered_results_or_a_json_list(dx: Any) -> None:
    first = dx("upload", "-", "--path", "/same.txt", "--brief", input="1").stdout.strip()
    second = dx("upload", "-", "--path", "/same.txt", "--brief", input="2").stdout.strip()
    text = dx("describe", "same.txt").stdout
    assert "Result 1:" in text and "\n\nResult 2:\n" in text
    assert {d["id"] for d in dx("describe", "same.txt", "--json", "--multi").json()} == {first, second}
    refused = dx.fails("describe", "same.txt", "--json")  # as upstream: a script expecting one object
    assert "--multi" in refused.stderr and refused.returncode == 3
    assert dx("describe", first, "--json", "--multi").json()[0]["id"] == first
    assert len(dx("describe", first, second, "--json", "--multi").json()) == 2


def test_describe_projects_users_and_bad_paths(dx: Any, dx_emulator: Any) -> None:
    fields = _fields(dx("describe", dx.project_id).stdout)
    assert (fields["Class"], fields["Name"]) == ("project", "cli test project")
    assert fields["Access level"] == "ADMINISTER"
    assert dx("describe", f"{dx.project_id}:", "--json").json()["id"] == dx.project_id
    assert dx.project_id in dx("describe", "cli test project", "--json").stdout
    user = dx_emulator.user_id
    fields = _fields(dx("describe", user).stdout)
    assert fields["ID"] == user and "@" in fields["Email"]
    for path in ("nothere", "file-" + "0" * 24, "file-xxxx", "nosuchproject:/x", "user-nobody"):
        result = dx.fails("describe", path)
        assert result.returncode == 3
        # "DXCLIError: ..." or, module-qualified as upstream prints it, "dxpy.exceptions.DXCLIError: ..."
        [line] = result.stderr.splitlines()
        assert line.endswith(f"DXCLIError: No matches found for {path}"), line


def test_describe_an_applet_and_its_job(dx: Any, dx_emulator: Any) -> None:
    applet = new_applet(dx_emulator, dx.project_id, name="descapp")
    job = run_and_wait(dx_emulator, applet, dx.project_id, 0, name="described job")["id"]
    fields = _fields(dx("describe", applet).stdout)
    assert (fields["Class"], fields["Input Spec"], fields["Output Spec"]) == ("applet", "n (int)", "m (int)")
    assert fields["Interpreter"] == "bash" and fields["Name"] == "descapp"
    assert dx("describe", "descapp", "--name").stdout == "descapp\n"
    fields = _fields(dx("describe", job).stdout)
    assert (fields["Job name"], fields["State"], fields["Applet"]) == ("described job", "done", applet)
    assert (fields["Input"], fields["Output"], fields["Parent job"]) == ("n = 0", "m = 1", "-")
    assert fields["Stopped running"].endswith(")") and "Runtime:" in fields["Stopped running"]
    assert dx("describe", job, "--json").json()["output"] == {"m": 1}


def test_describe_and_find_a_workflow_and_its_analysis(dx: Any, dx_emulator: Any) -> None:
    from dxpy.emulator import EmulatorCallError

    applet = new_applet(dx_emulator, dx.project_id, name="staged")
    try:
        workflow = dx_emulator.call("workflow/new", {
            "project": dx.project_id, "name": "wf",
            "stages": [{"id": "s1", "name": "first", "executable": applet, "input": {"n": 0}}]})["id"]
    except EmulatorCallError as exc:
        if exc.status == 404:
            pytest.skip("this emulator has no /workflow/new route yet")
        raise
    fields = _fields(dx("describe", workflow).stdout)
    assert (fields["Class"], fields["Stage 0"], fields["Executable"]) == ("workflow", "first (s1)", applet)
    analysis = dx_emulator.call(f"{workflow}/run", {"project": dx.project_id, "input": {}})["id"]
    deadline = time.monotonic() + 120
    while dx_emulator.call(f"{analysis}/describe")["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    text = dx("describe", analysis).stdout
    fields = _fields(text)
    assert (fields["Class"], fields["Job name"], fields["State"]) == ("analysis", "wf", "done")
    assert fields["Stage 0"] == "first (s1)" and fields["Execution"].endswith(" (done)")
    assert "Wall-clock time:" in fields["Finished"] and "stages" not in fields
    job = fields["Execution"].split()[0]
    assert dx("find", "analyses", "--brief").stdout.split() == [analysis]
    tree = dx("find", "executions").stdout.splitlines()
    assert tree[0] == f"* wf (done) {analysis}"
    assert any(job in line and line.startswith("└── ") for line in tree)
    assert _fields(dx("describe", job).stdout)["Analysis"] == analysis
