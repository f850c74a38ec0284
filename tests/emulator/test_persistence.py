"""Emulator core: state survives restarts, and a kill -9 at any moment loses no acknowledged write."""

from __future__ import annotations

import http.client
import json
import os
import random
import shlex
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from dxpy.emulator import Emulator, EmulatorCallError


def test_clean_restart_keeps_users_tokens_project_and_objects(tmp_path):
    state = str(tmp_path / "state")
    with Emulator(state_dir=state) as emu:
        first = (emu.user_id, emu.token, emu.project_id)
        bob, bob_token = emu.new_user("bob")
        body = {"project": emu.project_id, "name": "kept", "details": {"a": [1, 2]}}
        rid = emu.call("record/new", body)["id"]
        emu.call(f"{rid}/close")
        secret = emu.server.config.secret
    assert os.path.isdir(state)
    with Emulator(state_dir=state) as emu:
        assert (emu.user_id, emu.token, emu.project_id) == first
        assert emu.server.config.secret == secret
        assert emu.call("system/whoami", token=bob_token) == {"id": bob}
        fields = {"name": True, "state": True}
        desc = emu.call(f"{rid}/describe", {"project": emu.project_id, "fields": fields})
        assert desc == {"id": rid, "name": "kept", "state": "closed"}
        assert emu.call(f"{rid}/getDetails") == {"a": [1, 2]}


def test_temporary_state_dir_is_removed_and_given_one_is_kept(tmp_path):
    emu = Emulator().start()
    temp_dir = emu.state_dir
    assert os.path.exists(os.path.join(temp_dir, "emulator.sqlite3"))
    emu.stop()
    assert not os.path.exists(temp_dir)
    kept = str(tmp_path / "kept")
    Emulator(state_dir=kept).start().stop()
    assert os.path.exists(os.path.join(kept, "emulator.sqlite3"))


# -- crash safety -----------------------------------------------------------------------


def start_serve(state_dir: str, env_file: str) -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "dxpy.emulator", "serve", "--port", "0", "--state-dir", state_dir,
         "--env-file", env_file],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    env: dict = {}
    assert proc.stdout is not None
    while "DX_PROJECT_CONTEXT_ID" not in env:
        line = proc.stdout.readline()
        if not line:
            proc.kill()
            raise AssertionError("server exited before printing its environment")
        name, _, value = line.strip().removeprefix("export ").partition("=")
        env[name] = shlex.split(value)[0]
    return proc, env


class Client:
    def __init__(self, env: dict) -> None:
        self.conn = http.client.HTTPConnection(env["DX_APISERVER_HOST"], int(env["DX_APISERVER_PORT"]),
                                               timeout=20)
        token = json.loads(env["DX_SECURITY_CONTEXT"])["auth_token"]
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def call(self, path: str, body: dict) -> dict:
        self.conn.request("POST", path, json.dumps(body), self.headers)
        resp = self.conn.getresponse()
        data = json.loads(resp.read())
        if resp.status != 200:
            raise EmulatorCallError(resp.status, data["error"]["type"], data["error"]["message"])
        return data


def writer(env: dict, tag: str, acked: list, lock: threading.Lock) -> None:
    client = Client(env)
    project = env["DX_PROJECT_CONTEXT_ID"]
    n = 0
    try:
        while True:
            name = f"{tag}-{n}"
            out = client.call("/record/new", {"project": project, "name": name, "details": {"n": n},
                                              "nonce": f"{tag}-{n}-nonce"})
            with lock:
                acked.append((out["id"], name, n))
            n += 1
    except (OSError, http.client.HTTPException, ValueError):
        return  # the server was killed


@pytest.mark.slow
def test_kill_minus_nine_loses_no_acknowledged_write(tmp_path):
    state = str(tmp_path / "state")
    env_file = str(tmp_path / "env.sh")
    acked: list = []
    lock = threading.Lock()
    rng = random.Random(4)
    for round_no in range(4):
        proc, env = start_serve(state, env_file)
        try:
            threads = [threading.Thread(target=writer, args=(env, f"r{round_no}w{i}", acked, lock))
                       for i in range(4)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.2, 0.7))  # let writes pile up, then crash at an arbitrary moment
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
            for t in threads:
                t.join(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        with sqlite3.connect(os.path.join(state, "emulator.sqlite3")) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(acked) > 40, "too few writes were acknowledged to make the test meaningful"
    print(f"{len(acked)} acknowledged writes across 4 kill -9 rounds")
    proc, env = start_serve(state, env_file)
    try:
        client = Client(env)
        project = env["DX_PROJECT_CONTEXT_ID"]
        for rid, name, n in acked:
            desc = client.call(f"/{rid}/describe", {"project": project, "fields": {"name": True}})
            assert desc["name"] == name
            assert client.call(f"/{rid}/getDetails", {}) == {"n": n}
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def test_destroyed_default_project_is_recreated_on_restart(tmp_path):
    state = str(tmp_path / "state")
    with Emulator(state_dir=state) as emu:
        old = emu.project_id
        emu.call(f"{old}/destroy")
    with Emulator(state_dir=state) as emu:
        assert emu.project_id and emu.project_id != old
        assert emu.env["DX_PROJECT_CONTEXT_ID"] == emu.project_id
        desc = emu.call(f"{emu.project_id}/describe", {"fields": {"name": True}})
        assert desc["name"] == "Emulator project"
