"""dxpy.app_builder against the emulator: resources bundles, applet creation, collisions."""

from __future__ import annotations

import io
import json
import re
import tarfile
import time
import uuid
from pathlib import Path

import pytest

import dxpy
from dxpy import app_builder
from dxpy.app_builder import AppBuilderException
from tests._support.exec_sources import write_source
from tests._support.signatures import rendered_params


def _bundle_members(file_id: str) -> dict[str, tarfile.TarInfo]:
    data = dxpy.DXFile(file_id, mode="rb").read()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return {m.name: m for m in tar.getmembers()}


def test_is_link_local() -> None:
    assert app_builder.is_link_local("data.txt")
    assert app_builder.is_link_local("sub/../data.txt")
    assert not app_builder.is_link_local("../outside")
    assert not app_builder.is_link_local("a/../../outside")
    assert not app_builder.is_link_local("/etc/passwd")


def test_merge_is_recursive() -> None:
    d = {"a": {"b": 1, "c": 2}, "x": 1}
    assert app_builder.merge(d, {"a": {"b": 9}, "y": 2}) is d
    assert d == {"a": {"b": 9, "c": 2}, "x": 1, "y": 2}


def test_fill_wraps() -> None:
    text = app_builder.fill("word " * 100)
    assert "\n" in text and all(len(line) <= 200 for line in text.splitlines())


def test_get_enabled_regions() -> None:
    spec = {"regionalOptions": {"aws:us-east-1": {}}}
    assert app_builder.get_enabled_regions(spec, None) == ["aws:us-east-1"]
    assert app_builder.get_enabled_regions({}, ["azure:westus"]) == ["azure:westus"]
    assert app_builder.get_enabled_regions({}, None) is None
    with pytest.raises(AppBuilderException):
        app_builder.get_enabled_regions(spec, ["azure:westus"])


def test_get_destination_project(tmp_path: Path) -> None:
    src = write_source(tmp_path, project="project-" + "x" * 24)
    assert app_builder.get_destination_project(str(src), "project-given") == "project-given"
    assert app_builder.get_destination_project(str(src)) == "project-" + "x" * 24
    other = write_source(tmp_path, name="noproj")
    with pytest.raises(AppBuilderException, match="project"):
        app_builder.get_destination_project(str(other))


def test_build_runs_make(tmp_path: Path) -> None:
    src = write_source(tmp_path)
    (src / "src" / "Makefile").write_text("all:\n\ttouch built.txt\n")
    app_builder.build(str(src), parallel_build=False)
    assert (src / "src" / "built.txt").exists()
    (src / "src" / "Makefile").write_text("all:\n\tfalse\n")
    with pytest.raises(AppBuilderException, match="make"):
        app_builder.build(str(src))


def test_bad_spec_is_named(tmp_path: Path) -> None:
    src = write_source(tmp_path)
    (src / "dxapp.json").write_text("{not json")
    with pytest.raises(AppBuilderException, match="not valid JSON"):
        app_builder.upload_applet(str(src), [])
    (src / "dxapp.json").write_text(json.dumps({"name": "x"}))
    with pytest.raises(AppBuilderException, match="runSpec"):
        app_builder.upload_applet(str(src), [])


def test_no_resources_dir_gives_no_bundle(tmp_path: Path, dx_project: str) -> None:
    src = write_source(tmp_path, resources=False)
    assert app_builder.upload_resources(str(src), project=dx_project) == []


def test_upload_resources_bundles_and_reuses(tmp_path: Path, dx_project: str) -> None:
    src = write_source(tmp_path)
    (src / "resources" / "opt" / "run.sh").write_text("#!/bin/sh\n")
    (src / "resources" / "opt" / "run.sh").chmod(0o700)
    outside = tmp_path / "outside.txt"
    outside.write_text("from outside\n")
    (src / "resources" / "opt" / "outside.txt").symlink_to(outside)
    deps = app_builder.upload_resources(str(src), project=dx_project, folder="/build")
    assert [d["name"] for d in deps] == ["resources.tar.gz"]
    file_id = deps[0]["id"]["$dnanexus_link"]
    desc = dxpy.DXFile(file_id).describe(fields={"hidden": True, "folder": True, "properties": True})
    assert desc["hidden"] and desc["folder"] == "/build"
    assert "resource_bundle_checksum" in desc["properties"]
    members = _bundle_members(file_id)
    assert members["opt/link.txt"].issym() and members["opt/link.txt"].linkname == "data.txt"
    assert members["opt/outside.txt"].isfile()  # a link leaving the tree is replaced by its file
    assert members["opt/run.sh"].mode & 0o755 == 0o755
    assert members["opt/data.txt"].uname == "root"
    # unchanged contents: the same bundle; changed or ensure_upload: a new one
    assert app_builder.upload_resources(str(src), project=dx_project, folder="/build") == deps
    assert (
        app_builder.upload_resources(str(src), project=dx_project, folder="/build", ensure_upload=True)
        != deps
    )
    (src / "resources" / "opt" / "data.txt").write_text("changed\n")
    assert app_builder.upload_resources(str(src), project=dx_project, folder="/build") != deps


