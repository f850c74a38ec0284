"""Run upstream dxpy (the PyPI package, installed in a separate virtualenv) against an emulator.

Upstream is never a dependency: :func:`upstream_python` returns None when it is absent and
the tests that need it skip. Point ``DXPY_UPSTREAM_PYTHON`` at another interpreter (or at
nothing, to skip) to change where it is looked for.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Optional

DEFAULT_PYTHON = "/work/upstream-venv/bin/python"


def upstream_python() -> Optional[str]:
    """The interpreter that has upstream dxpy installed, if any.

    :returns: ``$DXPY_UPSTREAM_PYTHON`` (default :data:`DEFAULT_PYTHON`) when it is an
        executable file whose ``dxpy`` distribution is installed, else None.
    """
    path = os.environ.get("DXPY_UPSTREAM_PYTHON", DEFAULT_PYTHON)
    if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
        return None
    probe = subprocess.run([path, "-c", "import importlib.metadata as m, dxpy; print(m.version('dxpy'))"],
                           capture_output=True, text=True, timeout=60, cwd="/", env=_clean_env())
    return path if probe.returncode == 0 and probe.stdout.strip() else None


def upstream_version(python: str) -> str:
    """The version of the dxpy distribution an interpreter has.

    :param python: the interpreter.
    :returns: the version string (e.g. ``"0.417.1"``).
    """
    probe = subprocess.run([python, "-c", "import importlib.metadata as m; print(m.version('dxpy'))"],
                           capture_output=True, text=True, timeout=60, cwd="/", env=_clean_env())
    return probe.stdout.strip()


def _clean_env() -> dict[str, str]:
    # nothing of ours may leak in: no DX_* settings, no PYTHONPATH that would import our dxpy
    dropped = ("PYTHONPATH", "PYTHONHOME")
    return {k: v for k, v in os.environ.items() if not k.startswith("DX_") and k not in dropped}


def upstream_env(python: str, emulator: Any, workdir: Path) -> dict[str, str]:
    """The environment of an upstream process configured for *emulator*.

    Inherited ``DX_*`` settings and ``PYTHONPATH`` are dropped; the emulator's
    ``DX_APISERVER_*``, ``DX_SECURITY_CONTEXT`` and ``DX_PROJECT_CONTEXT_ID`` are set, with a fresh
    ``DX_USER_CONF_DIR`` and ``HOME`` under *workdir*, and upstream's scripts (``dx``...) first on
    ``PATH``.

    :param python: the upstream interpreter (:func:`upstream_python`).
    :param emulator: a running :class:`~dxpy.emulator.Emulator`.
    :param workdir: a directory for the configuration and home directories.
    :returns: the environment.
    """
    for sub in ("conf", "home"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    env = _clean_env()
    env.update(emulator.env)
    env.update(DX_USER_CONF_DIR=str(workdir / "conf"), HOME=str(workdir / "home"),
               PATH=os.path.dirname(python) + os.pathsep + env.get("PATH", "/usr/bin:/bin"))
    return env


def run_upstream_script(python: str, emulator: Any, script: str, workdir: Path, args: tuple[str, ...] = (),
                        timeout: float = 300) -> subprocess.CompletedProcess:
    """Run *script* with upstream's interpreter, configured for *emulator* (:func:`upstream_env`).

    :param python: the upstream interpreter (:func:`upstream_python`).
    :param emulator: a running :class:`~dxpy.emulator.Emulator`.
    :param script: the Python source to run (written to *workdir*, which is also the working directory).
    :param workdir: an empty directory to work in.
    :param args: command-line arguments for the script.
    :param timeout: seconds before the script is killed.
    :returns: the completed process (text stdout/stderr).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "upstream_script.py"
    path.write_text(script, encoding="utf-8")
    return subprocess.run([python, str(path), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=str(workdir), env=upstream_env(python, emulator, workdir))


def run_upstream_dx(python: str, emulator: Any, workdir: Path, *args: str,
                    timeout: float = 300) -> subprocess.CompletedProcess:
    """Run upstream's ``dx`` command (next to its interpreter) against *emulator*.

    :param python: the upstream interpreter (:func:`upstream_python`).
    :param emulator: a running :class:`~dxpy.emulator.Emulator`.
    :param workdir: the working directory (also holds the configuration and home directories).
    :param args: the ``dx`` arguments.
    :param timeout: seconds before the command is killed.
    :returns: the completed process (text stdout/stderr).
    """
    dx = os.path.join(os.path.dirname(python), "dx")
    return subprocess.run([dx, *args], capture_output=True, text=True, timeout=timeout, cwd=str(workdir),
                          env=upstream_env(python, emulator, workdir), stdin=subprocess.DEVNULL)


def last_json_line(stdout: str) -> Any:
    """The JSON document on the last non-empty line of a script's output.

    :param stdout: the output.
    :returns: the parsed document.
    :raises ValueError: when the output has no such line.
    """
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        raise ValueError("the script printed nothing")
    return json.loads(lines[-1])
