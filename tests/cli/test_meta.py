"""``dx new``, ``get_details``/``set_details``, tags, properties, ``rename``, ``close`` and ``wait``."""

from __future__ import annotations

import json
import re


def _describe(dx, object_id, **fields):
    wanted = {name: True for name in ("name", "folder", "state", "tags", "properties", "types", "hidden",
                                      "details", *fields)}
    subject = object_id
    body = {"fields": wanted} if object_id.startswith("project-") else {"project": dx.project_id,
                                                                        "fields": wanted}
    return dx("api", subject, "describe", json.dumps(body)).json()


def test_new_record_brief_with_metadata(dx):
    dx("mkdir", "/recs")
    rec = dx("new", "record", "/recs/one", "--brief", "--details", '{"x": [1, 2]}', "--tag", "t1",
             "--tag", "t2", "--property", "k=v", "--property", "empty=", "--type", "Kind").stdout
    assert re.fullmatch(r"record-[0-9A-Za-z]{24}\n", rec)
    desc = _describe(dx, rec.strip())
    assert (desc["name"], desc["folder"], desc["state"]) == ("one", "/recs", "open")
    assert desc["tags"] == ["t1", "t2"] and desc["properties"] == {"k": "v", "empty": ""}
    assert desc["types"] == ["Kind"] and desc["details"] == {"x": [1, 2]}


def test_new_record_default_output_describes_it(dx):
    out = dx("new", "record", "--close").stdout
    assert re.search(r"^ID +record-\w{24}$", out, re.M)
    assert re.search(r"^State +closed$", out, re.M) and re.search(r"^Folder +/$", out, re.M)


def test_new_record_errors(dx):
    assert "does not exist" in dx.fails("new", "record", "/missing/r").stderr
    assert dx("new", "record", "/made/by/p/r", "-p", "--brief").returncode == 0
    assert "--details is not valid JSON" in dx.fails("new", "record", "--details", "{x").stderr
    assert "NAME=VALUE" in dx.fails("new", "record", "--property", "novalue").stderr


def test_new_project_brief_plain_and_select(dx, dx_emulator):
    pid = dx("new", "project", "made by dx", "--brief").stdout.strip()
    assert re.fullmatch(r"project-\w{24}", pid)
    assert _describe(dx, pid)["name"] == "made by dx"
    out = dx("new", "project", "selected one", "-s").stdout
    match = re.fullmatch(r'Created new project called "selected one" \((project-\w{24})\)\n', out)
    assert match
    dx.env.pop("DX_PROJECT_CONTEXT_ID")
    assert dx("pwd").stdout == "selected one:/\n"
    assert dx.fails("new", "project", input="").returncode == 3
    for project in (pid, match.group(1)):
        dx_emulator.call(f"{project}/destroy", {})


def test_details_round_trip(dx, tmp_path):
    rec = dx("new", "record", "r", "--brief", "--details", '{"a": 1}').stdout.strip()
    assert dx("get_details", "r").stdout == '{\n    "a": 1\n}\n'
    dx("set_details", "r", '{"b": [true, null]}')
    assert dx("get_details", rec).json() == {"b": [True, None]}
    path = tmp_path / "details.json"
    path.write_text('["from", "file"]')
    dx("set_details", "r", "-f", str(path))
    assert dx("get_details", "r").json() == ["from", "file"]
    dx("set_details", "r", "-f", "-", input='{"stdin": 1}')
    assert dx("get_details", "r").json() == {"stdin": 1}
    assert "not valid JSON" in dx.fails("set_details", "r", "{nope").stderr
    assert dx.fails("get_details", "nosuch").stderr.startswith('Could not resolve "nosuch"')


def test_tags_properties_and_rename_on_objects_and_projects(dx):
    rec = dx("new", "record", "r", "--brief", "--tag", "old").stdout.strip()
    dx("tag", "r", "a", "b")
    dx("untag", rec, "old")
    dx("set_properties", "r", "k1=v1", "k2=v=2")
    dx("unset_properties", "r", "k1")
    dx("rename", "r", "renamed")
    desc = _describe(dx, rec)
    assert (desc["tags"], desc["properties"], desc["name"]) == (["a", "b"], {"k2": "v=2"}, "renamed")
    unique = f"renamed {dx.project_id[-8:]}"  # other tests' projects share the fixture's name
    dx("rename", dx.project_id, unique)
    dx("tag", dx.project_id, "ptag")
    dx("set_properties", f"{unique}:", "pk=pv")
    pdesc = _describe(dx, dx.project_id)
    assert (pdesc["tags"], pdesc["properties"], pdesc["name"]) == (["ptag"], {"pk": "pv"}, unique)
    assert dx.fails("tag", "nosuch", "x").returncode == 3
    assert "NAME=VALUE" in dx.fails("set_properties", "renamed", "oops").stderr
    dx("mkdir", "/f")
    assert "is a folder" in dx.fails("tag", "/f", "x").stderr


def test_tag_needs_all_for_several_matches(dx):
    first = dx("new", "record", "same", "--brief").stdout.strip()
    second = dx("new", "record", "same", "--brief").stdout.strip()
    assert "use -a" in dx.fails("tag", "same", "x").stderr
    dx("tag", "-a", "same", "x")
    assert _describe(dx, first)["tags"] == _describe(dx, second)["tags"] == ["x"]


def test_close_and_wait(dx, tmp_path):
    one = dx("new", "record", "one", "--brief").stdout.strip()
    dx("new", "record", "two", "--brief")
    assert dx("close", "one", "--wait").stdout == ""
    assert _describe(dx, one)["state"] == "closed"
    dx("close", "two")
    assert dx("wait", "two").stdout == "Waiting for two to close...\nDone\n"
    listing = tmp_path / "ids.txt"
    listing.write_text(one + "\n\n")
    assert dx("wait", "--from-file", str(listing)).stdout == f"Waiting for {one} to close...\nDone\n"
    assert dx.fails("close", "nosuch").returncode == 3
    assert "cannot read" in dx.fails("wait", "--from-file", str(tmp_path / "missing")).stderr
