"""The job runner: real subprocesses in per-job homes, states, logs, outputs, failures, terminate, restart.

Jobs are inserted with the runner's own ``create_job`` (the executable routes are tested in
test_jobs*.py); the code is bash that writes ``job_output.json`` itself.
"""

from __future__ import annotations

import json
import os
import time

import pytest

from dxpy.emulator import Emulator
from dxpy.emulator._routes.jobs import create_job
from dxpy.emulator._runner import model

WAIT_S = 90


@pytest.fixture
def emu(tmp_path):
    emulator = Emulator(state_dir=str(tmp_path / "state"))
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


def bash(code: str, output_spec=None, timeout_policy=None) -> dict:
    runnable = {
        "id": "applet-" + "x" * 24,
        "name": "t",
        "class": "applet",
        "runSpec": {"interpreter": "bash", "code": code},
    }
    if output_spec is not None:
        runnable["outputSpec"] = output_spec
    if timeout_policy is not None:
        runnable["timeoutPolicy"] = timeout_policy
    return runnable


def launch(emu: Emulator, runnable: dict, job_input=None, **body) -> str:
    store = emu.server.store
    with store.write() as db:
        job_id = create_job(
            db, int(time.time() * 1000), emu.user_id, runnable, body, job_input or {}, emu.project_id
        )
    emu.server.config.extra["scheduler"].wake()
    return job_id


def wait_state(emu: Emulator, job_id: str, states, timeout: float = WAIT_S) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        desc = emu.call(f"{job_id}/describe")
        if desc["state"] in states:
            return desc
        assert time.monotonic() < deadline, f"{job_id} stuck in {desc['state']}"
        time.sleep(0.05)


def test_bash_job_runs_to_done_with_its_output_and_state_history(emu):
    job = launch(emu, bash("echo '{\"answer\": 42}' > job_output.json"))
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"] == {"answer": 42}
    states = [t["newState"] for t in desc["stateTransitions"]]
    assert states == ["runnable", "running", "done"]
    assert desc["startedRunning"] <= desc["stoppedRunning"]


def test_job_environment_home_and_input(emu):
    code = (
        'python3 - <<"EOF"\n'
        "import json, os\n"
        "keys = ['DX_JOB_ID', 'DX_WORKSPACE_ID', 'DX_PROJECT_CONTEXT_ID', 'DX_APISERVER_HOST',\n"
        "        'DX_APISERVER_PORT', 'DX_APISERVER_PROTOCOL',\n"
        "        'DX_LOG_PRIORITY_SOCKET', 'DX_LOG_BULK_SOCKET']\n"
        "out = {k: os.environ.get(k) for k in keys}\n"
        "out['home_is_cwd'] = os.environ['HOME'] == os.getcwd()\n"
        "out['input'] = json.load(open('job_input.json'))\n"
        "out['token_type'] = json.loads(os.environ['DX_SECURITY_CONTEXT'])['auth_token_type']\n"
        "out['resources'] = os.environ.get('DX_RESOURCES_ID')\n"
        "json.dump({'env': out}, open('job_output.json', 'w'))\n"
        "EOF\n"
    )
    job = launch(emu, bash(code), {"x": 1})
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    env = desc["output"]["env"]
    assert env["DX_JOB_ID"] == job
    assert env["DX_WORKSPACE_ID"] == desc["workspace"] and env["DX_WORKSPACE_ID"].startswith("container-")
    assert env["DX_PROJECT_CONTEXT_ID"] == emu.project_id
    assert (env["DX_APISERVER_HOST"], int(env["DX_APISERVER_PORT"])) == (emu.host, emu.port)
    assert env["DX_APISERVER_PROTOCOL"] == "http"
    assert env["home_is_cwd"] and env["input"] == {"x": 1} and env["token_type"] == "Bearer"
    assert env["resources"] is None
    assert env["DX_LOG_PRIORITY_SOCKET"] != env["DX_LOG_BULK_SOCKET"]


def test_job_token_calls_the_api_and_is_revoked_afterwards(emu):
    code = (
        'python3 - <<"EOF"\n'
        "import json, os, urllib.request\n"
        "tok = json.loads(os.environ['DX_SECURITY_CONTEXT'])['auth_token']\n"
        "env = os.environ\n"
        "url = 'http://%s:%s/system/whoami' % (env['DX_APISERVER_HOST'], env['DX_APISERVER_PORT'])\n"
        "req = urllib.request.Request(url, data=b'{}', headers={'Authorization': 'Bearer ' + tok,\n"
        "                             'Content-Type': 'application/json'})\n"
        "who = json.load(urllib.request.urlopen(req))\n"
        "json.dump({'who': who['id'], 'token': tok}, open('job_output.json', 'w'))\n"
        "EOF\n"
    )
    job = launch(emu, bash(code))
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"]["who"] == emu.user_id
    from dxpy.emulator import EmulatorCallError

    with pytest.raises(EmulatorCallError) as err:
        emu.call("system/whoami", {}, token=desc["output"]["token"])
    assert err.value.error_type == "InvalidAuthentication"