def test_upload_resources_subpath_and_broken_link(tmp_path: Path, dx_project: str) -> None:
    src = write_source(tmp_path)
    deps = app_builder.upload_resources(
        str(src), project=dx_project, worker_resources_subpath="home/dnanexus"
    )
    assert "home/dnanexus/opt/data.txt" in _bundle_members(deps[0]["id"]["$dnanexus_link"])
    (src / "resources" / "broken").symlink_to(tmp_path / "nowhere")
    with pytest.raises(AppBuilderException, match="broken"):
        app_builder.upload_resources(str(src), project=dx_project)


def test_upload_applet_inlines_code_and_handles_collisions(tmp_path: Path, dx_project: str) -> None:
    src = write_source(tmp_path)
    deps = app_builder.upload_resources(str(src), project=dx_project)
    applet_id, body = app_builder.upload_applet(str(src), deps, project=dx_project, override_folder="/apps")
    assert applet_id is not None and body is not None
    assert "file" not in body["runSpec"] and "dxpy.run()" in body["runSpec"]["code"]
    desc = dxpy.DXApplet(applet_id).describe()
    assert desc["name"] == "hello" and desc["folder"] == "/apps" and desc["title"] == "Hello"
    assert desc["runSpec"]["bundledDepends"] == deps
    with pytest.raises(AppBuilderException, match="already exists at /apps/hello"):
        app_builder.upload_applet(str(src), deps, project=dx_project, override_folder="/apps")
    archived, _ = app_builder.upload_applet(
        str(src), deps, project=dx_project, override_folder="/apps", archive=True
    )
    listing = dxpy.api.project_list_folder(dx_project, {"folder": "/.Applet_archive"})
    assert [o["id"] for o in listing["objects"]] == [applet_id]
    replaced, _ = app_builder.upload_applet(
        str(src), deps, project=dx_project, override_folder="/apps", overwrite=True, override_name="hello"
    )
    listing = dxpy.api.project_list_folder(dx_project, {"folder": "/apps"})
    assert [o["id"] for o in listing["objects"]] == [replaced]
    assert archived != replaced


def test_upload_applet_dry_run_and_name_override(tmp_path: Path, dx_project: str) -> None:
    src = write_source(tmp_path, resources=False)
    assert app_builder.upload_applet(str(src), [], project=dx_project, dry_run=True) == (None, None)
    assert dxpy.api.project_list_folder(dx_project, {"folder": "/"})["objects"] == []
    applet_id, _ = app_builder.upload_applet(
        str(src), None, project=dx_project, override_name="renamed", types=["MyType"]
    )
    desc = dxpy.DXApplet(applet_id).describe()
    assert desc["name"] == "renamed" and desc["types"] == ["MyType"]


def test_built_applet_runs(tmp_path: Path, dx_project: str) -> None:
    src = write_source(tmp_path, resources=False)
    applet_id, _ = app_builder.upload_applet(str(src), [], project=dx_project)
    job = dxpy.DXApplet(applet_id).run({"who": "builder", "xs": [1, 2]})
    job.wait_on_done(interval=0.1, timeout=120)
    assert job.describe()["output"] == {"greeting": "hello builder", "total": 4}


def test_create_app_needs_the_app_routes(tmp_path: Path, dx_project: str) -> None:
    src = write_source(tmp_path, resources=False)
    applet_id, _ = app_builder.upload_applet(str(src), [], project=dx_project)
    try:
        app_id = app_builder.create_app(applet_id, "cli_exec_hello", str(src), set_default=True)
    except dxpy.exceptions.ResourceNotFound as exc:
        if "could not be found" in str(exc):
            pytest.skip("this emulator has no /app/new route yet")
        raise
    assert dxpy.api.app_describe(app_id)["version"] == "0.0.1"


