"""The ``dx describe`` renderings of dxpy.utils.describe, class by class (no server needed)."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest

from dxpy.utils import describe as d

T0 = 1577872800123  # 2020-01-01 10:00:00.123 UTC
W = d.FIELD_NAME_WIDTH


@pytest.fixture(autouse=True)
def _utc_and_eighty_columns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("COLUMNS", "80")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _labels(desc: dict, verbose: bool = False) -> dict[str, str]:
    return {line[:W].strip(): line[W:] for line in d.get_desc_lines(desc, verbose) if line[:1].strip()}


def test_the_label_column_is_upstreams_width() -> None:
    assert W == 34
    assert d.get_field_str("Name", "x") == "Name" + " " * 30 + "x"
    out = io.StringIO()
    d.print_field("Name", "value", file=out)
    d.print_json_field("blob", {"a": [1, 2]}, file=out)
    assert out.getvalue() == f"{'Name':<{W}}value\n{'blob':<{W}}" + '{"a": [1, 2]}\n'


def test_long_json_values_wrap_under_the_value_column() -> None:
    value = '{"code": "USD", "symbol": "$", "left": "' + "y" * 30 + '", "a": 1}'
    text = d.get_field_str("currency", value, True)
    lines = text.splitlines()
    assert len(lines) == 2 and lines[1].startswith(" " * W) and lines[1][W] != " "
    assert all(len(line) <= 80 for line in lines)


def test_file_fields_in_upstream_order() -> None:
    desc = {"id": "file-x", "class": "file", "project": "project-p", "folder": "/", "name": "a.txt",
            "state": "closed", "hidden": False, "types": [], "properties": {"k": "v"}, "tags": ["t"],
            "links": [], "created": T0,
            "createdBy": {"user": "user-bob", "job": "job-j", "executable": "applet-a"},
            "modified": T0, "media": "text/plain", "size": 2048, "archivalState": "live", "sponsored": False}
    lines = d.get_desc_lines(desc)
    order = [line[:W].strip() for line in lines]
    assert order == ["ID", "Class", "Project", "Folder", "Name", "State", "Visibility", "Types", "Properties",
                     "Tags", "Outgoing links", "Created", "Created by", "Last modified", "Media type", "Size",
                     "archivalState"]
    fields = _labels(desc)
    assert fields["Created by"] == "bob via the job job-j (applet-a)"
    assert fields["Size"] == "2.00 KB" and fields["Created"] == "Wed Jan  1 10:00:00 2020"
    assert fields["Types"] == "-" and fields["Visibility"] == "visible"
    assert fields["archivalState"] == '"live"'


def test_project_fields() -> None:
    fields = _labels({"id": "project-p", "class": "project", "name": "P", "billTo": "user-bob",
                      "level": "VIEW", "protected": True, "dataUsage": 1.5, "tags": [],
                      "downloadRestricted": False,
                      "version": 1})
    assert fields["Billed to"] == "bob" and fields["Protected"] == "true"
    assert fields["Data usage"] == "1.50 GB"
    assert fields["Tags"] == "-" and fields["downloadRestricted"] == "false"
    assert "version" not in fields


def test_job_and_analysis_fields() -> None:
    job = {"id": "job-j", "class": "job", "name": "run", "state": "failed", "parentJob": None,
           "input": {"n": 1, "f": {"$dnanexus_link": "file-f"}}, "output": None, "launchedBy": "user-al",
           "startedRunning": T0, "stoppedRunning": T0 + 90000, "dependsOn": [],
           "failureReason": "AppError",
           "stateTransitions": [{"newState": "failed"}], "executable": "applet-a", "applet": "applet-a"}
    lines = "\n".join(d.get_desc_lines(job)).splitlines()
    assert f"{'Input':<{W}}n = 1" in lines and f"{'':<{W}}f = file-f" in lines
    fields = _labels(job)
    assert fields["Job name"] == "run" and fields["Parent job"] == "-" and fields["Depends on"] == "-"
    assert fields["Stopped running"] == "Wed Jan  1 10:01:30 2020 (Runtime: 0:01:30)"
    assert fields["Launched by"] == "al" and fields["Failure reason"] == "AppError"
    assert "stateTransitions" not in fields and "executable" not in fields
    assert "stateTransitions" in _labels(job, verbose=True)
    analysis = {"id": "analysis-a", "class": "analysis", "name": "wf run", "state": "done", "created": T0,
                "workflow": {"id": "workflow-w",
                             "stages": [{"id": "s1", "name": "align", "executable": "applet-a"}]},
                "stages": [{"id": "s1", "execution": {"id": "job-j", "state": "done"}}],
                "stateTransitions": [{"newState": "done", "setAt": T0 + 61000}]}
    lines = d.get_desc_lines(analysis)
    fields = _labels(analysis)
    assert fields["Job name"] == "wf run" and fields["Workflow"] == "workflow-w"
    at = [line[:W].rstrip() for line in lines].index("Stage 0")
    assert lines[at:at + 3] == [f"{'Stage 0':<{W}}align (s1)", f"{'  Executable':<{W}}applet-a",
                                f"{'  Execution':<{W}}job-j (done)"]
    assert fields["Finished"] == "Wed Jan  1 10:01:01 2020 (Wall-clock time: 0:01:01)"
    assert "Stopped running" not in fields and "stages" not in fields


def test_workflow_fields() -> None:
    fields = _labels({"id": "workflow-w", "class": "workflow", "name": "wf", "editVersion": 3, "title": None,
                      "stages": [{"id": "s1", "executable": "applet-a"}], "inputSpec": []})
    assert fields["Edit Version"] == "3" and fields["Stage 0"] == "s1" and fields["Input Spec"] == "-"
    assert "Title" not in fields and "title" not in fields and "stages" not in fields


def test_executables_users_and_orgs() -> None:
    applet = _labels({"id": "applet-a", "class": "applet", "inputSpec": [{"name": "x", "class": "int",
                                                                           "optional": True}],
                      "outputSpec": [], "runSpec": {"interpreter": "python3"}, "dxapi": "1.0.0"})
    assert applet["Input Spec"] == "[x (int)]" and applet["Output Spec"] == "-"
    assert applet["Interpreter"] == "python3" and applet["API version"] == "1.0.0"
    app_desc = {"id": "app-x", "class": "app", "name": "x", "version": "1.0.0", "aliases": ["default"],
                "installed": False, "categories": [], "applet": "applet-a", "installs": 2,
                "billTo": "user-me", "authorizedUsers": [], "developerNotes": "", "isDeveloperFor": True}
    app = _labels(app_desc)
    assert app["Version"] == "1.0.0" and app["Aliases"] == "default" and app["Installed"] == "false"
    assert app["Created from"] == "applet-a" and app["# Installs"] == "2" and app["AuthorizedUsers"] == "-"
    assert "Developer notes" not in app and app["isDeveloperFor"] == "true"
    order = [line[:W].strip() for line in d.get_desc_lines(app_desc)]
    assert order[:4] == ["ID", "Class", "Billed to", "Name"]
    user = _labels({"id": "user-al", "class": "user", "first": "Al", "last": "Smith", "email": "a@b"})
    assert user == {"ID": "user-al", "Name": "Al Smith", "Email": "a@b"}
    assert _labels({"id": "user-bo", "handle": "bo"})["Name"] == "bo"
    org = _labels({"id": "org-o", "class": "org", "name": "Org", "level": "ADMIN"})
    assert org["Member access level"] == "ADMIN"


def test_get_desc_fields_picks_by_class_or_id_prefix() -> None:
    assert d.get_desc_fields({"id": "container-c"})[2][1] == "Name"
    assert [label for _, label, _ in d.get_desc_fields({"class": "record"})][-1] == "Last modified"
    assert "Media type" in [label for _, label, _ in d.get_desc_fields({"id": "file-f"})]
