"""One server per state directory: an exclusive lock on ``<state>/server.lock``.

The lock is an ``flock`` on an open file, so the kernel drops it when the process
ends, however it ends: a lock file left behind by ``kill -9`` never blocks the next
start. The file holds the owner's PID, for the error message only.
"""

from __future__ import annotations

import os
from typing import Optional

LOCK_NAME = "server.lock"


class StateDirectoryInUse(RuntimeError):
    """Another emulator serves this state directory (two would corrupt each other's state).

    :param state_dir: the directory.
    :param pid: the other server's process ID, when known.
    """

    def __init__(self, state_dir: str, pid: Optional[int]) -> None:
        owner = f"process {pid}" if pid else "another process"
        super().__init__(f"the state directory {state_dir} is in use by another emulator ({owner}); "
                         "stop it first, or use another --state-dir")
        self.state_dir = state_dir
        self.pid = pid


class StateLock:
    """The exclusive lock of one state directory (see the module docstring).

    :param state_dir: the directory (it must exist).
    """

    def __init__(self, state_dir: str) -> None:
        self.state_dir = state_dir
        self.path = os.path.join(state_dir, LOCK_NAME)
        self._fd: Optional[int] = None

    def acquire(self) -> None:
        """Take the lock.

        :raises StateDirectoryInUse: when another server (in this or another process) holds it.
        """
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise StateDirectoryInUse(self.state_dir, pid) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Drop the lock (the file stays; it is harmless without a holder)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the flock


def _read_pid(fd: int) -> Optional[int]:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
