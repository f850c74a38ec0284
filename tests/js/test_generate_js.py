"""``tools/generate_js.py``: the JavaScript client's route flags come from the same route
table as ``dxpy/api.py``, and the committed generated files never drift from their sources."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "generate_js.py"
TABLE = ROOT / "tools" / "api_routes" / "wrapper_table.json"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def _copy_js(tmp_path: Path) -> Path:
    js = tmp_path / "js"
    for sub in ("src", "dist"):
        shutil.copytree(ROOT / "js" / sub, js / sub)
    return js


def test_the_committed_files_are_what_the_sources_give() -> None:
    result = _run("--check")
    assert result.returncode == 0, result.stderr


def test_an_edited_source_is_reported_as_drift(tmp_path: Path) -> None:
    js = _copy_js(tmp_path)
    dx = js / "src" / "dx.js"
    dx.write_text(dx.read_text(encoding="utf-8").replace('VERSION = "', 'VERSION = "9', 1), encoding="utf-8")
    result = _run("--check", "--js-dir", str(js))
    assert result.returncode == 1
    assert "dx-api.js" in result.stderr and "out of date" in result.stderr
    assert _run("--js-dir", str(js)).returncode == 0
    assert _run("--check", "--js-dir", str(js)).returncode == 0


def test_route_flags_follow_the_table(tmp_path: Path) -> None:
    entries = json.loads(TABLE.read_text(encoding="utf-8"))
    js = _copy_js(tmp_path)
    assert _run("--js-dir", str(js)).returncode == 0
    routes_js = (js / "src" / "routes.js").read_text(encoding="utf-8")
    # every route of the table appears, with the bits its flags give
    for entry in entries:
        route, _name, opts = entry[0], entry[1], entry[2]
        bits = (1 if opts.get("retryable") else 0) | (2 if opts.get("acceptNonce") else 0)
        assert f'"{route}": {bits},' in routes_js, route


def test_a_source_line_the_classic_build_cannot_handle_is_refused(tmp_path: Path) -> None:
    js = _copy_js(tmp_path)
    dx = js / "src" / "dx.js"
    dx.write_text(dx.read_text(encoding="utf-8") + "\n  export { Api as Other };\n", encoding="utf-8")
    result = _run("--js-dir", str(js))
    assert result.returncode == 2
    assert "dx.js" in result.stderr
