"""The emulator's state at rest: owner-only modes, no token in clear, one server per state
directory (issue: hardening, items 9 and 10)."""

from __future__ import annotations

import logging
import os
import shlex
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import dxpy
from dxpy.emulator import Emulator, StateDirectoryInUse

PY = sys.executable


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A permissive umask, as many shells have: the emulator must not rely on the caller's."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_state_is_readable_by_its_owner_only(tmp_path, loose_umask):
    state = tmp_path / "state"
    with Emulator(state_dir=str(state)) as emu:
        with emu.configure_dxpy():
            dxpy.upload_string("secret bytes", project=emu.project_id, name="f", wait_on_close=True)
        files = [p for p in state.rglob("*") if p.is_file()]
        dirs = [state] + [p for p in state.rglob("*") if p.is_dir()]
        assert any(p.name == "emulator.sqlite3" for p in files)
        assert any("parts" in p.parts for p in files), "a blob was written"
        assert {str(p.relative_to(tmp_path)): oct(_mode(p)) for p in dirs if _mode(p) != 0o700} == {}
        assert {str(p.relative_to(tmp_path)): oct(_mode(p)) for p in files if _mode(p) & 0o077} == {}


def test_an_existing_state_directory_is_made_private(tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    state.chmod(0o755)
    with Emulator(state_dir=str(state)):
        assert _mode(state) == 0o700


def test_the_default_token_is_stored_only_as_a_digest_and_survives_restarts(tmp_path):
    state = tmp_path / "state"
    with Emulator(state_dir=str(state)) as emu:
        token = emu.token
        assert emu.call("system/whoami")["id"] == emu.user_id
    stored = b"".join(p.read_bytes() for p in state.rglob("*") if p.is_file())
    assert token.encode() not in stored
    with Emulator(state_dir=str(state)) as again:
        assert again.token == token
        assert again.call("system/whoami")["id"] == again.user_id


def test_binding_beyond_loopback_warns(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="dxpy.emulator"), \
            Emulator(state_dir=str(tmp_path / "a"), host="0.0.0.0"):
        pass
    assert "other machines may reach" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxpy.emulator"), \
            Emulator(state_dir=str(tmp_path / "b"), host="127.0.0.1"):
        pass
    assert "other machines may reach" not in caplog.text


def test_a_second_server_on_a_live_state_directory_is_refused(tmp_path):
    state = str(tmp_path / "state")
    with Emulator(state_dir=state) as first:
        expected = f"{state} is in use by another emulator \\(process {os.getpid()}\\)"
        with pytest.raises(StateDirectoryInUse, match=expected):
            Emulator(state_dir=state).start()
        assert first.call("system/whoami")["id"] == first.user_id  # the first one is untouched
    with Emulator(state_dir=state) as after_stop:  # released on stop
        assert after_stop.call("system/whoami")["id"] == after_stop.user_id


def _serve(state: Path, env_file: Path) -> subprocess.Popen:
    return subprocess.Popen([PY, "-m", "dxpy.emulator", "serve", "--port", "0", "--state-dir", str(state),
                             "--env-file", str(env_file)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _wait_for_exports(proc: subprocess.Popen) -> dict:
    env = {}
    assert proc.stdout is not None
    while "DX_PROJECT_CONTEXT_ID" not in env:
        line = proc.stdout.readline()
        assert line, "serve exited before printing its environment"
        name, _, value = line[len("export "):].strip().partition("=")
        env[name] = shlex.split(value)[0]
    return env


def test_cli_refuses_a_second_serve_and_a_lock_left_by_kill_9_does_not_block(tmp_path):
    state = tmp_path / "state"
    first = _serve(state, tmp_path / "one.env")
    try:
        _wait_for_exports(first)
        second = subprocess.run(
            [PY, "-m", "dxpy.emulator", "serve", "--port", "0", "--state-dir", str(state)],
            capture_output=True, text=True, timeout=120)
        assert second.returncode == 1
        assert f"state directory {state} is in use by another emulator (process {first.pid})" in second.stderr
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert (state / "server.lock").exists()  # left behind by kill -9 ...
    third = _serve(state, tmp_path / "three.env")
    try:
        assert "DX_SECURITY_CONTEXT" in _wait_for_exports(third)  # ... and it does not block
    finally:
        third.terminate()
        third.wait(timeout=60)
