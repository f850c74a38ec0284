"""dxpy.utils.resolver: path syntax, escaping and resolution against the emulator."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

import dxpy
from dxpy.utils import resolver
from dxpy.utils.resolver import (
    ResolutionError,
    check_folder_exists,
    clean_folder_path,
    escape_folder_str,
    escape_name_str,
    is_glob_pattern,
    object_exists_in_project,
    resolve_container_id_or_name,
    resolve_existing_path,
    resolve_multiple_existing_paths,
    resolve_path,
    resolve_project,
    resolve_to_objects_or_project,
    split_unescaped,
    unescape_name_str,
)

X = "a" * 24

# -- pure helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts", "with_empty"),
    [
        ("a/b", ["a", "b"], ["a", "b"]),
        ("a\\/b/c", ["a\\/b", "c"], ["a\\/b", "c"]),
        ("/a/b/", ["a", "b"], ["", "a", "b", ""]),
        ("//x", ["x"], ["", "", "x"]),
        ("", [], [""]),
        ("a\\\\/b", ["a\\\\", "b"], ["a\\\\", "b"]),
    ],
)
def test_split_unescaped(text: str, parts: list[str], with_empty: list[str]) -> None:
    assert split_unescaped("/", text) == parts
    assert split_unescaped("/", text, include_empty_strings=True) == with_empty


def test_escaping_round_trips() -> None:
    raw = "we:ird/na*me?\\"
    assert escape_folder_str("a:b*") == "a\\:b\\*"
    assert escape_name_str("a/b") == "a\\/b"
    assert unescape_name_str(escape_name_str(raw)) == raw
    assert resolver.unescape_folder_str(escape_folder_str("x:y")) == "x:y"
    assert is_glob_pattern("a*") and is_glob_pattern("a?b") and is_glob_pattern("a\\\\*")
    assert not is_glob_pattern("a\\*") and not is_glob_pattern("plain")


def test_id_predicates() -> None:
    assert resolver.is_hashid("file-" + X) and not resolver.is_hashid("app-bwa")
    assert resolver.is_data_obj_id("record-" + X) and not resolver.is_data_obj_id("project-" + X)
    assert resolver.is_container_id("container-" + X) and resolver.is_container_id("project-" + X)
    assert resolver.is_project_id("project-" + X) and not resolver.is_project_id("container-" + X)
    assert resolver.is_job_id("job-" + X) and not resolver.is_job_id("analysis-" + X)
    assert resolver.is_analysis_id("analysis-" + X)
    assert resolver.is_localjob_id("localjob-3") and not resolver.is_localjob_id("job-" + X)
    assert resolver.is_nohash_id("user-alice") and resolver.is_nohash_id("app-bwa")
    assert resolver.is_jbor_str("job-" + X + ":out") and not resolver.is_jbor_str("job-" + X)
    assert resolver.is_project_explicit("p:/a") and resolver.is_project_explicit("record-" + X)
    assert not resolver.is_project_explicit("p\\:/a")


@pytest.mark.parametrize(
    ("path", "expected", "result"),
    [
        ("/", None, ("/", None)),
        ("/a/b", None, ("/a", "b")),
        ("/a/b/", None, ("/a/b", None)),
        ("/a/b", "folder", ("/a/b", None)),
        ("/a/b", "entity", ("/a", "b")),
        ("/a/../b", None, ("/", "b")),
        ("/a/./b", None, ("/a", "b")),
        ("/a//b", None, ("/a", "b")),
        ("/a/..", None, ("/", None)),
        ("/x\\:y/z", None, ("/x:y", "z")),
    ],
)
def test_clean_folder_path(path: str, expected: Any, result: tuple) -> None:
    assert clean_folder_path(path, expected) == result


def test_relative_paths_use_the_cli_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DX_CLI_WD", "/home/dir")
    assert clean_folder_path("a/b") == ("/home/dir/a", "b")
    assert clean_folder_path("../x") == ("/home", "x")
    monkeypatch.delenv("DX_CLI_WD")
    assert clean_folder_path("a") == ("/", "a")
    with pytest.raises(ResolutionError):
        clean_folder_path("/a", expected="thing")


def test_parse_errors_without_server(dx_context: Any) -> None:
    dxpy.set_job_id(None)
    dxpy.set_workspace_id(None)
    dxpy.set_project_context(None)
    with pytest.raises(ResolutionError, match="No current project"):
        resolve_path("/a/b")
    with pytest.raises(ResolutionError, match="empty"):
        resolve_path("", allow_empty_string=False)
    assert resolve_path("job-" + X + ":out") == ("job-" + X, None, "out")
    assert resolve_path("project-" + X) == ("project-" + X, "/", None)
    assert resolve_path("project-" + X + ":/f/n") == ("project-" + X, "/f", "n")
    assert resolve_path("project-" + X + ":record-" + X) == ("project-" + X, None, "record-" + X)
    assert resolve_path("record-" + X) == (None, None, "record-" + X)


# -- against the emulator -------------------------------------------------------------------------


@pytest.fixture
def tree(dx_project: str) -> dict[str, Any]:
    name = "ctx-" + uuid.uuid4().hex[:8]
    dxpy.DXProject(dx_project).update(name=name)
    dxpy.DXProject(dx_project).new_folder("/a/b", parents=True)
    other = dxpy.DXProject()
    other.new("other " + name)
    dups = [dxpy.DXProject(), dxpy.DXProject()]
    for d in dups:
        d.new("dup " + name)
    made = {
        "name": name,
        "other": other.get_id(),
        "dups": [d.get_id() for d in dups],
        "x": dxpy.new_dxrecord(name="x.txt", folder="/a", close=True).get_id(),
        "y1": dxpy.new_dxrecord(name="y", folder="/a").get_id(),
        "y2": dxpy.new_dxrecord(name="y", folder="/a").get_id(),
        "colon": dxpy.new_dxrecord(name="c:d").get_id(),
        "star": dxpy.new_dxrecord(name="lit*", folder="/a").get_id(),
        "in_other": dxpy.new_dxrecord(name="in2", project=other.get_id()).get_id(),
    }
    yield made
    for pid in [other.get_id(), *made["dups"]]:
        dxpy.DXProject(pid).destroy()


def test_resolve_path(tree: dict[str, Any], dx_project: str) -> None:
    name = tree["name"]
    assert resolve_path("") == (dx_project, "/", None)
    assert resolve_path("/a") == (dx_project, "/", "a")
    assert resolve_path("/a/", expected="folder") == (dx_project, "/a", None)
    assert resolve_path(f"{name}:/a/x.txt") == (dx_project, "/a", "x.txt")
    assert resolve_path(f"other {name}:") == (tree["other"], "/", None)
    assert resolve_path(":/a/x.txt") == (dx_project, "/a", "x.txt")
    assert resolve_path("~:/a") == (dx_project, "/", "a")
    assert resolve_path("~") == (dx_project, "/", None)
    assert resolve_path("c\\:d") == (dx_project, "/", "c:d")
    assert resolve_path(tree["x"]) == (dx_project, None, tree["x"])
    with pytest.raises(ResolutionError, match="Could not find a project"):
        resolve_path("no such project " + name + ":/a")
    with pytest.raises(ResolutionError, match="multiple projects"):
        resolve_path(f"dup {name}:/a")
    projects, folder, entity = resolve_path(f"dup {name}:/a", multi_projects=True)
    assert sorted(projects) == sorted(tree["dups"]) and (folder, entity) == ("/", "a")
    with pytest.raises(ResolutionError, match="unescaped"):
        resolve_path("a:b:c")


def test_resolve_existing_objects(tree: dict[str, Any], dx_project: str) -> None:
    name = tree["name"]
    assert resolve_existing_path("/a/x.txt", describe=False) == (
        dx_project, None, {"project": dx_project, "id": tree["x"]})
    project, folder, found = resolve_existing_path(f"{name}:/a/x.txt")
    assert (project, folder, found["id"], found["describe"]["name"]) == (dx_project, None, tree["x"], "x.txt")
    assert resolve_existing_path("c\\:d", describe=False)[2]["id"] == tree["colon"]
    assert resolve_existing_path("/a/x*", describe=False)[2]["id"] == tree["x"]
    assert resolve_existing_path("/a/lit\\*", describe=False)[2]["id"] == tree["star"]
    assert resolve_existing_path(f"other {name}:in2", describe=False)[2]["id"] == tree["in_other"]
    assert resolve_existing_path("/a/x.txt", ask_to_resolve=False, describe=False)[2] == [
        {"project": dx_project, "id": tree["x"]}]


def test_resolve_existing_by_id(tree: dict[str, Any], dx_project: str) -> None:
    project, folder, found = resolve_existing_path(tree["x"])
    assert (project, folder, found["id"], found["describe"]["name"]) == (dx_project, None, tree["x"], "x.txt")
    assert resolve_existing_path(f"{dx_project}:{tree['x']}", describe=False)[2] == {
        "project": dx_project, "id": tree["x"]}
    with pytest.raises(ResolutionError, match="not found in"):
        resolve_existing_path(f"{tree['other']}:{tree['x']}")
    with pytest.raises(ResolutionError, match="Could not find"):
        resolve_existing_path("record-" + "Z" * 24)
    with pytest.raises(ResolutionError, match="expected class"):
        resolve_existing_path(tree["x"], expected_classes=["file"])
    with pytest.raises(ResolutionError, match="folder"):
        resolve_existing_path(tree["x"], expected="folder")


def test_resolve_existing_folders(tree: dict[str, Any], dx_project: str) -> None:
    assert resolve_existing_path("/a") == (dx_project, "/a", None)
    assert resolve_existing_path("/a/") == (dx_project, "/a", None)
    assert resolve_existing_path("/a/b") == (dx_project, "/a/b", None)
    assert resolve_existing_path("") == (dx_project, "/", None)
    assert resolve_existing_path(dx_project) == (dx_project, "/", None)
    # a path that can only be a folder is returned unchecked, as upstream does
    assert resolve_existing_path("/zz/") == (dx_project, "/zz", None)
    assert resolve_existing_path("/a/nope", expected="folder") == (dx_project, "/a/nope", None)
    with pytest.raises(ResolutionError, match="Unable to resolve") as info:
        resolve_existing_path("/a/nope")
    assert info.value.msg == str(info.value) and "nope" in info.value.msg  # upstream scripts print e.msg
    with pytest.raises(ResolutionError, match="Unable to resolve"):
        resolve_existing_path("/a", expected="entity")
    with pytest.raises(ResolutionError, match="data object"):
        resolve_existing_path("/a/", expected="entity")


def test_ambiguity(tree: dict[str, Any], dx_project: str) -> None:
    with pytest.raises(ResolutionError, match="resolves to 2 data objects"):
        resolve_existing_path("/a/y")
    with pytest.raises(ResolutionError, match="resolves to 2"):
        resolve_existing_path("/a/y", allow_mult=True)
    both = {tree["y1"], tree["y2"]}
    assert {r["id"] for r in resolve_existing_path("/a/y", allow_mult=True, all_mult=True)[2]} == both
    assert {r["id"] for r in resolve_existing_path("/a/y", ask_to_resolve=False)[2]} == both
    assert [r["id"] for r in resolve_existing_path("/a/x.txt", allow_mult=True)[2]] == [tree["x"]]
    with pytest.raises(ResolutionError, match="Unable"):
        resolve_existing_path("/a/x.txt", expected_classes=["file"])


def test_hidden_objects_follow_visibility(dx_project: str) -> None:
    hidden = dxpy.new_dxrecord(name="h", hidden=True).get_id()
    assert resolve_existing_path("h", describe=False)[2]["id"] == hidden
    with pytest.raises(ResolutionError):
        resolve_existing_path("h", visibility="visible")


def test_projects_and_helpers(tree: dict[str, Any], dx_project: str, dx_emulator: Any) -> None:
    name = tree["name"]
    assert resolve_container_id_or_name(name) == dx_project
    assert resolve_container_id_or_name(dx_project) == dx_project
    assert resolve_container_id_or_name(dx_project, multi=True) == [dx_project]
    assert resolve_container_id_or_name("nothing like " + name) is None
    with pytest.raises(ResolutionError):
        resolve_container_id_or_name("nothing like " + name, is_error=True)
    assert sorted(resolve_container_id_or_name("dup " + name, multi=True)) == sorted(tree["dups"])
    assert resolve_project(name) == dx_project
    with pytest.raises(ResolutionError):
        resolve_project("nothing like " + name)
    assert object_exists_in_project(tree["x"], dx_project)
    assert not object_exists_in_project(tree["x"], tree["other"])
    assert not object_exists_in_project("record-" + "Z" * 24, dx_project)
    assert check_folder_exists(dx_project, "/a", "b")
    assert not check_folder_exists(dx_project, "/a", "zz")
    assert not check_folder_exists(dx_project, "/nope", "b")


def test_permission_denied_resolves_to_an_error(
    tree: dict[str, Any], dx_project: str, dx_emulator: Any
) -> None:
    user_id, token = dx_emulator.new_user("r" + uuid.uuid4().hex[:10])
    previous = dict(dxpy.SECURITY_CONTEXT)
    dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": token})
    try:
        with pytest.raises(ResolutionError):
            resolve_existing_path(f"{dx_project}:/a/x.txt")
        with pytest.raises(ResolutionError):
            resolve_existing_path(tree["x"])
    finally:
        dxpy.set_security_context(previous)


def test_objects_or_project_and_multiple_paths(tree: dict[str, Any], dx_project: str) -> None:
    name = tree["name"]
    assert resolve_to_objects_or_project("/a/x.txt")[2]["id"] == tree["x"]
    assert resolve_to_objects_or_project(f"{name}:") == (dx_project, "/", None)
    assert resolve_to_objects_or_project(dx_project) == (dx_project, "/", None)
    both = resolve_to_objects_or_project("/a/y", all_matching_results=True)[2]
    assert {r["id"] for r in both} == {tree["y1"], tree["y2"]}
    with pytest.raises(ResolutionError, match="folder"):
        resolve_to_objects_or_project("/a")
    with pytest.raises(ResolutionError, match="resolves to 2"):
        resolve_to_objects_or_project("/a/y")
    got = resolve_multiple_existing_paths(["/a/x.txt", "/a", "/a/y", "/nope/n", "a:b:c", "/new/"])
    assert got["/new/"] == {"project": dx_project, "folder": "/new", "name": None}
    assert got["/a/x.txt"] == {"project": dx_project, "folder": None,
                               "name": {"project": dx_project, "id": tree["x"]}}
    assert got["/a"] == {"project": dx_project, "folder": "/a", "name": None}
    for failed in ("/a/y", "/nope/n", "a:b:c"):
        assert got[failed] == {"project": None, "folder": None, "name": None}
