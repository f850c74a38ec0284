"""``dx ls``, ``tree``, ``mkdir``, ``rmdir``, ``rm``, ``mv`` and ``cp``."""

from __future__ import annotations

import re

import pytest

import dxpy

LS_L_ROW = r"(open|closed)  \d\d\d\d-\d\d-\d\d \d\d:\d\d:\d\d {size:<10}{name} \({id}\)"


@pytest.fixture
def populated(dx, dx_emulator):
    """The ``dx`` project with /a/b/, a closed record ``rec``, a closed hidden record and a 6-byte file."""
    with dx_emulator.configure_dxpy(dx.project_id):
        file_id = dxpy.upload_string("hello\n", name="f.txt", wait_on_close=True).get_id()
    dx("mkdir", "-p", "/a/b")
    rec = dx("new", "record", "rec", "--close", "--brief").stdout.strip()
    hidden = dx("new", "record", "/a/secret", "--visibility", "hidden", "--close", "--brief").stdout.strip()
    return {"file": file_id, "rec": rec, "hidden": hidden}


def _listing(dx, folder="/"):
    return dx_api(dx, f"{dx.project_id}/listFolder", {"folder": folder, "includeHidden": True})


def dx_api(dx, route, body):
    subject, method = route.split("/")
    import json

    return dx("api", subject, method, json.dumps(body)).json()


def test_ls_short_brief_and_filters(dx, populated):
    assert dx("ls").stdout == "a/\nf.txt\nrec\n"
    assert dx("ls", "--brief").stdout == f"a/\n{populated['file']}\n{populated['rec']}\n"
    assert dx("ls", "--folders").stdout == "a/\n"
    assert dx("ls", "--obj", "--brief").stdout == f"{populated['file']}\n{populated['rec']}\n"
    assert dx("ls", "/a").stdout == "b/\n"  # the hidden record needs -a
    assert dx("ls", "-a", "/a/").stdout == "./\n../\nb/\nsecret\n"
    assert dx("ls", "--full", f"{dx.project_id}:/a").stdout == "/a/b/\n"
    assert dx("ls", "f*").stdout == "f.txt\n"
    assert dx("ls", "--brief", populated["rec"]).stdout == populated["rec"] + "\n"


def test_ls_long_layout_matches_upstream(dx, populated):
    lines = dx("ls", "-l").stdout.splitlines()
    assert lines[:4] == [f"Project: cli test project ({dx.project_id})", "Folder : /", "a/",
                         "State   Last modified       Size      Name (ID)"]
    assert re.fullmatch(LS_L_ROW.format(size="6 bytes", name="f.txt", id=populated["file"]), lines[4])
    assert re.fullmatch(LS_L_ROW.format(size="", name="rec", id=populated["rec"]), lines[5])
    assert len(lines) == 6
    only = dx("ls", "-l", "f.txt").stdout.splitlines()  # objects named by the path: no header
    row = LS_L_ROW.format(size="6 bytes", name="f.txt", id=populated["file"])
    assert len(only) == 1 and re.fullmatch(row, only[0])
    dx("mkdir", "/empty")
    assert dx("ls", "-l", "/empty").stdout.splitlines()[2:] == ["No data objects found in the folder"]


def test_ls_of_a_missing_path_is_one_line(dx, populated):
    result = dx.fails("ls", "nosuch")
    assert result.returncode == 3
    assert result.stderr == ('Could not resolve "nosuch": Unable to resolve "nosuch" to a data object '
                             "or folder name in '/'\n")
    assert "does not exist" in dx.fails("ls", "/nowhere/").stderr
    assert dx.fails("ls", "no such project:/").stderr.startswith('Could not resolve "no such project:/"')


def test_tree(dx, populated):
    assert dx("tree").stdout == ".\n├── a\n│   └── b\n├── f.txt\n└── rec\n"
    assert dx("tree", "-a", "/a").stdout == "/a\n├── b\n└── secret\n"
    long = dx("tree", "-l").stdout.splitlines()
    assert re.fullmatch("└── " + LS_L_ROW.format(size="", name="rec", id=populated["rec"]), long[-1])


def test_mkdir_and_rmdir(dx):
    dx("mkdir", "/x", "/y")
    assert dx("mkdir", "-p", "/x/deep/er", "/y").returncode == 0
    result = dx.fails("mkdir", "/x")
    assert result.returncode == 3 and "already exists" in result.stderr
    assert "/nope/child" in dx.fails("mkdir", "/nope/child").stderr  # no parent without -p
    assert "not empty" in dx.fails("rmdir", "/x").stderr
    dx("rmdir", "/x/deep/er", "/y")
    assert _listing(dx)["folders"] == ["/x"]
    assert _listing(dx, "/x")["folders"] == ["/x/deep"]


def test_rm(dx, populated):
    dx("new", "record", "/a/twin", "--brief")
    dx("new", "record", "/a/twin", "--brief")
    assert "use -a" in dx.fails("rm", "/a/twin").stderr
    assert "use -r" in dx.fails("rm", "/a").stderr
    assert dx.fails("rm", "nosuch").returncode == 3
    dx("rm", "-a", "/a/twin", "rec")
    dx("rm", "-f", "nosuch", "f.txt")
    assert _listing(dx)["objects"] == []
    assert {o["id"] for o in _listing(dx, "/a")["objects"]} == {populated["hidden"]}
    dx("rm", "-r", "/a")
    assert _listing(dx)["folders"] == []
    dx("mkdir", "/z")
    dx("new", "record", "/z/r")
    dx("new", "record", "/top", "--visibility", "hidden")
    assert "add -f" in dx.fails("rm", "-r", "/").stderr
    dx("rm", "-r", "-f", "/")
    assert _listing(dx) == {"objects": [], "folders": []}


def test_mv_moves_and_renames(dx, populated, dx_emulator):
    dx("mv", "rec", "f.txt", "/a/b")
    assert {o["id"] for o in _listing(dx, "/a/b")["objects"]} == {populated["rec"], populated["file"]}
    dx("mv", "/a/b/rec", "/renamed")
    assert dx("ls", "/").stdout == "a/\nrenamed\n"
    dx("mv", "/a/b", "/")
    dx("mv", "/b", "/c")
    assert _listing(dx)["folders"] == ["/a", "/c"]
    assert "does not exist" in dx.fails("mv", "renamed", "/no/where").stderr
    other = dx_emulator.call("project/new", {"name": "mv elsewhere"})["id"]
    assert "use dx cp" in dx.fails("mv", "renamed", f"{other}:/").stderr
    dx_emulator.call(f"{other}/destroy", {})


def test_cp_between_projects(dx, populated, dx_emulator):
    other = dx_emulator.call("project/new", {"name": "cp target"})["id"]
    dx_emulator.call(f"{other}/newFolder", {"folder": "/in"})
    assert dx("cp", "rec", "/a", f"{other}:/in").stdout == ""
    assert dx("ls", "-a", f"{other}:/in").stdout == "./\n../\na/\nrec\n"
    again = dx("cp", "rec", f"{other}:/in")
    assert again.stdout == ("The following objects already existed in the destination container and were "
                            f"left alone:\n {populated['rec']}\n")
    dx("cp", "f.txt", f"{other}:/copy.txt")
    assert dx("ls", f"{other}:/").stdout == "in/\ncopy.txt\n"
    assert "use dx mv" in dx.fails("cp", "rec", "/a").stderr
    dx_emulator.call(f"{other}/destroy", {})
