"""The session emulator must not keep a file descriptor per finished HTTP connection.

Every ``dx_project`` fixture opens fresh connections (``Emulator.call``). Before commit
d130017 the emulator kept one SQLite connection (two descriptors) per finished server
thread, so a long run under a low descriptor limit failed in whichever emulator-backed
test came next (``unable to open database file``). This guards the bindings suite
against that failure mode returning; it fails on the pre-fix emulator (240 descriptors
left for 120 connections).
"""

from __future__ import annotations

import os
import threading
from typing import Any

import pytest


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors through /proc")
def test_finished_connections_leave_no_descriptors_behind(dx_emulator: Any) -> None:
    threads_before = set(threading.enumerate())
    fds_before = len(os.listdir("/proc/self/fd"))
    for i in range(60):  # 120 fresh HTTP connections, each served by its own thread
        project = dx_emulator.call("project/new", {"name": f"fd hygiene {i}"})["id"]
        dx_emulator.call(f"{project}/destroy", {})
    for thread in set(threading.enumerate()) - threads_before:
        thread.join(timeout=10)  # the connections are closed: their server threads end
    grown = len(os.listdir("/proc/self/fd")) - fds_before
    assert grown < 20, f"{grown} more open descriptors after 120 finished connections"
