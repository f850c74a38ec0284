"""runSpec.bundledDepends: an applet's ``resources/`` is unpacked into its jobs (job root and home)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
import time

import pytest

import dxpy
from dxpy import app_builder
from tests._support.upstream import upstream_env, upstream_python

WAIT_S = 90

BASH_CODE = """\
main() {
    greeting=$(hello-tool "$who")
    data=$(cat "$DX_EMULATOR_JOB_ROOT/opt/data/words.txt")
    home_note=$(cat ~/note.txt)
    job_output=$(printf '{"greeting": "%s", "data": "%s", "home": "%s"}' "$greeting" "$data" "$home_note")
    echo "$job_output" > job_output.json
}
"""

PY_CODE = """\
import os, subprocess
import dxpy

@dxpy.entry_point("main")
def main(who):
    greeting = subprocess.run(["hello-tool", who], check=True, capture_output=True, text=True).stdout.strip()
    with open(os.path.join(os.environ["DX_EMULATOR_JOB_ROOT"], "opt/data/words.txt")) as fh:
        data = fh.read().strip()
    with open(os.path.expanduser("~/note.txt")) as fh:
        home = fh.read().strip()
    return {"greeting": greeting, "data": data, "home": home}
"""

OUTPUT_SPEC = [{"name": n, "class": "string"} for n in ("greeting", "data", "home")]


def _source(tmp_path, interpreter: str) -> str:
    src = tmp_path / f"src-{interpreter}"
    tool = src / "resources" / "usr" / "bin" / "hello-tool"
    tool.parent.mkdir(parents=True)
    tool.write_text('#!/bin/sh\necho "hello, $1"\n')
    tool.chmod(0o755)
    data = src / "resources" / "opt" / "data" / "words.txt"
    data.parent.mkdir(parents=True)
    data.write_text("alpha beta\n")
    note = src / "resources" / "home" / "dnanexus" / "note.txt"
    note.parent.mkdir(parents=True)
    note.write_text("in the home\n")
    code_file = "code.sh" if interpreter == "bash" else "code.py"
    (src / code_file).write_text(BASH_CODE if interpreter == "bash" else PY_CODE)
    spec = {
        "name": f"bundled-{interpreter}",
        "dxapi": "1.0.0",
        "inputSpec": [{"name": "who", "class": "string"}],
        "outputSpec": OUTPUT_SPEC,
        "runSpec": {
            "interpreter": interpreter, "file": code_file, "distribution": "Ubuntu", "release": "20.04",
        },
    }
    (src / "dxapp.json").write_text(json.dumps(spec))
    return str(src)


def _wait(job: dxpy.DXJob, describe=None) -> dict:
    deadline = time.monotonic() + WAIT_S
    while True:
        desc = job.describe() if describe is None else describe()
        if desc["state"] in ("done", "failed", "terminated") or time.monotonic() > deadline:
            return desc
        time.sleep(0.1)


def _jobs_dir(emu) -> str:
    return os.path.join(emu.state_dir, "jobs")


@pytest.mark.parametrize("interpreter", ["bash", "python3"])
def test_resources_reach_path_root_and_home(dx_emulator, dx_project, tmp_path, interpreter):
    src = _source(tmp_path, interpreter)
    resources = app_builder.upload_resources(src, project=dx_project)
    assert resources and resources[0]["name"] == "resources.tar.gz"
    applet_id, _ = app_builder.upload_applet(src, resources, project=dx_project)
    desc = dxpy.DXApplet(applet_id).describe()
    assert desc["runSpec"]["bundledDepends"] == resources
    job = dxpy.DXApplet(applet_id).run({"who": "world"})
    result = _wait(job)
    assert result["state"] == "done", result.get("failureMessage")
    assert result["output"] == {"greeting": "hello, world", "data": "alpha beta", "home": "in the home"}
    # the job root goes away with the job's home (just after the job is recorded done)
    root = os.path.join(_jobs_dir(dx_emulator), job.get_id() + ".root")
    deadline = time.monotonic() + 10
    while os.path.exists(root) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not os.path.exists(root)


LINK_TYPES = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE, "device": tarfile.CHRTYPE}


def _evil_archive(member: str, kind: str = "file", target: str = "") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        ok = tarfile.TarInfo("usr/bin/fine")
        ok.size = 3
        tar.addfile(ok, io.BytesIO(b"ok\n"))
        info = tarfile.TarInfo(member)
        if kind in ("symlink", "hardlink", "device"):
            info.type = LINK_TYPES[kind]
            info.linkname = target
            tar.addfile(info)
        else:
            info.size = 5
            tar.addfile(info, io.BytesIO(b"evil\n"))
        if kind == "symlink":  # then write through the link
            through = tarfile.TarInfo(member + "/planted")
            through.size = 5
            tar.addfile(through, io.BytesIO(b"evil\n"))
    return buf.getvalue()


def _bundled_applet(project: str, payload: bytes) -> dxpy.DXApplet:
    bundle = dxpy.upload_string(payload, project=project, name="evil.tar.gz", hidden=True, wait_on_close=True)
    code = 'main() {\n  echo ran > "$HOME/ran"\n}\n'
    created = dxpy.api.applet_new(
        {
            "project": project,
            "name": "evil",
            "dxapi": "1.0.0",
            "inputSpec": [],
            "outputSpec": [],
            "runSpec": {
                "interpreter": "bash",
                "code": code,
                "bundledDepends": [{"name": "evil.tar.gz", "id": {"$dnanexus_link": bundle.get_id()}}],
            },
        }
    )
    return dxpy.DXApplet(created["id"])


@pytest.mark.parametrize(
    ("member", "kind", "target", "named"),
    [
        ("../../evil", "file", "", "../../evil"),
        ("/tmp/evil-abs", "file", "", "/tmp/evil-abs"),
        ("usr/lib/escape", "symlink", "../../../../..", "usr/lib/escape"),
        ("usr/lib/abs", "symlink", "/tmp", "usr/lib/abs"),
        ("home/dnanexus/../../../x", "file", "", "home/dnanexus/../../../x"),
        ("usr/bin/passwd", "hardlink", "../../../../etc/passwd", "usr/bin/passwd"),
        ("dev/null", "device", "", "dev/null"),
    ],
)
def test_escaping_members_fail_the_job_and_write_nothing_outside(
    dx_emulator, dx_project, tmp_path, member, kind, target, named
):
    jobs = _jobs_dir(dx_emulator)
    os.makedirs(jobs, exist_ok=True)
    before = set(os.listdir(os.path.dirname(jobs)))
    before_jobs = set(os.listdir(jobs))
    applet = _bundled_applet(dx_project, _evil_archive(member, kind, target))
    job = applet.run({})
    desc = _wait(job)
    assert desc["state"] == "failed"
    assert desc["failureReason"] == "AppInternalError"
    assert named in desc["failureMessage"]
    # nothing landed next to the jobs directory, and the job's directories are gone
    assert set(os.listdir(os.path.dirname(jobs))) == before
    assert set(os.listdir(jobs)) <= before_jobs
    assert not os.path.exists("/tmp/evil-abs")
    assert not os.path.exists(os.path.join(os.path.dirname(os.path.dirname(jobs)), "evil"))


def test_a_bundle_the_launching_user_cannot_see_fails_clearly(dx_emulator, dx_project):
    secret = dx_emulator.call("project/new", {"name": "bundle elsewhere"})["id"]
    bundle = dxpy.upload_string(_evil_archive("usr/bin/also-fine"), project=secret, name="b.tar.gz",
                                wait_on_close=True)
    applet = dxpy.api.applet_new({
        "project": dx_project, "name": "uses-secret", "dxapi": "1.0.0", "inputSpec": [], "outputSpec": [],
        "runSpec": {"interpreter": "bash", "code": "main() { hello=1; }\n",
                    "bundledDepends": [{"name": "b.tar.gz", "id": {"$dnanexus_link": bundle.get_id()}}]},
    })["id"]
    other_id, other_token = dx_emulator.new_user("bundle_runner")
    dx_emulator.call(f"{dx_project}/invite", {"invitee": other_id, "level": "CONTRIBUTE"})
    # the owner of the bundle's project can run it; a user who cannot see that project cannot
    assert _wait(dxpy.DXApplet(applet).run({}))["state"] == "done"
    job = dx_emulator.call(f"{applet}/run", {"project": dx_project, "input": {}}, token=other_token)["id"]
    desc = _wait(dxpy.DXJob(job))
    assert desc["state"] == "failed"
    assert desc["failureReason"] == "AppInternalError"
    assert bundle.get_id() in desc["failureMessage"] and "not visible" in desc["failureMessage"]


def test_an_app_carries_its_bundles_to_users_who_cannot_see_the_developer_project(
    dx_emulator, dx_project, tmp_path
):
    src = _source(tmp_path, "bash")
    resources = app_builder.upload_resources(src, project=dx_project)
    applet_id, _ = app_builder.upload_applet(src, resources, project=dx_project)
    name = "bundled_app_" + dx_project[-6:].lower()
    app = dx_emulator.call("app/new", {"applet": applet_id, "name": name, "version": "1.0.0"})["id"]
    res_container = dx_emulator.call(f"{app}/describe")["resources"]
    bundle_id = resources[0]["id"]["$dnanexus_link"]
    listing = {"folder": "/", "includeHidden": True}
    listed = dx_emulator.call(f"{res_container}/listFolder", listing)["objects"]
    assert bundle_id in [o["id"] for o in listed]
    dx_emulator.call(f"{app}/publish", {})
    dx_emulator.call(f"{app}/addAuthorizedUsers", {"authorizedUsers": ["PUBLIC"]})
    _user_id, token = dx_emulator.new_user("app_bundle_user")
    theirs = dx_emulator.call("project/new", {"name": "theirs"}, token=token)["id"]
    job = dx_emulator.call(f"{app}/run", {"project": theirs, "input": {"who": "app"}}, token=token)["id"]
    desc = _wait(dxpy.DXJob(job), lambda: dx_emulator.call(f"{job}/describe", token=token))
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"]["greeting"] == "hello, app"


@pytest.fixture
def upstream():
    python = upstream_python()
    if python is None:
        pytest.skip("upstream dxpy is not installed")
    return python


def test_upstream_dx_build_resources_run_in_the_emulator(dx_emulator, dx_project, tmp_path, upstream):
    src = _source(tmp_path, "bash")
    env = upstream_env(upstream, dx_emulator, tmp_path)
    env["DX_PROJECT_CONTEXT_ID"] = dx_project
    dx = os.path.join(os.path.dirname(upstream), "dx")
    built = subprocess.run(
        [dx, "build", "-f", "--destination", f"{dx_project}:/", src],
        env=env, capture_output=True, text=True, timeout=120, cwd=str(tmp_path),
    )
    assert built.returncode == 0, built.stderr
    applet_id = json.loads(built.stdout)["id"]
    bundled = dxpy.DXApplet(applet_id).describe()["runSpec"]["bundledDepends"]
    assert [b["name"] for b in bundled] == ["resources.tar.gz"]
    job = dxpy.DXApplet(applet_id).run({"who": "upstream"})
    desc = _wait(job)
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"] == {"greeting": "hello, upstream", "data": "alpha beta", "home": "in the home"}


def _asset_archive() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        tool = tarfile.TarInfo("usr/local/bin/asset-tool")
        body = b'#!/bin/sh\necho "asset says $1"\n'
        tool.size, tool.mode = len(body), 0o755
        tar.addfile(tool, io.BytesIO(body))
        link = tarfile.TarInfo("usr/bin/asset-alias")  # a link that stays inside the root
        link.type, link.linkname = tarfile.SYMTYPE, "../local/bin/asset-tool"
        tar.addfile(link)
    return buf.getvalue()


def test_upstream_dx_build_resolves_assets_into_bundles_the_job_unpacks(
    dx_emulator, dx_project, tmp_path, upstream
):
    archive = dxpy.upload_string(_asset_archive(), project=dx_project, name="tool.tar.gz", wait_on_close=True)
    record = dxpy.new_dxrecord(project=dx_project, name="tool", types=["AssetBundle"],
                               details={"archiveFileId": {"$dnanexus_link": archive.get_id()}},
                               properties={"version": "0.0.1"}, close=True)
    src = tmp_path / "asset-src"
    src.mkdir()
    (src / "code.sh").write_text(
        'main() {\n  said=$(asset-alias "$who")\n'
        '  printf \'{"greeting": "%s", "data": "-", "home": "-"}\' "$said" > job_output.json\n}\n'
    )
    spec = {
        "name": "asset-user", "dxapi": "1.0.0", "inputSpec": [{"name": "who", "class": "string"}],
        "outputSpec": OUTPUT_SPEC,
        "runSpec": {"interpreter": "bash", "file": "code.sh", "distribution": "Ubuntu", "release": "20.04",
                    "assetDepends": [{"id": record.get_id()}]},
    }
    (src / "dxapp.json").write_text(json.dumps(spec))
    env = upstream_env(upstream, dx_emulator, tmp_path)
    env["DX_PROJECT_CONTEXT_ID"] = dx_project
    built = subprocess.run(
        [os.path.join(os.path.dirname(upstream), "dx"), "build", "-f", "--destination", f"{dx_project}:/",
         str(src)],
        env=env, capture_output=True, text=True, timeout=120, cwd=str(tmp_path),
    )
    assert built.returncode == 0, built.stderr
    applet = dxpy.DXApplet(json.loads(built.stdout)["id"])
    bundled = applet.describe()["runSpec"]["bundledDepends"]
    assert any(archive.get_id() in json.dumps(b) for b in bundled)
    desc = _wait(applet.run({"who": "hi"}))
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"]["greeting"] == "asset says hi"