#: upstream dxpy 0.417.1's parameters (seen with inspect.signature; a mutable ``{}`` default is ``None``)
UPSTREAM = {
    "build": ["src_dir", "parallel_build=True"],
    "create_app": [
        "applet_id",
        "applet_name",
        "src_dir",
        "publish=False",
        "set_default=False",
        "billTo=None",
        "try_versions=None",
        "try_update=True",
        "confirm=True",
        "regional_options=None",
    ],
    "create_app_multi_region": [
        "regional_options",
        "app_name",
        "src_dir",
        "publish=False",
        "set_default=False",
        "billTo=None",
        "try_versions=None",
        "try_update=True",
        "confirm=True",
        "inherited_metadata=None",
        "brief=False",
    ],
    "fill": ["string", "width_adjustment=0", "**kwargs"],
    "get_destination_project": ["src_dir", "project=None"],
    "get_enabled_regions": ["app_spec", "from_command_line"],
    "is_link_local": ["link_target"],
    "merge": ["d", "u"],
    "upload_applet": [
        "src_dir",
        "uploaded_resources",
        "check_name_collisions=True",
        "overwrite=False",
        "archive=False",
        "project=None",
        "override_folder=None",
        "override_name=None",
        "dry_run=False",
        "brief=False",
        "**kwargs",
    ],
    "upload_resources": [
        "src_dir",
        "project=None",
        "folder='/'",
        "ensure_upload=False",
        "force_symlinks=False",
        "brief=False",
        "resources_dir=None",
        "worker_resources_subpath=''",
    ],
}


@pytest.mark.parametrize("name", sorted(UPSTREAM))
def test_signatures_match_upstream(name: str) -> None:
    func = getattr(app_builder, name)
    assert rendered_params(func) == UPSTREAM[name]
    assert func.__doc__ and ":param" in func.__doc__


def test_module_names() -> None:
    for name in (
        "AppBuilderException",
        "INTERACTIVE_CLI",
        "NUM_CORES",
        "DX_TOOLKIT_PKGS",
        "DX_TOOLKIT_GIT_URLS",
    ):
        assert name in app_builder.__all__ and hasattr(app_builder, name)
    assert issubclass(AppBuilderException, dxpy.exceptions.DXError)


def test_version_candidates() -> None:
    stamp = time.strftime("%Y%m%d", time.gmtime())
    plain, numbered = app_builder.version_candidates("1.0.0")
    assert plain == "1.0.0" and re.fullmatch(rf"1\.0\.0\+build\.{stamp}\.\d{{4}}", numbered)
    assert app_builder.version_candidates("1.0.0+rc", autonumber=True)[1].startswith("1.0.0+rc.build.")
    assert app_builder.version_candidates("1.0.0", autonumber=False) == ["1.0.0"]


def test_create_app_updates_unpublished_versions_in_place(tmp_path: Path, dx_project: str) -> None:
    name = f"ab_upd_{uuid.uuid4().hex[:8]}"
    src = write_source(tmp_path, name=name, resources=False, version="1.0.0")
    applet_id, _ = app_builder.upload_applet(str(src), [], project=dx_project)
    first = app_builder.create_app(str(applet_id), name, str(src))
    newer, _ = app_builder.upload_applet(str(src), [], project=dx_project, override_name="newer")
    assert app_builder.create_app(str(newer), name, str(src)) == first
    assert dxpy.api.app_describe(first)["applet"] == newer
    # try_update=False moves on to the next version to try
    second = app_builder.create_app(
        str(newer), name, str(src), try_update=False, try_versions=["1.0.0", "1.0.1"]
    )
    assert second != first and dxpy.api.app_describe(second)["version"] == "1.0.1"
    with pytest.raises(AppBuilderException, match="Could not create the requested version: 1.0.0"):
        app_builder.create_app(str(newer), name, str(src), try_update=False)


def test_create_app_skips_published_versions(tmp_path: Path, dx_project: str) -> None:
    name = f"ab_pub_{uuid.uuid4().hex[:8]}"
    src = write_source(tmp_path, name=name, resources=False, version="2.0.0")
    applet_id, _ = app_builder.upload_applet(str(src), [], project=dx_project)
    published = app_builder.create_app(str(applet_id), name, str(src), publish=True, set_default=True)
    assert dxpy.api.app_describe(f"app-{name}")["id"] == published
    with pytest.raises(AppBuilderException, match="Could not create any of the versions 2.0.0, 2.0.0 of"):
        app_builder.create_app(str(applet_id), name, str(src), try_versions=["2.0.0", "2.0.0"])
    later = app_builder.create_app(str(applet_id), name, str(src), try_versions=["2.0.0", "2.0.1"])
    desc = dxpy.api.app_describe(later)
    assert desc["version"] == "2.0.1" and desc["published"] == 0 and desc["aliases"] == []


