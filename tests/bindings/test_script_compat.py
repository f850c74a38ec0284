"""An upstream-style script (projects, folders, records, searches) runs unchanged against the emulator.

The script, ``_compat_script.py``, was also checked to pass with upstream dxpy 0.417.1
against this emulator (by hand; upstream is never a test dependency).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("_compat_script.py")


def test_upstream_style_script_runs_unchanged(dx_emulator: Any, dx_project: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DX_", "_DX_"))}
    env.update(dx_emulator.env)
    env.update(DX_PROJECT_CONTEXT_ID=dx_project, DX_USER_CONF_DIR=str(tmp_path / "conf"))
    proc = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == {"ok": True, "user": dx_emulator.user_id}
