"""An upstream-style script (projects, folders, records, searches, paths) runs unchanged against the emulator.

The script, ``_compat_script.py``, is also run by hand with upstream dxpy 0.417.1 against
this emulator (``python -m dxpy.emulator exec -- <upstream python> tests/bindings/_compat_script.py``);
upstream is never a test dependency.
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
    out = json.loads(proc.stdout)
    assert (out["ok"], out["user"]) == (True, dx_emulator.user_id)
    assert out["checks"] == 115, out  # every check in the script ran
