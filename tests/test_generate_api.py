"""Tests for ``tools/generate_api.py``: naming, validation, determinism, drift detection."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "generate_api.py"
TABLE = ROOT / "tools" / "api_routes" / "wrapper_table.json"
API_PY = ROOT / "dxpy" / "api.py"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_generate_api_under_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def _write_table(path: Path, entries: list[Any]) -> Path:
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def _entry(route: str, sig: str, **options: Any) -> list[Any]:
    opts = {"objectMethod": "objectId" in sig, "retryable": True, "wikiLink": None}
    opts.update(options)
    return [route, sig, opts]


@pytest.mark.parametrize(
    ("camel", "snake"),
    [
        ("fileUpload", "file_upload"),
        ("systemFindDataObjects", "system_find_data_objects"),
        ("globalWorkflowAddAuthorizedUsers", "global_workflow_add_authorized_users"),
        ("systemShortenURL", "system_shorten_url"),
        ("dbclusterNew", "dbcluster_new"),
        ("jobGetIdentityToken", "job_get_identity_token"),
        ("recordNew", "record_new"),
    ],
)
def test_python_name(camel: str, snake: str) -> None:
    assert gen.python_name(camel) == snake


def test_committed_module_matches_table_in_process() -> None:
    routes, digest = gen.load_table(TABLE)
    assert len(routes) == 208
    text = gen.render_module(routes, "tools/api_routes/wrapper_table.json", digest)
    assert API_PY.read_text(encoding="utf-8") == text


def test_regenerate_into_tmpdir_gives_identical_file(tmp_path: Path) -> None:
    out = tmp_path / "api.py"
    proc = _run("--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "208 routes" in proc.stdout
    assert out.read_bytes() == API_PY.read_bytes()


def test_check_mode_passes_on_the_repository() -> None:
    proc = _run("--check")
    assert proc.returncode == 0, proc.stderr
    assert "up to date" in proc.stdout


def test_check_mode_detects_a_hand_edit(tmp_path: Path) -> None:
    edited = tmp_path / "api.py"
    text = API_PY.read_text(encoding="utf-8")
    edited.write_text(text.replace('"addTags"', '"addTag"', 1), encoding="utf-8")
    proc = _run("--check", "--output", str(edited))
    assert proc.returncode == 1
    assert "python tools/generate_api.py" in proc.stderr
    assert '"addTag"' in proc.stderr  # the diff shows the offending line


def test_check_mode_detects_a_table_change(tmp_path: Path) -> None:
    entries = json.loads(TABLE.read_text(encoding="utf-8"))
    entries.append(_entry("/system/comeBackLater", "systemComeBackLater(req)"))
    table = _write_table(tmp_path / "table.json", entries)
    proc = _run("--check", "--table", str(table))
    assert proc.returncode == 1
    assert "system_come_back_later" in proc.stderr


def test_check_mode_on_missing_output(tmp_path: Path) -> None:
    proc = _run("--check", "--output", str(tmp_path / "nothing.py"))
    assert proc.returncode == 1


def test_stdout_output_equals_file() -> None:
    proc = _run("--output", "-")
    assert proc.returncode == 0
    assert proc.stdout == API_PY.read_text(encoding="utf-8")


def test_whitespace_and_key_order_do_not_change_the_output(tmp_path: Path) -> None:
    entries = json.loads(TABLE.read_text(encoding="utf-8"))
    compact = tmp_path / "wrapper_table.json"
    compact.write_text(json.dumps(entries, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    routes_a, digest_a = gen.load_table(TABLE)
    routes_b, digest_b = gen.load_table(compact)
    assert digest_a == digest_b
    assert gen.render_module(routes_a, "t", digest_a) == gen.render_module(routes_b, "t", digest_b)


def test_write_only_when_changed(tmp_path: Path) -> None:
    out = tmp_path / "api.py"
    assert _run("--output", str(out)).returncode == 0
    proc = _run("--output", str(out))
    assert "unchanged" in proc.stdout
    assert not [p for p in tmp_path.iterdir() if p.name != "api.py"]  # no temp files left behind


def test_header_says_generated_and_how_to_regenerate() -> None:
    head = API_PY.read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith("# GENERATED FILE -- do not edit")
    assert any("python tools/generate_api.py" in line for line in head)


def test_small_table_generates_valid_python(tmp_path: Path) -> None:
    table = _write_table(tmp_path / "t.json", [
        _entry("/thing-xxxx/doIt", "thingDoIt(req, objectId)", retryable=False),
        _entry("/thing/new", "thingNew(req)", retryable=False, acceptNonce=True, wikiLink="https://x.test/a"),
        _entry("/app-xxxx/run", "appRun(req, objectId)", retryable=False, acceptNonce=True),
    ])
    routes, digest = gen.load_table(table)
    text = gen.render_module(routes, "t.json", digest)
    tree = ast.parse(text)
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
    assert list(funcs) == ["thing_do_it", "thing_new", "app_run"]
    assert [a.arg for a in funcs["thing_do_it"].args.args] == ["object_id", "input_params", "always_retry"]
    app_args = [a.arg for a in funcs["app_run"].args.args]
    assert app_args == ["app_name_or_id", "alias", "input_params", "always_retry"]
    assert "https://x.test/a" in (ast.get_docstring(funcs["thing_new"]) or "")
    src_new = ast.get_source_segment(text, funcs["thing_new"]) or ""
    assert "Nonce.update_nonce(input_params)" in src_new and "always_retry: bool = True" in src_new
    src_do = ast.get_source_segment(text, funcs["thing_do_it"]) or ""
    assert "always_retry: bool = False" in src_do and "Nonce" not in src_do


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (["/a/b", "aB(req)"], "expected \\[route, signature, options\\]"),
        (["a/b", "aB(req)", {"objectMethod": False, "retryable": True}], "route must look like"),
        (["/a/b", "aB(request)", {"objectMethod": False, "retryable": True}], "signature must look like"),
        (["/a/b", "aB(req)", []], "options must be a JSON object"),
        (["/a/b", "aB(req)", {"objectMethod": False, "retryable": "yes"}], "retryable must be true or false"),
        (["/a/b", "aB(req)", {"objectMethod": False, "retryable": True, "acceptNonce": 1}], "acceptNonce"),
        (["/a/b", "aB(req)", {"objectMethod": False, "retryable": True, "extra": 1}], "unknown option"),
        (["/a/b", "aB(req)", {"objectMethod": True, "retryable": True}], "objectMethod disagrees"),
        (["/a-xxxx/b", "aB(req)", {"objectMethod": True, "retryable": True}], "objectMethod disagrees"),
        (["/a/b", "aB(req)", {"objectMethod": False, "retryable": True, "wikiLink": "ftp://x"}], "wikiLink"),
    ],
)
def test_malformed_entries_are_rejected(tmp_path: Path, entry: list[Any], message: str) -> None:
    table = _write_table(tmp_path / "bad.json", [_entry("/ok/fine", "okFine(req)"), entry])
    with pytest.raises(gen.TableError, match=message) as info:
        gen.load_table(table)
    assert "entry 1" in str(info.value)


def test_duplicate_function_names_are_rejected(tmp_path: Path) -> None:
    table = _write_table(tmp_path / "dup.json", [
        _entry("/a/bC", "aBC(req)"),
        _entry("/a/bc", "aBC(req)"),
    ])
    with pytest.raises(gen.TableError, match="both map to a_bc"):
        gen.load_table(table)


def test_bad_table_exits_2_without_writing(tmp_path: Path) -> None:
    table = tmp_path / "broken.json"
    table.write_text("[not json", encoding="utf-8")
    out = tmp_path / "api.py"
    proc = _run("--table", str(table), "--output", str(out))
    assert proc.returncode == 2
    assert "not valid JSON" in proc.stderr
    assert not out.exists()
    empty = _write_table(tmp_path / "empty.json", [])
    assert _run("--table", str(empty), "--output", str(out)).returncode == 2


def test_empty_wiki_link_counts_as_none(tmp_path: Path) -> None:
    table = _write_table(tmp_path / "t.json", [_entry("/a/b", "aB(req)", wikiLink="")])
    (route,), _ = gen.load_table(table)
    assert route.wiki_link is None
    assert "no page" in gen.render_function(route)