def test_stdout_stderr_and_log_socket_messages_reach_getlog(emu):
    code = (
        "echo hello-out\necho hello-err >&2\n"
        'python3 -c "import json,os,socket,time; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); '
        "s.sendto(json.dumps({'source':'DX_APP','timestamp':int(time.time()*1000),'level':4,"
        "'msg':'via-socket'}).encode(), os.environ['DX_LOG_PRIORITY_SOCKET'])\"\n"
        "echo '{}' > job_output.json\n"
    )
    job = launch(emu, bash(code))
    assert wait_state(emu, job, {"done", "failed"})["state"] == "done"
    logs = emu.call(f"{job}/getLog")["logs"]
    by_msg = {entry["msg"]: entry for entry in logs}
    assert by_msg["hello-out"]["level"] == "STDOUT"
    assert by_msg["hello-err"]["level"] == "STDERR"
    assert by_msg["via-socket"]["level"] == "WARNING" and by_msg["via-socket"]["source"] == "DX_APP"
    later = emu.call(f"{job}/getLog", {"afterSeq": logs[0]["seq"]})["logs"]
    assert [e["seq"] for e in later] == [e["seq"] for e in logs[1:]]


def test_app_error_from_job_error_json(emu):
    code = 'echo \'{"error": {"type": "AppError", "message": "bad input file"}}\' > job_error.json\nexit 1\n'
    desc = wait_state(emu, launch(emu, bash(code)), {"done", "failed"})
    assert (desc["state"], desc["failureReason"], desc["failureMessage"]) == (
        "failed",
        "AppError",
        "bad input file",
    )


def test_crash_without_job_error_is_app_internal_error_with_exit_code(emu):
    desc = wait_state(emu, launch(emu, bash("exit 3")), {"done", "failed"})
    assert desc["state"] == "failed" and desc["failureReason"] == "AppInternalError"
    assert "exit code 3" in desc["failureMessage"]


def test_output_not_matching_output_spec_fails(emu):
    spec = [{"name": "n", "class": "int"}]
    desc = wait_state(
        emu, launch(emu, bash('echo \'{"n": "x"}\' > job_output.json', spec)), {"done", "failed"}
    )
    assert desc["state"] == "failed" and "'n'" in desc["failureMessage"]


def test_terminate_kills_the_whole_process_tree(emu, tmp_path):
    marker = tmp_path / "child.pid"
    code = f"sleep 300 &\necho $! > {marker}\nwait\n"
    job = launch(emu, bash(code))
    wait_state(emu, job, {"running"})
    deadline = time.monotonic() + WAIT_S
    while not (marker.exists() and marker.read_text().strip()):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child = int(marker.read_text())
    emu.call(f"{job}/terminate")
    desc = wait_state(emu, job, {"terminated", "failed", "done"})
    assert desc["state"] == "terminated"
    deadline = time.monotonic() + WAIT_S
    while _alive(child):
        assert time.monotonic() < deadline, "the job's background child survived terminate"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_timeout_policy_is_enforced(emu):
    runnable = bash("sleep 300", timeout_policy={"main": {"minutes": 0}})
    runnable["timeoutPolicy"] = {"*": {"minutes": 1}}
    job = launch(emu, runnable)
    with emu.server.store.write() as db:  # a 1-minute policy is too long for a test: shorten the stored limit
        db.execute("UPDATE executions SET timeout_ms=300 WHERE id=?", (job,))
    desc = wait_state(emu, job, {"failed", "done"})
    assert desc["failureReason"] == "JobTimeoutExceeded"


def test_bounded_pool_runs_at_most_max_jobs(emu, tmp_path):
    scheduler = emu.server.config.extra["scheduler"]
    scheduler.max_jobs = 2
    gate = tmp_path / "go"
    code = f"while [ ! -e {gate} ]; do sleep 0.05; done\necho '{{}}' > job_output.json\n"
    jobs = [launch(emu, bash(code)) for _ in range(4)]
    deadline = time.monotonic() + WAIT_S
    while sum(emu.call(f"{j}/describe")["state"] == "running" for j in jobs) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    states = [emu.call(f"{j}/describe")["state"] for j in jobs]
    assert states.count("running") == 2 and states.count("runnable") == 2
    gate.write_text("")
    for j in jobs:
        assert wait_state(emu, j, {"done", "failed"})["state"] == "done"


