"""``dx login``, ``logout``, ``whoami``, ``env``, ``select``, ``pwd``, ``cd`` and the saved session."""

from __future__ import annotations

import itertools
import json
import os
import stat
import subprocess
import sys

import pytest

UPSTREAM_PYTHON = "/work/upstream-venv/bin/python"
_users = itertools.count()


@pytest.fixture
def fresh_user(dx_emulator):
    """A new emulator user owning exactly one project: ``(handle, user_id, token, project_id)``."""
    handle = f"clisession{os.getpid()}x{next(_users)}"
    user_id, token = dx_emulator.new_user(handle)
    project = dx_emulator.call("project/new", {"name": "only project"}, token=token)["id"]
    return handle, user_id, token, project


def _login_args(dx_emulator, token, *extra):
    return ("login", "--token", token, "--host", dx_emulator.host, "--port", str(dx_emulator.port),
            "--protocol", "http", *extra)


def _read(*parts):
    with open(os.path.join(*parts)) as handle:
        return handle.read()


def _conf(runner):
    return os.path.join(runner.home, ".dnanexus_config")


def test_login_saves_a_private_session_that_dxpy_reads(dx_logged_out, dx_emulator, fresh_user):
    handle, user_id, token, project = fresh_user
    result = dx_logged_out(*_login_args(dx_emulator, token))
    assert f"Logged in as {handle}" in result.stdout
    assert "Selected project only project" in result.stdout  # the only project is chosen
    conf = _conf(dx_logged_out)
    path = os.path.join(conf, "environment.json")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(conf).st_mode) == 0o700
    saved = json.loads(_read(path))
    assert saved["DX_PROJECT_CONTEXT_ID"] == project
    assert saved["DX_PROJECT_CONTEXT_NAME"] == "only project"
    assert saved["DX_APISERVER_PORT"] == str(dx_emulator.port)
    assert json.loads(saved["DX_SECURITY_CONTEXT"])["auth_token"] == token
    assert saved["DX_USERNAME"] == handle and saved["DX_CLI_WD"] == "/"
    # the plain files upstream's loader prefers over environment.json agree
    assert _read(os.path.join(conf, "DX_PROJECT_CONTEXT_NAME")) == "only project"
    assert stat.S_IMODE(os.stat(os.path.join(conf, "DX_CLI_WD")).st_mode) == 0o600
    code = "import dxpy; print(dxpy.PROJECT_CONTEXT_ID, dxpy.WORKSPACE_ID, dxpy.api.system_whoami()['id'])"
    out = subprocess.run([sys.executable, "-c", code], env=dx_logged_out.env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == [project, project, user_id]
    assert dx_logged_out("pwd").stdout == "only project:/\n"


@pytest.mark.skipif(not os.path.exists(UPSTREAM_PYTHON), reason="upstream dxpy is not installed here")
def test_upstream_dxpy_reads_our_saved_session(dx_logged_out, dx_emulator, fresh_user):
    _, user_id, token, project = fresh_user
    dx_logged_out(*_login_args(dx_emulator, token))
    code = ("import dxpy; print(dxpy.PROJECT_CONTEXT_ID, dxpy.config['DX_PROJECT_CONTEXT_NAME'], "
            "dxpy.api.system_whoami()['id'])")
    proc = subprocess.run([UPSTREAM_PYTHON, "-c", code], env=dx_logged_out.env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[0] == f"{project} only project {user_id}"
    dx_logged_out("mkdir", "/seen")
    dx_logged_out("cd", "/seen")
    upstream_dx = os.path.join(os.path.dirname(UPSTREAM_PYTHON), "dx")
    proc = subprocess.run([upstream_dx, "pwd"], env=dx_logged_out.env, capture_output=True, text=True,
                          timeout=120)
    assert (proc.returncode, proc.stdout) == (0, "only project:/seen\n"), proc.stderr


def test_whoami_env_and_logout(dx_logged_out, dx_emulator, fresh_user):
    handle, user_id, token, project = fresh_user
    dx = dx_logged_out
    dx(*_login_args(dx_emulator, token, "--noprojects"))
    assert dx("whoami").stdout == handle + "\n"
    assert dx("whoami", "--id").stdout == user_id + "\n"
    shown = dx("env").stdout
    assert token not in shown
    assert f"API server port\t\t{dx_emulator.port}\n" in shown and "Current user\t\t" + handle in shown
    assert "Current workspace\tNone" in shown  # --noprojects selects nothing
    bash = dx("env", "--bash").stdout
    assert token in bash and f"export DX_APISERVER_PORT={dx_emulator.port}\n" in bash
    exported = subprocess.run(["bash", "-c", bash + 'printf %s "$DX_SECURITY_CONTEXT"'],
                              capture_output=True, text=True, check=True).stdout
    assert json.loads(exported)["auth_token"] == token
    assert "Logged out" in dx("logout").stdout
    saved = json.loads(_read(_conf(dx), "environment.json"))
    assert "DX_SECURITY_CONTEXT" not in saved and saved["DX_APISERVER_PORT"] == str(dx_emulator.port)
    result = dx.fails("whoami")
    assert result.returncode == 3 and len(result.stderr.strip().splitlines()) == 1


def test_login_failures_are_one_line_and_save_nothing(dx_logged_out, dx_emulator):
    result = dx_logged_out.fails(*_login_args(dx_emulator, "not-a-token"))
    assert result.stderr.strip() == f"dx login: the token was refused by http://{dx_emulator.host}:{dx_emulator.port}"
    assert not os.path.exists(os.path.join(_conf(dx_logged_out), "environment.json"))
    result = dx_logged_out.fails("login", "--host", dx_emulator.host, input="")
    assert "--token" in result.stderr
    assert dx_logged_out.fails("login", "--port", "80", "--token", "x").returncode == 2


def test_select_by_name_and_id_and_pwd(dx, dx_emulator, tmp_path):
    other = dx_emulator.call("project/new", {"name": f"select target {tmp_path.name}"})["id"]
    dx.env.pop("DX_PROJECT_CONTEXT_ID")  # the session file, not the environment, decides
    name = f"select target {tmp_path.name}"
    assert dx("select", name).stdout == f"Selected project {name}\n"
    assert dx("pwd").stdout == f"select target {tmp_path.name}:/\n"
    assert dx("select", dx.project_id).stdout == f"Selected project {dx.project_id}\n"
    assert dx("pwd").stdout == "cli test project:/\n"
    saved = json.loads(_read(os.path.join(dx.env["DX_USER_CONF_DIR"], "environment.json")))
    assert saved["DX_PROJECT_CONTEXT_ID"] == dx.project_id
    assert "Could not find a project named" in dx.fails("select", "no such project here").stderr
    assert dx.fails("select", input="").returncode == 3  # no terminal to choose from
    dx_emulator.call(f"{other}/destroy", {})


def test_select_checks_the_permission_level(dx, dx_emulator):
    _, bob_token = dx_emulator.new_user(f"viewer{os.getpid()}x{next(_users)}")
    bob_user = dx_emulator.call("system/whoami", token=bob_token)["id"]
    dx_emulator.call(f"{dx.project_id}/invite", {"invitee": bob_user, "level": "VIEW"})
    env = {"DX_SECURITY_CONTEXT": json.dumps({"auth_token": bob_token, "auth_token_type": "Bearer"})}
    result = dx.fails("select", dx.project_id, env=env)
    assert "CONTRIBUTE is required" in result.stderr
    assert dx("select", "--level", "VIEW", dx.project_id, env=env).returncode == 0


def test_cd_changes_folder_and_project(dx, dx_emulator):
    dx.env.pop("DX_PROJECT_CONTEXT_ID")
    dx("select", dx.project_id)
    dx("mkdir", "-p", "/reads/raw")
    dx("cd", "reads/raw")
    assert dx("pwd").stdout == "cli test project:/reads/raw\n"
    dx("cd", "..")
    assert dx("pwd").stdout == "cli test project:/reads\n"
    result = dx.fails("cd", "/nowhere")
    assert result.stderr == "dx cd: /nowhere: no such folder in cli test project\n"
    assert dx("pwd").stdout == "cli test project:/reads\n"
    other = dx_emulator.call("project/new", {"name": "cd target"})["id"]
    dx_emulator.call(f"{other}/newFolder", {"folder": "/inbox"})
    dx("cd", f"{other}:/inbox")
    assert dx("pwd").stdout == "cd target:/inbox\n"
    dx("cd")
    assert dx("pwd").stdout == "cd target:/\n"
    dx_emulator.call(f"{other}/destroy", {})


def test_pwd_without_a_project_fails(dx_logged_out):
    result = dx_logged_out.fails("pwd")
    assert (result.returncode, result.stderr) == (3, "Current project is not set\n")
    assert dx_logged_out.fails("ls").stderr.startswith('Could not resolve ".": No current project')


def test_a_broken_configuration_file_fails_loudly_until_login_replaces_it(dx_logged_out, dx_emulator,
                                                                          fresh_user):
    conf = _conf(dx_logged_out)
    os.makedirs(conf)
    with open(os.path.join(conf, "environment.json"), "w") as handle:
        handle.write("{not json")
    result = dx_logged_out.fails("ls")
    assert result.returncode == 3
    assert "environment.json could not be used (not valid JSON" in result.stderr.splitlines()[-1]
    dx_logged_out(*_login_args(dx_emulator, fresh_user[2]))
    assert dx_logged_out("pwd").stdout == "only project:/\n"


def test_dx_user_conf_dir_is_honoured(dx_logged_out, dx_emulator, fresh_user, tmp_path):
    elsewhere = str(tmp_path / "elsewhere")
    dx_logged_out.env["DX_USER_CONF_DIR"] = elsewhere
    dx_logged_out(*_login_args(dx_emulator, fresh_user[2]))
    assert os.path.exists(os.path.join(elsewhere, "environment.json"))
    assert not os.path.exists(_conf(dx_logged_out))


def test_upstream_session_directory_of_the_shell_is_refreshed(dx_logged_out, dx_emulator, fresh_user):
    # upstream's dx keeps sessions/<shell pid>/ and prefers it; our dx is run from this process
    session = os.path.join(_conf(dx_logged_out), "sessions", str(os.getpid()))
    os.makedirs(session)
    dx_logged_out(*_login_args(dx_emulator, fresh_user[2]))
    saved = json.loads(_read(os.path.join(session, "environment.json")))
    assert saved["DX_PROJECT_CONTEXT_ID"] == fresh_user[3]
    assert _read(os.path.join(session, "DX_PROJECT_CONTEXT_NAME")) == "only project"


def _run_on_a_terminal(runner, args, dialogue):
    """Run ``dx ARGS`` on a pseudo-terminal; for each ``(prompt, answer)`` of ``dialogue``, type the
    answer once the prompt appeared (input typed earlier may be flushed). Return status and output."""
    import pty
    import select as select_module

    leader, follower = pty.openpty()
    # a new session has no controlling terminal, so getpass reads the pty (stdin) too
    proc = subprocess.Popen([sys.executable, "-m", "dxpy.cli", *args], stdin=follower, stdout=follower,
                            stderr=follower, env=runner.env, cwd=runner.home, start_new_session=True)
    os.close(follower)
    output, pending = b"", list(dialogue)
    try:
        while True:
            if pending and pending[0][0].encode() in output[-200:]:
                os.write(leader, pending.pop(0)[1].encode())
                output += b"<typed>"
            ready, _, _ = select_module.select([leader], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)
    return proc.returncode, output.decode().replace("\r\n", "\n")


def test_select_on_a_terminal_offers_a_numbered_list(dx_logged_out, dx_emulator, fresh_user):
    _, _, token, project = fresh_user
    second = dx_emulator.call("project/new", {"name": "another project"}, token=token)["id"]
    dx_logged_out(*_login_args(dx_emulator, token, "--noprojects"))
    status, output = _run_on_a_terminal(dx_logged_out, ["select"], [("Pick a project", "7\n"),
                                                                      ("numbers shown.", "1\n")])
    assert status == 0, output
    assert f"0) another project (ADMINISTER, {second})" in output
    assert f"1) only project (ADMINISTER, {project})" in output
    assert "Please answer with one of the numbers shown." in output
    assert "Selected project only project" in output
    assert dx_logged_out("pwd").stdout == "only project:/\n"


def test_saving_a_value_an_exported_variable_hides_says_so(dx, dx_emulator):
    other = dx_emulator.call("project/new", {"name": "hidden by env"})["id"]
    result = dx("select", other)
    assert result.stderr == ("dx: note: the environment variable DX_PROJECT_CONTEXT_ID of this shell "
                             "overrides the saved session; unset it to use what was saved\n")
    assert dx("pwd").stdout == "cli test project:/\n"  # the exported project still wins
    dx_emulator.call(f"{other}/destroy", {})


def test_clearenv_forgets_the_saved_session(dx_logged_out, dx_emulator, fresh_user):
    dx_logged_out(*_login_args(dx_emulator, fresh_user[2]))
    dx_logged_out("clearenv")
    conf = _conf(dx_logged_out)
    assert [name for name in os.listdir(conf) if not name.startswith(".")] == []
    assert dx_logged_out.fails("pwd").stderr == "Current project is not set\n"
    dx_logged_out("clearenv", "--reset")
    assert json.loads(_read(conf, "environment.json")) == {} and _read(conf, "DX_CLI_WD") == ""


def test_login_asks_for_the_token_on_a_terminal(dx_logged_out, dx_emulator, fresh_user):
    handle, _, token, _ = fresh_user
    args = ["login", "--host", dx_emulator.host, "--port", str(dx_emulator.port), "--protocol", "http",
            "--noprojects"]
    status, output = _run_on_a_terminal(dx_logged_out, args, [("API token: ", token + "\n")])
    assert status == 0, output
    assert "API token: " in output and f"Logged in as {handle}" in output
    assert dx_logged_out("whoami").stdout == handle + "\n"


def test_another_user_logging_in_does_not_inherit_the_project(dx_logged_out, dx_emulator, fresh_user):
    dx_logged_out(*_login_args(dx_emulator, fresh_user[2]))
    _, other_token = dx_emulator.new_user(f"second{os.getpid()}x{next(_users)}")
    for name in ("p one", "p two"):
        dx_emulator.call("project/new", {"name": name}, token=other_token)
    result = dx_logged_out(*_login_args(dx_emulator, other_token))
    assert "You can CONTRIBUTE to 2 projects; choose one with dx select." in result.stdout
    assert dx_logged_out.fails("pwd").stderr == "Current project is not set\n"
