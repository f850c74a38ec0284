"""``import dxpy`` in a fresh interpreter: works with no or broken configuration, imports little."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = str(Path(__file__).resolve().parent.parent)
TOKEN = "SEKRIT-import-token-0123456789abcdef"
SEC_TEXT = json.dumps({"auth_token_type": "Bearer", "auth_token": TOKEN})

SHOW = (
    "import json, dxpy; print(json.dumps({'apiserver': dxpy.APISERVER, 'sec': dxpy.SECURITY_CONTEXT, "
    "'job': dxpy.JOB_ID, 'ws': dxpy.WORKSPACE_ID, 'proj': dxpy.PROJECT_CONTEXT_ID, 'debug': dxpy._DEBUG}))"
)
WITH_LOGGING = "import logging; logging.basicConfig(level=logging.WARNING); "


def run_python(code: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """Run *code* in a new interpreter with exactly *env* (plus PYTHONPATH for the checkout)."""
    full_env = dict(env, PYTHONPATH=REPO)
    return subprocess.run(
        [sys.executable, "-c", code], env=full_env, cwd=str(cwd), capture_output=True, text=True, timeout=60
    )


def show(env: dict, cwd: Path, logging_on: bool = True) -> tuple[dict, str]:
    proc = run_python((WITH_LOGGING if logging_on else "") + SHOW, env, cwd)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc.stderr


def test_import_with_empty_environment(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    proc = run_python(SHOW, {"HOME": str(home), "DX_SYSTEM_ENV_FILE": ""}, tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout) == {"apiserver": "https://api.dnanexus.com", "sec": None, "job": None,
                                       "ws": None, "proj": None, "debug": 0}
    assert not (home / ".dnanexus_config").exists()  # importing never writes


def test_import_with_no_home_at_all(tmp_path):
    proc = run_python("import dxpy; print(dxpy.APISERVER_HOST)", {"DX_SYSTEM_ENV_FILE": ""}, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "api.dnanexus.com"


def test_import_is_light(dx_conf_env, tmp_path):
    code = (
        "import sys, threading, dxpy\n"
        "heavy = ['urllib3', 'requests', 'ssl', 'http.client', 'dxpy.emulator', 'dxpy._http', 'dxpy._auth',\n"
        "         'dxpy._transport', 'dxpy.api', 'dxpy.bindings', 'certifi', 'charset_normalizer', 'idna',\n"
        "         'platform', 'shlex', 'tempfile', 'email', 'socket', 'concurrent.futures']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "print(threading.active_count())\n"
    )
    # .pth files of the interpreter may preload some of these (e.g. certifi); only what dxpy itself
    # brings in counts, so compare with the same interpreter not importing dxpy.
    proc = run_python(code, dx_conf_env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    baseline = run_python(code.replace(", dxpy\n", "\n"), dx_conf_env, tmp_path)
    loaded, threads = proc.stdout.splitlines()
    assert loaded == baseline.stdout.splitlines()[0]
    assert "urllib3" not in loaded and "requests" not in loaded and "'ssl'" not in loaded
    assert "dxpy" not in loaded
    assert threads == "1"


def test_full_precedence_end_to_end(dx_conf_env, tmp_path):
    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    (conf / "environment.json").write_text(json.dumps({
        "DX_APISERVER_HOST": "json.example", "DX_APISERVER_PORT": "2222"}))
    (conf / "environment").write_text(
        "export DX_APISERVER_HOST=shell.example\nexport DX_APISERVER_PORT=3333\n"
        f"export DX_SECURITY_CONTEXT={shlex.quote(SEC_TEXT)}\nexport DX_APISERVER_PROTOCOL=http\n")
    Path(dx_conf_env["DX_SYSTEM_ENV_FILE"]).write_text(
        "export DX_APISERVER_PROTOCOL=https\nexport DX_PROJECT_CONTEXT_ID=project-opt\n")
    env = dict(dx_conf_env, DX_APISERVER_HOST="env.example", DX_APISERVER_PORT="4444", _DX_DEBUG="1")
    values, stderr = show(env, tmp_path)
    # the server comes whole from the environment (the protocol is not taken from a file);
    # the token and the project, which the environment does not set, from the files
    assert values == {"apiserver": "https://env.example:4444", "sec": json.loads(SEC_TEXT), "job": None,
                      "ws": "project-opt", "proj": "project-opt", "debug": 1}
    assert stderr == ""


def test_job_mode_from_environment(dx_conf_env, tmp_path):
    env = dict(dx_conf_env, DX_JOB_ID="job-1", DX_WORKSPACE_ID="container-1",
               DX_PROJECT_CONTEXT_ID="project-1")
    values, _ = show(env, tmp_path)
    assert (values["job"], values["ws"], values["proj"]) == ("job-1", "container-1", "project-1")
    env.pop("DX_JOB_ID")
    values, _ = show(env, tmp_path)
    assert (values["job"], values["ws"], values["proj"]) == (None, "project-1", "project-1")


@pytest.mark.parametrize(
    "extra,expect",
    [
        ({"DX_SECURITY_CONTEXT": '{"auth_token": "' + TOKEN + '",'},
         "environment variable DX_SECURITY_CONTEXT is not usable: not valid JSON"),
        ({"DX_APISERVER_PORT": "eighty"}, "environment variable DX_APISERVER_PORT is not usable"),
        ({"DX_APISERVER_PROTOCOL": "smtp"}, "environment variable DX_APISERVER_PROTOCOL is not usable"),
        ({"_DX_DEBUG": "verbose"}, "_DX_DEBUG"),
    ],
)
def test_malformed_environment_variable_does_not_break_import(dx_conf_env, tmp_path, extra, expect):
    values, stderr = show(dict(dx_conf_env, **extra), tmp_path)
    assert values["apiserver"] == "https://api.dnanexus.com" and values["sec"] is None
    assert "WARNING:dxpy._config:" in stderr and expect in stderr
    assert TOKEN not in stderr


def test_malformed_files_do_not_break_import(dx_conf_env, tmp_path):
    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    (conf / "environment.json").write_text('{"DX_SECURITY_CONTEXT": "{\\"auth_token\\": \\"' + TOKEN + '\\""')
    (conf / "environment").write_text(f"export DX_SECURITY_CONTEXT='{TOKEN}\nexport DX_APISERVER_PORT=x\n")
    Path(dx_conf_env["DX_SYSTEM_ENV_FILE"]).write_bytes(b"\x80\x81 not utf-8")
    values, stderr = show(dx_conf_env, tmp_path)
    assert values["apiserver"] == "https://api.dnanexus.com" and values["sec"] is None
    assert f"{conf / 'environment.json'}: not valid JSON" in stderr
    # the broken JSON file may hold the token and the server: neither comes from a lower file
    assert f"configuration file {conf / 'environment.json'} could not be used" in stderr
    assert f"line 1 of {conf / 'environment'}" in stderr
    assert f"{dx_conf_env['DX_SYSTEM_ENV_FILE']}: cannot read" in stderr
    assert TOKEN not in stderr


def test_conf_dir_that_is_a_file(dx_conf_env, tmp_path):
    Path(dx_conf_env["DX_USER_CONF_DIR"]).write_text("not a directory")
    values, stderr = show(dx_conf_env, tmp_path)
    assert values["apiserver"] == "https://api.dnanexus.com"
    assert "cannot read" in stderr


def test_one_clear_warning_reaches_stderr_without_logging_configured(dx_conf_env, tmp_path):
    values, stderr = show(dict(dx_conf_env, DX_APISERVER_PORT="x"), tmp_path, logging_on=False)
    assert values["apiserver"] == "https://api.dnanexus.com"
    assert stderr.count("\n") == 1, stderr
    assert "environment variable DX_APISERVER_PORT is not usable: port must be a number" in stderr


def test_lazy_config_attribute(dx_conf_env, tmp_path):
    code = (
        "import sys, dxpy\n"
        "print('dxpy.config' in vars(dxpy))\n"
        "dxpy.config['DX_USERNAME'] = 'alice'\n"
        "dxpy.config.save()\n"
        "print('config' in vars(dxpy))\n"
    )
    proc = run_python(code, dx_conf_env, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]
    saved = json.loads((Path(dx_conf_env["DX_USER_CONF_DIR"]) / "environment.json").read_text())
    assert saved == {"DX_USERNAME": "alice"}


def test_upstream_paths_for_config_class_and_retry_response():
    import dxpy
    import dxpy._http
    import dxpy.utils.config

    assert isinstance(dxpy.config, dxpy.utils.config.DXConfig)
    assert dxpy._get_retry_response is dxpy._http.get_retry_response
