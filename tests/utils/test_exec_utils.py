"""dxpy.utils.exec_utils: entry points, run() outside and inside a job, encoders, dependency shell code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dxpy
from dxpy.exceptions import AppError, DXError
from dxpy.utils import exec_utils
from dxpy.utils.exec_utils import DXExecDependencyError, DXExecDependencyInstaller, DXJSONEncoder


@pytest.fixture
def job_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DX_TEST_FUNCTION", raising=False)
    monkeypatch.setattr(exec_utils, "ENTRY_POINT_TABLE", {})
    return tmp_path


def test_entry_point_registers_and_keeps_function_callable(job_dir: Path) -> None:
    @dxpy.entry_point("main")
    def main(x: int) -> dict:
        return {"y": x + 1}

    assert exec_utils.ENTRY_POINT_TABLE["main"](x=1) == {"y": 2}
    assert main(x=2) == {"y": 3}
    assert main.__name__ == "main"


def test_run_outside_job_reads_job_input_and_test_function(
    job_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (job_dir / "job_input.json").write_text(json.dumps({"a": 2, "b": 3}))
    monkeypatch.setenv("DX_TEST_FUNCTION", "mult")

    @dxpy.entry_point("mult")
    def mult(a: int, b: int) -> dict:
        return {"product": a * b, "rec": dxpy.DXRecord("record-" + "x" * 24)}

    before = exec_utils.RUN_COUNT
    result = dxpy.run()
    assert exec_utils.RUN_COUNT == before + 1
    assert result["product"] == 6
    written = json.loads((job_dir / "job_output.json").read_text())
    assert written == {"product": 6, "rec": {"$dnanexus_link": "record-" + "x" * 24}}


def test_run_arguments_override_outside_job(job_dir: Path) -> None:
    @dxpy.entry_point("main")
    def main(v: str) -> None:
        return None

    assert exec_utils.run("main", {"v": "x"}) is None
    assert not (job_dir / "job_output.json").exists()  # None output writes nothing, as upstream


def test_run_unknown_entry_point_is_named(job_dir: Path) -> None:
    with pytest.raises(DXError, match="'nosuch'"):
        exec_utils.run("nosuch", {})


def test_outside_job_errors_reraise_without_job_error_file(job_dir: Path) -> None:
    @dxpy.entry_point("main")
    def main() -> None:
        raise AppError("bad input")

    with pytest.raises(AppError):
        exec_utils.run("main", {})
    assert not (job_dir / "job_error.json").exists()


def test_convert_handlers_to_dxlinks_in_place() -> None:
    rec = dxpy.DXRecord("record-" + "a" * 24)
    value = {"one": rec, "many": [rec, 3, {"deep": rec}], "plain": "s"}
    out = exec_utils.convert_handlers_to_dxlinks(value)
    link = {"$dnanexus_link": "record-" + "a" * 24}
    assert out is value
    assert value == {"one": link, "many": [link, 3, {"deep": link}], "plain": "s"}
    assert exec_utils.convert_handlers_to_dxlinks(rec) == link


def test_json_encoder_links_handlers_and_refuses_others() -> None:
    rec = dxpy.DXRecord("record-" + "b" * 24)
    assert json.loads(json.dumps([rec], cls=DXJSONEncoder)) == [{"$dnanexus_link": "record-" + "b" * 24}]
    with pytest.raises(TypeError):
        json.dumps(object(), cls=DXJSONEncoder)


JOB_SCRIPT = textwrap.dedent("""
    import dxpy, logging
    @dxpy.entry_point("main")
    def main(n):
        logging.getLogger("app").warning("got %s", n)
        if n == 0:
            raise dxpy.AppError("n must not be zero")
        if n < 0:
            raise ValueError("negative")
        return {"half": n / 2}
    dxpy.run()