def test_create_app_confirm_asks_on_a_terminal(
    tmp_path: Path, dx_project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"ab_ask_{uuid.uuid4().hex[:8]}"
    src = write_source(tmp_path, name=name, resources=False, version="1.0.0")
    applet_id, _ = app_builder.upload_applet(str(src), [], project=dx_project)
    first = app_builder.create_app(str(applet_id), name, str(src))
    questions: list[str] = []
    monkeypatch.setattr(app_builder, "INTERACTIVE_CLI", True)
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "n")
    other = app_builder.create_app(str(applet_id), name, str(src), try_versions=["1.0.0", "1.0.2"])
    assert other != first and questions == [
        f"App {name}/1.0.0 exists and is not published; update it in place? [Y/n] "
    ]
    assert app_builder.create_app(str(applet_id), name, str(src), confirm=False) == first
    assert len(questions) == 1


def _asset(project: str, version: str = "1.2.0") -> tuple[dxpy.DXRecord, str]:
    """An asset record as ``dx build_asset`` makes one, whose archive holds ``usr/bin/asset-tool``."""
    buf = io.BytesIO()
    script = b'#!/bin/sh\necho "asset says $1"\n'
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo("usr/bin/asset-tool")
        info.size, info.mode = len(script), 0o755
        tar.addfile(info, io.BytesIO(script))
    archive = dxpy.upload_string(buf.getvalue(), project=project, name="tool.tar.gz", wait_on_close=True)
    dxpy.api.project_new_folder(project, {"folder": "/assets", "parents": True})
    record = dxpy.new_dxrecord(project=project, folder="/assets", name="tool", types=["AssetBundle"],
                               details={"archiveFileId": dxpy.dxlink(archive)},
                               properties={"version": version}, close=True)
    return record, archive.get_id()


def test_asset_depends_become_bundles_after_the_resources_and_jobs_use_them(tmp_path: Path,
                                                                            dx_project: str) -> None:
    _record, archive = _asset(dx_project)
    src = tmp_path / "uses-asset"
    (src / "resources" / "opt").mkdir(parents=True)
    (src / "resources" / "opt" / "note.txt").write_text("from resources\n")
    (src / "code.sh").write_text('main() {\n  dx-jobutil-add-output said "$(asset-tool "$who")"\n}\n')
    asset = {"name": "tool", "project": dx_project, "version": "1.2.0", "folder": "/assets"}
    (src / "dxapp.json").write_text(json.dumps({
        "name": "uses-asset", "dxapi": "1.0.0",
        "inputSpec": [{"name": "who", "class": "string"}],
        "outputSpec": [{"name": "said", "class": "string"}],
        "runSpec": {"interpreter": "bash", "file": "code.sh", "assetDepends": [asset]},
    }))
    resources = app_builder.upload_resources(str(src), project=dx_project)
    applet_id, _ = app_builder.upload_applet(str(src), resources, project=dx_project)
    run_spec = dxpy.DXApplet(applet_id).describe()["runSpec"]
    assert run_spec["assetDepends"] == [asset]
    asset_entry = {"name": "tool.tar.gz", "id": {"$dnanexus_link": archive}}
    assert run_spec["bundledDepends"] == resources + [asset_entry]
    job = dxpy.DXApplet(applet_id).run({"who": "hi"})
    job.wait_on_done(interval=0.1, timeout=120)
    assert job.describe()["output"] == {"said": "asset says hi"}


def test_asset_depends_by_id_keeps_stages_and_bad_elements_are_named(dx_project: str) -> None:
    record, archive = _asset(dx_project)
    assert app_builder.asset_bundle({"id": record.get_id(), "stages": ["main"]}) == {
        "name": "tool.tar.gz", "id": {"$dnanexus_link": archive}, "stages": ["main"]}
    bare = dxpy.new_dxrecord(project=dx_project, name="not-an-asset", close=True)
    cases = [
        ({"id": archive}, "is not a record ID"),
        ({"name": "tool", "project": dx_project, "version": "9.9.9"}, "No asset bundle was found"),
        ({"name": "tool", "project": dx_project}, "needs either 'id' or 'name', 'project' and 'version'"),
        ("tool", "needs either"),
        ({"id": bare.get_id()}, "has no details.archiveFileId"),
    ]
    for dep, words in cases:
        with pytest.raises(AppBuilderException, match=re.escape(words)):
            app_builder.asset_bundle(dep)
