"""Fixtures for the ``dx`` tests: ``dx`` runs as a subprocess against the session emulator.

``dx`` (a :class:`DxRunner`) runs commands with a private ``HOME`` and
``DX_USER_CONF_DIR``, the emulator's server and token, and a fresh project selected;
``dx_logged_out`` runs them with no credentials at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Optional

import pytest

from dxpy.emulator import Emulator


@dataclass
class DxResult:
    """What one ``dx`` run produced."""

    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """Decode stdout as JSON."""
        return json.loads(self.stdout)


@dataclass
class DxRunner:
    """Runs ``dx`` (``python -m dxpy.cli``) in a controlled environment."""

    env: dict[str, str]
    home: str
    project_id: Optional[str] = None
    cwd: Optional[str] = None
    extra_env: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str, input: Optional[str] = None, check: bool = True,
            env: Optional[dict[str, str]] = None, timeout: float = 120) -> DxResult:
        """Run ``dx ARGS``; with ``check`` (the default) a non-zero exit fails the test."""
        full_env = dict(self.env)
        full_env.update(self.extra_env)
        if env:
            full_env.update(env)
        proc = subprocess.run(
            [sys.executable, "-m", "dxpy.cli", *args], input=input, capture_output=True,
            text=True, env=full_env, cwd=self.cwd or self.home, timeout=timeout,
        )
        result = DxResult(proc.returncode, proc.stdout, proc.stderr)
        if check and proc.returncode != 0:
            raise AssertionError(
                f"dx {' '.join(args)} exited {proc.returncode}\n"
                f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
            )
        return result

    __call__ = run

    def fails(self, *args: str, **kwargs: Any) -> DxResult:
        """Run ``dx ARGS`` expecting a non-zero exit and a one-line error without a traceback."""
        result = self.run(*args, check=False, **kwargs)
        assert result.returncode != 0, f"dx {' '.join(args)} unexpectedly succeeded:\n{result.stdout}"
        assert "Traceback" not in result.stderr, result.stderr
        return result


def _base_env(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DX_") and k != "_DX_DEBUG"}
    conf = os.path.join(home, ".dnanexus_config")
    env.update({"HOME": home, "DX_USER_CONF_DIR": conf})
    env["DX_SYSTEM_ENV_FILE"] = os.path.join(home, "no-system-env")
    return env


@pytest.fixture
def dx(dx_emulator: Emulator, tmp_path: Any) -> Iterator[DxRunner]:
    """``dx`` logged in to the session emulator, with a fresh project selected (``dx.project_id``)."""
    home = tmp_path / "home"
    home.mkdir()
    project_id = dx_emulator.call("project/new", {"name": "cli test project"})["id"]
    env = _base_env(str(home))
    env.update(dx_emulator.env)
    env["DX_PROJECT_CONTEXT_ID"] = project_id
    env.pop("DX_WORKSPACE_ID", None)
    env.pop("DX_JOB_ID", None)
    yield DxRunner(env=env, home=str(home), project_id=project_id)
    with contextlib.suppress(Exception):  # the test may have removed the project itself
        dx_emulator.call(f"{project_id}/destroy", {"terminateJobs": True})


@pytest.fixture
def dx_logged_out(dx_emulator: Emulator, tmp_path: Any) -> DxRunner:
    """``dx`` with no credentials and an empty configuration directory."""
    home = tmp_path / "home"
    home.mkdir()
    return DxRunner(env=_base_env(str(home)), home=str(home))


@pytest.fixture
def dxpy_here(dx: DxRunner, dx_emulator: Emulator) -> Iterator[DxRunner]:
    """The ``dx`` runner, with dxpy in the test process pointed at its project too."""
    restore = dx_emulator.configure_dxpy(project_id=dx.project_id)
    yield dx
    restore()