def test_restart_marks_running_jobs_failed(tmp_path):
    state = str(tmp_path / "state")
    emu = Emulator(state_dir=state).start()
    try:
        job = launch(emu, bash("sleep 300"))
        wait_state(emu, job, {"running"})
    finally:
        emu.stop()
    emu = Emulator(state_dir=state).start()
    try:
        desc = emu.call(f"{job}/describe")
        assert desc["state"] == "failed" and desc["failureReason"] == "UnresponsiveWorker"
        assert "restart" in desc["failureMessage"]
    finally:
        emu.stop()


def test_state_machine_refuses_invalid_transitions(emu):
    job = launch(emu, bash("echo '{}' > job_output.json"))
    wait_state(emu, job, {"done"})
    with emu.server.store.write() as db, pytest.raises(model.InvalidTransition):
        model.set_state(db, job, "running", 0)


def test_job_new_needs_a_job_token(emu):
    from dxpy.emulator import EmulatorCallError

    with pytest.raises(EmulatorCallError) as err:
        emu.call("job/new", {"function": "f", "input": {}})
    assert err.value.error_type == "PermissionDenied"


def test_describe_io_false_drops_inputs(emu):
    job = launch(emu, bash("echo '{}' > job_output.json"), {"a": 1})
    desc = emu.call(f"{job}/describe", {"io": False})
    assert "input" not in desc and "runInput" not in desc and desc["id"] == job
    assert json.dumps(emu.call(f"{job}/describe")["input"]) == '{"a": 1}'
    assert os.path.isdir(emu.state_dir)


def test_logs_cli_prints_and_follows_a_job(emu, capsys):
    from dxpy.emulator.__main__ import main

    gate = os.path.join(emu.state_dir, "gate")
    job = launch(emu, bash(f"echo first\nwhile [ ! -e {gate} ]; do sleep 0.05; done\necho second\nexit 1\n"))
    logs: list = []
    deadline = time.monotonic() + WAIT_S
    while not logs:
        assert time.monotonic() < deadline
        logs = emu.call(f"{job}/getLog")["logs"]
        time.sleep(0.05)
    assert main(["logs", "--state-dir", emu.state_dir, job]) == 0
    assert "first" in capsys.readouterr().out
    open(gate, "w").close()
    assert main(["logs", "--state-dir", emu.state_dir, "-f", job]) == 3  # follows until the job fails
    printed = capsys.readouterr().out
    assert f"{job} STDOUT first" in printed and f"{job} STDOUT second" in printed
    assert main(["logs", "--state-dir", emu.state_dir, "job-" + "0" * 24]) == 1


def test_emulator_killed_with_sigkill_restarts_with_the_job_failed_and_its_processes_gone(tmp_path):
    import signal
    import subprocess
    import sys

    from dxpy.emulator._data.store import Store
    from dxpy.emulator._protocol.server import DB_NAME

    state = str(tmp_path / "state")
    env_file = str(tmp_path / "env")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dxpy.emulator",
            "serve",
            "--port",
            "0",
            "--state-dir",
            state,
            "--env-file",
            env_file,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + WAIT_S
        while not os.path.exists(env_file):
            assert server.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        store = Store(os.path.join(state, DB_NAME))
        try:
            with store.write() as db:
                user = store.get_meta(db, "default_user")
                project = store.get_meta(db, "default_project")
                job = create_job(db, int(time.time() * 1000), user, bash("sleep 300"), {}, {}, project)
            pid = None
            while pid is None:  # the server's scheduler polls the store and starts it
                assert time.monotonic() < deadline
                with store.read() as db:
                    pid = model.get(db, job)["pid"]
                time.sleep(0.05)
        finally:
            store.close()
        server.send_signal(signal.SIGKILL)
        server.wait()
        assert _alive(pid)  # the orphan outlives the killed emulator ...
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    emu = Emulator(state_dir=state).start()
    try:
        desc = emu.call(f"{job}/describe")
        assert desc["state"] == "failed" and desc["failureReason"] == "UnresponsiveWorker"
        deadline = time.monotonic() + WAIT_S
        while _alive(pid):  # ... until the restarted emulator kills it
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        emu.stop()