""")


def test_run_inside_job_describes_job_and_writes_output_or_error(tmp_path: Path, test_server) -> None:
    from tests._support.testserver import reply

    script = tmp_path / "code.py"
    script.write_text(JOB_SCRIPT)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DX_")}
    env.update(
        DX_JOB_ID="job-" + "j" * 24,
        DX_APISERVER_HOST=test_server.host,
        DX_APISERVER_PORT=str(test_server.port),
        DX_APISERVER_PROTOCOL="http",
        DX_SECURITY_CONTEXT=json.dumps({"auth_token_type": "Bearer", "auth_token": "tok"}),
        DX_LOG_PRIORITY_SOCKET=str(tmp_path / "nope"),
        HOME=str(tmp_path),
    )
    for n, expected in ((4, None), (0, "AppError"), (-1, "AppInternalError")):
        test_server.queue(reply(200, {"id": "job-" + "j" * 24, "function": "main", "input": {"n": n}}))
        proc = subprocess.run(
            [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        req = test_server.requests[-1]
        assert req.path == "/job-" + "j" * 24 + "/describe"
        if expected is None:
            assert proc.returncode == 0, proc.stderr
            assert json.loads((tmp_path / "job_output.json").read_text()) == {"half": 2.0}
        else:
            assert proc.returncode != 0
            error = json.loads((tmp_path / "job_error.json").read_text())["error"]
            assert error["type"] == expected
            assert error["message"] == ("n must not be zero" if n == 0 else "ValueError: negative")
            (tmp_path / "job_error.json").unlink()


def test_installer_groups_neighbours_skips_stage_and_toolkit() -> None:
    run_spec = {
        "execDepends": [
            {"name": "samtools"},
            {"name": "dx-toolkit"},
            {"name": "tabix", "version": "1.0"},
            {"name": "numpy", "package_manager": "pip", "version": "1.26"},
            {"name": "pysam", "package_manager": "pip"},
            {"name": "onlysub", "stages": ["sub"]},
            {"name": "rake", "package_manager": "gem", "version": "13"},
        ]
    }
    inst = DXExecDependencyInstaller({"runSpec": run_spec}, {"function": "main"})
    assert [(g["type"], [d["name"] for d in g["deps"]]) for g in inst.dep_groups] == [
        ("apt", ["samtools", "tabix"]),
        ("pip", ["numpy", "pysam"]),
        ("gem", ["rake"]),
    ]
    codes = [inst.generate_shellcode(g) for g in inst.dep_groups]
    assert codes[1] == "pip install --upgrade numpy==1.26 pysam"
    assert codes[2] == "gem install rake --version 13"
    assert "apt-get install --yes --no-install-recommends" in codes[0] and "samtools tabix=1.0" in codes[0]


def test_installer_bad_specs_raise() -> None:
    with pytest.raises(DXExecDependencyError, match="runSpec"):
        DXExecDependencyInstaller({}, {})
    with pytest.raises(DXExecDependencyError, match='"name"'):
        DXExecDependencyInstaller({"runSpec": {"execDepends": [{"version": "1"}]}}, {})
    with pytest.raises(DXExecDependencyError, match="url"):
        DXExecDependencyInstaller({"runSpec": {"execDepends": [{"name": "g", "package_manager": "git"}]}}, {})
    with pytest.raises(DXExecDependencyError, match="region"):
        DXExecDependencyInstaller({"runSpec": {"bundledDependsByRegion": {}}}, {})
    inst = DXExecDependencyInstaller(
        {"runSpec": {"execDepends": [{"name": "x", "package_manager": "brew"}]}}, {}
    )
    with pytest.raises(DXExecDependencyError, match="brew"):
        inst.generate_shellcode(inst.dep_groups[0])


def _fake_tools(bin_dir: Path, names: list[str]) -> None:
    bin_dir.mkdir()
    for name in names:
        tool = bin_dir / name
        tool.write_text(f'#!/bin/sh\necho "{name} $*" >> "$CALLS"\n')
        tool.chmod(0o755)


def test_generated_shell_code_runs_the_package_managers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generated commands are executed by a real shell against recording stand-ins of the tools."""
    _fake_tools(tmp_path / "bin", ["apt-get", "pip3", "cpanm", "git", "make"])
    calls = tmp_path / "calls"
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    monkeypatch.setenv("CALLS", str(calls))
    run_spec = {
        "execDepends": [
            {"name": "curl"},
            {"name": "requests", "package_manager": "pip3", "version": "2.0"},
            {"name": "Foo::Bar", "package_manager": "cpan", "version": "1.2"},
            {
                "name": "tool",
                "package_manager": "git",
                "url": "https://example.org/x/tool.git",
                "tag": "v1",
                "destdir": str(tmp_path / "build"),
                "build_commands": "make install",
            },
        ]
    }
    inst = DXExecDependencyInstaller({"runSpec": run_spec}, {"function": "main"})
    for group in inst.dep_groups:
        if group["type"] == "git":
            (tmp_path / "build" / "tool").mkdir(parents=True)
        subprocess.run(["bash", "-e", "-c", inst.generate_shellcode(group)], check=True, cwd=tmp_path)
    lines = calls.read_text().splitlines()
    assert lines[0].startswith("apt-get update -o Dir::Etc::sourcelist=sources.list.d/nucleus.list")
    assert lines[1].startswith("apt-get install --yes --no-install-recommends") and lines[1].endswith(" curl")
    assert "pip3 install --upgrade requests==2.0" in lines
    assert "cpanm --notest Foo::Bar~1.2" in lines
    assert "git clone https://example.org/x/tool.git" in lines and "git checkout v1" in lines
    assert "make install" in lines


def test_install_failure_is_dependency_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "pip").write_text("#!/bin/sh\necho no such package >&2\nexit 1\n")
    (bin_dir / "pip").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    inst = DXExecDependencyInstaller(
        {"runSpec": {"execDepends": [{"name": "zz", "package_manager": "pip"}]}}, {}
    )
    with pytest.raises(DXExecDependencyError, match="pip packages zz"):
        inst.install()
