"""A process forked after transfers in its parent can transfer too: the shared transfer
thread pool and the connection pools are reset in the child (os.register_at_fork).

Each child is bounded by a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from pathlib import Path

import _filehelp
import pytest

import dxpy
from dxpy.bindings import _transfer as transfer
from tests._support.forkwork import download_md5

small_project = _filehelp.small_project
CHILD_TIMEOUT = 120.0
DATA = os.urandom(8 * _filehelp.PART + 17)  # several parts: the download uses the thread pool


@pytest.fixture
def remote_file(small_project: str, tmp_path: Path) -> str:
    src = tmp_path / "src.bin"
    src.write_bytes(DATA)
    handler = dxpy.upload_local_file(str(src), project=small_project, wait_on_close=True)
    # a download in the parent: the pool has threads and the connection pools hold sockets
    assert download_md5(handler.get_id(), small_project, str(tmp_path / "parent.bin")) == _md5()
    assert transfer._pool is not None
    return handler.get_id()


def _md5() -> str:
    return hashlib.md5(DATA).hexdigest()


def test_os_fork_child_downloads(remote_file: str, small_project: str, tmp_path: Path) -> None:
    dest = tmp_path / "child.bin"
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        status = 1
        try:
            status = 0 if download_md5(remote_file, small_project, str(dest)) == _md5() else 3
        finally:
            os._exit(status)
    deadline = time.monotonic() + CHILD_TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the forked child's download hung")
        time.sleep(0.05)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    assert dest.read_bytes() == DATA


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing_child_downloads(method: str, remote_file: str, small_project: str,
                                         tmp_path: Path) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    ctx = dxpy._context.get_context() if hasattr(dxpy, "_context") else None
    args: tuple = (remote_file, small_project, str(tmp_path / f"{method}.bin"))
    if method == "spawn":  # a fresh interpreter: give it the server and token explicitly
        server = ctx.server if ctx is not None else None
        token = dxpy.SECURITY_CONTEXT["auth_token"]
        args += ((server.protocol, server.host, server.port), token)
    with multiprocessing.get_context(method).Pool(1) as pool:
        result = pool.apply_async(download_md5, args)
        assert result.get(timeout=CHILD_TIMEOUT) == _md5()
