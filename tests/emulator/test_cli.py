"""Emulator core: the command line (serve / exec / token)."""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys

import pytest

from dxpy.emulator import Emulator
from dxpy.emulator.__main__ import exec_environment, export_lines, main, write_atomically

PY = sys.executable


def emulator_cmd(*args: str) -> list:
    return [PY, "-m", "dxpy.emulator", *args]


def read_exports(proc: subprocess.Popen) -> tuple[str, dict]:
    text, env = "", {}
    assert proc.stdout is not None
    while "DX_PROJECT_CONTEXT_ID" not in env:
        line = proc.stdout.readline()
        assert line, "serve exited before printing its environment"
        text += line
        assert line.startswith("export ")
        name, _, value = line[len("export "):].strip().partition("=")
        env[name] = shlex.split(value)[0]
    return text, env


# -- helpers ----------------------------------------------------------------------------


def test_export_lines_round_trip_through_a_shell(tmp_path):
    env = {"DX_SECURITY_CONTEXT": json.dumps({"auth_token_type": "Bearer", "auth_token": "a'b\"c $x"}),
           "DX_APISERVER_PORT": "1234"}
    path = tmp_path / "env.sh"
    write_atomically(str(path), export_lines(env))
    out = subprocess.run(["sh", "-c", f". {shlex.quote(str(path))}; printf %s \"$DX_SECURITY_CONTEXT\""],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["auth_token"] == "a'b\"c $x"
    assert [p.name for p in tmp_path.iterdir()] == ["env.sh"]


def test_exec_environment_scrubs_inherited_dx_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("DX_JOB_ID", "job-" + "a" * 24)
    monkeypatch.setenv("DX_WORKSPACE_ID", "container-" + "a" * 24)
    monkeypatch.setenv("KEEP_ME", "1")
    env = exec_environment({"DX_APISERVER_PORT": "9"}, str(tmp_path))
    assert "DX_JOB_ID" not in env and "DX_WORKSPACE_ID" not in env
    assert env["KEEP_ME"] == "1" and env["DX_APISERVER_PORT"] == "9"
    assert env["DX_USER_CONF_DIR"] == str(tmp_path)


# -- serve ------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_env_writes_env_file_and_stops_cleanly(tmp_path, sig):
    env_file = tmp_path / "dx.env"
    proc = subprocess.Popen(emulator_cmd("serve", "--port", "0", "--state-dir", str(tmp_path / "s"),
                                         "--env-file", str(env_file)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        text, env = read_exports(proc)
        assert env_file.read_text() == text
        assert env["DX_APISERVER_PROTOCOL"] == "http" and env["DX_APISERVER_HOST"] == "127.0.0.1"
        assert int(env["DX_APISERVER_PORT"]) > 0
        token = json.loads(env["DX_SECURITY_CONTEXT"])["auth_token"]
        child_env = dict(os.environ, **env)
        out = subprocess.run([PY, "-c", "import dxpy; print(dxpy.api.system_whoami()['id'])"],
                             env=child_env, capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "user-emulator", out.stderr
        assert proc.stderr is not None
        assert token not in proc.stderr.readline()  # the "serving at" banner never shows the token
    finally:
        proc.send_signal(sig)
        code = proc.wait(timeout=20)
    assert code == 0


def test_serve_reports_busy_port(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        out = subprocess.run(emulator_cmd("serve", "--port", str(port)), capture_output=True, text=True,
                             timeout=60)
    assert out.returncode == 1
    assert "cannot listen" in out.stderr and out.stdout == ""


def test_serve_rejects_bad_fault_spec():
    out = subprocess.run(emulator_cmd("serve", "--port", "0", "--faults", "nope:/x"), capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2 and "--faults" in out.stderr and "unknown kind" in out.stderr
    assert "Traceback" not in out.stderr


def test_help_lists_subcommands():
    out = subprocess.run(emulator_cmd("--help"), capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    for word in ("serve", "exec", "token"):
        assert word in out.stdout


# -- exec -------------------------------------------------------------------------------

CHILD = """
import json, os, sys
import dxpy
print(json.dumps({
    "whoami": dxpy.api.system_whoami()["id"],
    "project": dxpy.PROJECT_CONTEXT_ID,
    "job": os.environ.get("DX_JOB_ID"),
    "conf": os.listdir(os.environ["DX_USER_CONF_DIR"]),
}))
sys.exit(int(sys.argv[1]))
"""


def test_exec_runs_command_with_env_and_returns_its_status(monkeypatch):
    monkeypatch.setenv("DX_JOB_ID", "job-" + "b" * 24)
    out = subprocess.run(emulator_cmd("exec", "--", PY, "-c", CHILD, "7"), capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 7, out.stderr
    seen = json.loads(out.stdout)
    assert seen["whoami"] == "user-emulator"
    assert seen["project"].startswith("project-")
    assert seen["job"] is None and seen["conf"] == []


def test_exec_with_state_dir_keeps_state_between_runs(tmp_path):
    state = str(tmp_path / "state")
    runs = [subprocess.run(emulator_cmd("exec", "--state-dir", state, "--", PY, "-c", CHILD, "0"),
                           capture_output=True, text=True, timeout=120) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert json.loads(runs[0].stdout)["project"] == json.loads(runs[1].stdout)["project"]
    assert os.path.exists(os.path.join(state, "emulator.sqlite3"))


def test_exec_without_command_or_with_missing_program(tmp_path):
    assert main(["exec"]) == 2
    assert main(["exec", "--"]) == 2
    assert main(["exec", "--", str(tmp_path / "no-such-program")]) == 127


def test_exec_reports_signal_death_as_128_plus_n():
    code = main(["exec", "--", PY, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"])
    assert code == 128 + signal.SIGTERM


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAIN_JOB = "python -m dxpy.emulator exec -- python examples/quickstart.py"


def test_readme_main_job_command_runs_the_quickstart():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as fh:
        assert MAIN_JOB in fh.read()
    args = shlex.split(MAIN_JOB)
    args = [PY if a == "python" else a for a in args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DX_")}
    out = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    assert "Done." in out.stdout and "Traceback" not in out.stderr


FAULT_CHILD = """
import http.client, json, os
token = json.loads(os.environ["DX_SECURITY_CONTEXT"])["auth_token"]
statuses = []
for _ in range(2):
    conn = http.client.HTTPConnection(os.environ["DX_APISERVER_HOST"], int(os.environ["DX_APISERVER_PORT"]))
    conn.request("POST", "/system/whoami", "{}", {"Authorization": "Bearer " + token})
    resp = conn.getresponse()
    statuses.append([resp.status, resp.getheader("Retry-After")])
    resp.read()
    conn.close()
print(json.dumps(statuses))
"""


def test_exec_faults_flag_arms_faults_for_the_command():
    out = subprocess.run(emulator_cmd("exec", "--faults", "503:/system/whoami:1:retry=7", "--", PY, "-c",
                                      FAULT_CHILD), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [[503, "7"], [200, None]]


# -- token ------------------------------------------------------------------------------


def test_token_creates_a_usable_user(tmp_path, capsys):
    state = str(tmp_path / "state")
    Emulator(state_dir=state).start().stop()
    assert main(["token", "--state-dir", state, "--user", "bob", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["id"] == "user-bob"
    assert main(["token", "--state-dir", state, "--user", "carol"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# user-carol" and lines[1].startswith("export DX_SECURITY_CONTEXT=")
    carol_token = json.loads(shlex.split(lines[1].partition("=")[2])[0])["auth_token"]
    with Emulator(state_dir=state) as emu:
        assert emu.call("system/whoami", token=created["token"]) == {"id": "user-bob"}
        assert emu.call("system/whoami", token=carol_token) == {"id": "user-carol"}
        assert main(["token", "--state-dir", state, "--user", "dan", "--json"]) == 0  # while serving
        dan = json.loads(capsys.readouterr().out)
        assert emu.call("system/whoami", token=dan["token"]) == {"id": "user-dan"}


def test_token_errors(tmp_path, capsys):
    assert main(["token", "--state-dir", str(tmp_path), "--user", "bob"]) == 1
    assert "no emulator state" in capsys.readouterr().err
    state = str(tmp_path / "s")
    Emulator(state_dir=state).start().stop()
    assert main(["token", "--state-dir", state, "--user", "emulator"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["token", "--state-dir", state, "--user", "Bad Name"]) == 1
