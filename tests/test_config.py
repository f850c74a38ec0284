"""Configuration loading (dxpy._config): sources, precedence, formats, malformed input, DXConfig."""

from __future__ import annotations

import json
import logging
import os
import shlex
import stat
from pathlib import Path

import pytest

import dxpy
from dxpy import _config
from dxpy._config import DXConfig, apply_to_context, load_configuration, parse_shell_environment
from dxpy._context import ClientContext
from dxpy.exceptions import DXError

TOKEN = "SEKRIT-config-token-abcdef0123456789"
SEC_TEXT = json.dumps({"auth_token_type": "Bearer", "auth_token": TOKEN})

SOURCES = ("env", "json", "shell", "system")


def _write_source(env: dict, source: str, values: dict) -> None:
    """Put *values* into one configuration source described by *env*."""
    conf = Path(env["DX_USER_CONF_DIR"])
    if source == "env":
        env.update(values)
    elif source == "json":
        conf.mkdir(exist_ok=True)
        (conf / "environment.json").write_text(json.dumps(values))
    elif source == "shell":
        conf.mkdir(exist_ok=True)
        lines = [f"export {k}='{v}'" for k, v in values.items()]
        (conf / "environment").write_text("\n".join(lines) + "\n")
    else:
        lines = [f"export {k}={shlex.quote(v)}" for k, v in values.items()]
        Path(env["DX_SYSTEM_ENV_FILE"]).write_text("\n".join(lines) + "\n")


def _context_for(env: dict) -> ClientContext:
    ctx = ClientContext()
    loaded = load_configuration(env)
    apply_to_context(ctx, loaded.values, environ=loaded.environ, loaded=loaded)
    return ctx


# -- precedence ----------------------------------------------------------------------


def test_defaults_without_any_source(dx_conf_env):
    ctx = _context_for(dx_conf_env)
    assert ctx.apiserver == "https://api.dnanexus.com"
    assert ctx.apiserver_port == "443"
    assert (ctx.security_context, ctx.job_id, ctx.workspace_id, ctx.project_context_id) == (None,) * 4


@pytest.mark.parametrize("source", SOURCES)
def test_each_source_alone(dx_conf_env, source):
    _write_source(dx_conf_env, source, {
        "DX_APISERVER_HOST": f"{source}.example",
        "DX_APISERVER_PORT": "4000",
        "DX_APISERVER_PROTOCOL": "http",
        "DX_SECURITY_CONTEXT": SEC_TEXT,
        "DX_PROJECT_CONTEXT_ID": f"project-{source}",
    })
    ctx = _context_for(dx_conf_env)
    assert ctx.apiserver == f"http://{source}.example:4000"
    assert ctx.security_context == json.loads(SEC_TEXT)
    assert ctx.project_context_id == ctx.workspace_id == f"project-{source}"
    loaded = load_configuration(dx_conf_env)
    assert source.replace("env", "environment variable") in loaded.sources["DX_APISERVER_HOST"] or (
        source == "json" and "environment.json" in loaded.sources["DX_APISERVER_HOST"]) or (
        source == "system" and "opt-environment" in loaded.sources["DX_APISERVER_HOST"])


@pytest.mark.parametrize(
    "high,low",
    [(SOURCES[i], SOURCES[j]) for i in range(4) for j in range(i + 1, 4)],
)
def test_pairwise_precedence(dx_conf_env, high, low):
    _write_source(dx_conf_env, low, {"DX_APISERVER_HOST": f"{low}.example", "DX_APISERVER_PORT": "1111",
                                     "DX_APISERVER_PROTOCOL": "http", "DX_PROJECT_CONTEXT_ID": "project-low"})
    _write_source(dx_conf_env, high, {"DX_APISERVER_HOST": f"{high}.example"})
    ctx = _context_for(dx_conf_env)
    # the server is taken whole from the highest source that names any part of it:
    # never the lower source's port or protocol with the higher source's host
    assert ctx.apiserver == f"https://{high}.example"
    # other names the higher source does not set still come from the lower one
    assert ctx.project_context_id == "project-low"


def test_empty_value_falls_through(dx_conf_env):
    _write_source(dx_conf_env, "json", {"DX_APISERVER_HOST": "json.example"})
    dx_conf_env["DX_APISERVER_HOST"] = ""
    assert _context_for(dx_conf_env).apiserver_host == "json.example"


def test_default_conf_dir_is_under_home(dx_conf_env):
    del dx_conf_env["DX_USER_CONF_DIR"]
    conf = Path(dx_conf_env["HOME"]) / ".dnanexus_config"
    conf.mkdir()
    (conf / "environment.json").write_text(json.dumps({"DX_APISERVER_HOST": "home.example"}))
    assert _context_for(dx_conf_env).apiserver_host == "home.example"
    assert _config.user_conf_dir(dx_conf_env) == str(conf)


def test_system_file_can_be_disabled(dx_conf_env):
    _write_source(dx_conf_env, "system", {"DX_APISERVER_HOST": "system.example"})
    dx_conf_env["DX_SYSTEM_ENV_FILE"] = ""
    assert _config.system_env_file(dx_conf_env) is None
    assert _context_for(dx_conf_env).apiserver_host == "api.dnanexus.com"
    assert _config.system_env_file({}) == "/opt/dnanexus/environment"


# -- job mode --------------------------------------------------------------------------


def test_outside_job_workspace_is_project_context(dx_conf_env):
    dx_conf_env.update(DX_PROJECT_CONTEXT_ID="project-p", DX_WORKSPACE_ID="container-ignored")
    ctx = _context_for(dx_conf_env)
    assert (ctx.job_id, ctx.workspace_id, ctx.project_context_id) == (None, "project-p", "project-p")


def test_inside_job_workspace_is_workspace_id(dx_conf_env):
    dx_conf_env.update(DX_JOB_ID="job-j", DX_PROJECT_CONTEXT_ID="project-p", DX_WORKSPACE_ID="container-w")
    ctx = _context_for(dx_conf_env)
    assert (ctx.job_id, ctx.workspace_id, ctx.project_context_id) == ("job-j", "container-w", "project-p")


def test_inside_job_without_workspace(dx_conf_env):
    dx_conf_env.update(DX_JOB_ID="job-j", DX_PROJECT_CONTEXT_ID="project-p")
    ctx = _context_for(dx_conf_env)
    assert (ctx.job_id, ctx.workspace_id) == ("job-j", None)


def test_env_only_settings(dx_conf_env, caplog):
    dx_conf_env.update(_DX_DEBUG="2", DX_CA_CERT="/x/ca.pem", DX_USE_OS_CA_BUNDLE="1", DX_WATCH_PORT="8090")
    ctx = _context_for(dx_conf_env)
    assert (ctx.debug_level, ctx.ca_cert, ctx.use_os_ca_bundle, ctx.watch_port) == (
        2, "/x/ca.pem", True, "8090")
    dx_conf_env.update(_DX_DEBUG="loud", DX_USE_OS_CA_BUNDLE="0")
    with caplog.at_level(logging.WARNING, logger="dxpy"):
        ctx = _context_for(dx_conf_env)
    assert (ctx.debug_level, ctx.use_os_ca_bundle) == (0, False)
    assert "_DX_DEBUG" in caplog.text


# -- shell-style format ---------------------------------------------------------------------


def test_shell_quoting_styles():
    text = "\n".join([
        "# a comment line",
        "",
        "   ",
        "export DX_A=plain",
        "export DX_B='single quoted {\"x\": 1}'",
        'export DX_C="double \\"quoted\\" $HOME"',
        "DX_D=no-export",
        "export DX_E=value # trailing comment",
        "export DX_F='hash # inside quotes'",
        "export DX_G=a#b",
        "export DX_H=",
        "export DX_I=1 DX_J=2",
        "export OTHER=ignored",
        "  export DX_K=indented",
    ])
    assert parse_shell_environment(text, "f") == {
        "DX_A": "plain",
        "DX_B": 'single quoted {"x": 1}',
        "DX_C": 'double "quoted" $HOME',
        "DX_D": "no-export",
        "DX_E": "value",
        "DX_F": "hash # inside quotes",
        "DX_G": "a#b",
        "DX_H": "",
        "DX_I": "1",
        "DX_J": "2",
        "DX_K": "indented",
    }


def test_shell_bad_lines_are_skipped_with_warning(caplog):
    text = "export DX_A='unterminated\nunset DX_B\necho hi\nexport DX_C=ok\nexport 1X=bad\n"
    with caplog.at_level(logging.WARNING, logger="dxpy"):
        values = parse_shell_environment(text, "/some/file")
    assert values == {"DX_C": "ok"}
    for lineno in (1, 2, 3, 5):
        assert f"line {lineno} of /some/file" in caplog.text
    assert "line 4" not in caplog.text


def test_security_context_in_shell_file(dx_conf_env):
    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    (conf / "environment").write_text(f"export DX_SECURITY_CONTEXT='{SEC_TEXT}'\n")
    assert _context_for(dx_conf_env).auth_header() == f"Bearer {TOKEN}"


# -- malformed sources -----------------------------------------------------------------------


def _load_with_warnings(env: dict, caplog) -> tuple[ClientContext, str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxpy"):
        ctx = _context_for(env)
    assert all(r.levelno == logging.WARNING for r in caplog.records)
    return ctx, caplog.text


@pytest.mark.parametrize(
    "name,value,problem",
    [
        ("DX_SECURITY_CONTEXT", '{"auth_token": "' + TOKEN + '"', "not valid JSON"),
        ("DX_SECURITY_CONTEXT", '{"auth_token_type": "Bearer"}', "auth_token"),
        ("DX_SECURITY_CONTEXT", '"' + TOKEN + '"', "mapping"),
        ("DX_APISERVER_PORT", "http", "port"),
        ("DX_APISERVER_PORT", "99999", "port"),
        ("DX_APISERVER_PROTOCOL", "gopher", "protocol"),
        ("DX_APISERVER_HOST", "bad host/x", "host"),
        ("DX_WATCH_PORT", "nope", "port"),
    ],
)
@pytest.mark.parametrize("source", SOURCES)
def test_malformed_value_is_refused_with_warning(dx_conf_env, caplog, source, name, value, problem):
    _write_source(dx_conf_env, source, {name: value})
    ctx, log = _load_with_warnings(dx_conf_env, caplog)
    assert name in log and problem in log
    where = {"env": "environment variable", "json": "environment.json", "shell": "conf/environment",
             "system": "opt-environment"}[source]
    assert where in log
    assert TOKEN not in log
    assert ctx.apiserver == "https://api.dnanexus.com"
    assert ctx.security_context is None and ctx.watch_port is None
    view = ctx.request_view()
    if name == "DX_SECURITY_CONTEXT":
        error = view.credentials_error
        assert error and name in error and TOKEN not in error
    elif name.startswith("DX_APISERVER"):
        assert view.server_error and name in view.server_error and where in view.server_error
    else:
        assert view.server_error is None and view.credentials_error is None


def test_malformed_value_never_falls_back_to_a_lower_source(dx_conf_env, caplog):
    _write_source(dx_conf_env, "json", {"DX_APISERVER_PORT": "8443", "DX_SECURITY_CONTEXT": SEC_TEXT})
    dx_conf_env["DX_APISERVER_PORT"] = "eighty"
    dx_conf_env["DX_SECURITY_CONTEXT"] = SEC_TEXT[:-1]  # one typo
    ctx, log = _load_with_warnings(dx_conf_env, caplog)
    assert ctx.apiserver_port == "443" and ctx.security_context is None
    view = ctx.request_view()
    assert "environment variable DX_APISERVER_PORT is not usable" in view.server_error
    assert "environment variable DX_SECURITY_CONTEXT is not usable" in view.credentials_error
    assert "environment variable DX_APISERVER_PORT" in log and TOKEN not in log


def test_explicit_settings_replace_a_refused_value(dx_conf_env, caplog):
    dx_conf_env["DX_SECURITY_CONTEXT"] = "{"
    dx_conf_env["DX_APISERVER_HOST"] = "http://127.0.0.1"
    ctx, _log = _load_with_warnings(dx_conf_env, caplog)
    ctx.set_security_context(json.loads(SEC_TEXT))
    ctx.set_api_server_info(host="127.0.0.1", port=8124, protocol="http")
    view = ctx.request_view()
    assert (view.server_error, view.credentials_error) == (None, None)
    assert view.apiserver == "http://127.0.0.1:8124" and view.token_source == "dxpy.set_security_context()"


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b"\xff\xfe\x00bad utf8", "cannot read"),
    ],
)
def test_bad_json_file_makes_server_and_token_unusable(dx_conf_env, caplog, content, problem):
    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    (conf / "environment.json").write_bytes(content)
    _write_source(dx_conf_env, "shell", {"DX_APISERVER_HOST": "shell.example",
                                         "DX_SECURITY_CONTEXT": SEC_TEXT,
                                         "DX_PROJECT_CONTEXT_ID": "project-shell"})
    ctx, log = _load_with_warnings(dx_conf_env, caplog)
    assert problem in log and str(conf / "environment.json") in log
    # the broken file may have named another server or token: the shell file's are not used
    assert ctx.apiserver_host == "api.dnanexus.com" and ctx.security_context is None
    view = ctx.request_view()
    assert str(conf / "environment.json") in view.server_error and str(conf / "environment.json") in \
        view.credentials_error
    assert ctx.project_context_id == "project-shell"


def test_bad_json_file_below_the_environment_changes_nothing(dx_conf_env, caplog):
    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    (conf / "environment.json").write_bytes(b"{not json")
    dx_conf_env.update({"DX_APISERVER_HOST": "env.example", "DX_SECURITY_CONTEXT": SEC_TEXT})
    ctx, log = _load_with_warnings(dx_conf_env, caplog)
    view = ctx.request_view()
    assert (view.server_error, view.credentials_error) == (None, None)
    assert view.apiserver == "https://env.example" and "not valid JSON" in log


def test_non_string_json_value_is_refused(dx_conf_env, caplog):
    _write_source(dx_conf_env, "json", {"DX_APISERVER_PORT": 5000, "DX_APISERVER_HOST": "j.example"})
    ctx, log = _load_with_warnings(dx_conf_env, caplog)
    assert "DX_APISERVER_PORT" in log and "must be a string" in log
    assert ctx.apiserver == "https://api.dnanexus.com"
    assert "DX_APISERVER_PORT in" in ctx.request_view().server_error


def test_unparsable_shell_line_still_sets_its_name(dx_conf_env, caplog):
    _write_source(dx_conf_env, "system", {"DX_SECURITY_CONTEXT": SEC_TEXT})
    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    # no closing quote
    (conf / "environment").write_text("export DX_SECURITY_CONTEXT='{\"auth_token\": \"x\"}\n")
    ctx, _log = _load_with_warnings(dx_conf_env, caplog)
    assert ctx.security_context is None
    assert "line 1 cannot be parsed" in ctx.request_view().credentials_error


def test_unreadable_file_is_refused(dx_conf_env, caplog):
    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    (conf / "environment.json").mkdir()  # a directory where a file is expected: unreadable everywhere
    ctx, log = _load_with_warnings(dx_conf_env, caplog)
    assert "cannot read" in log and "environment.json" in log
    assert ctx.apiserver_host == "api.dnanexus.com"
    assert "cannot read" in ctx.request_view().server_error


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_file_is_ignored(dx_conf_env, caplog):
    _write_source(dx_conf_env, "shell", {"DX_APISERVER_HOST": "secret.example"})
    path = Path(dx_conf_env["DX_USER_CONF_DIR"]) / "environment"
    path.chmod(0)
    ctx, log = _load_with_warnings(dx_conf_env, caplog)
    assert "cannot read" in log and str(path) in log
    assert ctx.apiserver_host == "api.dnanexus.com"


# -- DXConfig ----------------------------------------------------------------------------


@pytest.fixture
def view(dx_conf_env):
    """A DXConfig over a private environment and context."""
    env = dict(dx_conf_env)
    return DXConfig(context=ClientContext(), environ=env)


def test_dxconfig_reads_merged_values(view):
    _write_source(view.environ, "json", {"DX_CLI_WD": "/data", "DX_APISERVER_HOST": "json.example",
                                         "NOT_MANAGED": "x"})
    view.environ["DX_APISERVER_HOST"] = "env.example"
    assert view["DX_APISERVER_HOST"] == "env.example"
    assert view["DX_CLI_WD"] == "/data"
    assert view.get("DX_USERNAME") is None
    assert set(view) == {"DX_APISERVER_HOST", "DX_CLI_WD"} and len(view) == 2
    assert view.source_of("DX_APISERVER_HOST") == "environment variable DX_APISERVER_HOST"
    assert "environment.json" in view.source_of("DX_CLI_WD")
    for bad in ("NOT_MANAGED", "DX_WATCH_PORT", "HOME"):
        with pytest.raises(KeyError):
            view[bad]
        with pytest.raises(KeyError):
            view[bad] = "x"


def test_dxconfig_is_lazy(dx_conf_env):
    env = dict(dx_conf_env)
    cfg = DXConfig(context=ClientContext(), environ=env)
    env["DX_USERNAME"] = "alice"  # set after construction but before first use
    assert cfg["DX_USERNAME"] == "alice"
    env["DX_USERNAME"] = "bob"
    assert cfg["DX_USERNAME"] == "alice"  # cached after the first read
    cfg.reload()
    assert cfg["DX_USERNAME"] == "bob"


def test_dxconfig_assignment_updates_environ_and_context(view):
    ctx = view.context
    ctx.set_security_context({"auth_token": "kept"})
    view["DX_APISERVER_HOST"] = "localhost"
    view["DX_APISERVER_PORT"] = "5000"
    view["DX_APISERVER_PROTOCOL"] = "http"
    assert ctx.apiserver == "http://localhost:5000"
    assert view.environ["DX_APISERVER_PORT"] == "5000"
    assert ctx.security_context == {"auth_token": "kept", "auth_token_type": "Bearer"}  # untouched
    view["DX_SECURITY_CONTEXT"] = {"auth_token_type": "Bearer", "auth_token": TOKEN}
    assert ctx.auth_header() == f"Bearer {TOKEN}"
    assert json.loads(view.environ["DX_SECURITY_CONTEXT"])["auth_token"] == TOKEN
    view["DX_PROJECT_CONTEXT_ID"] = "project-1"
    assert (ctx.project_context_id, ctx.workspace_id) == ("project-1", "project-1")
    view["DX_JOB_ID"] = "job-1"
    assert (ctx.job_id, ctx.workspace_id) == ("job-1", None)
    view["DX_WORKSPACE_ID"] = "container-1"
    assert ctx.workspace_id == "container-1"
    del view["DX_JOB_ID"]
    assert (ctx.job_id, ctx.workspace_id) == (None, "project-1")
    assert "DX_JOB_ID" not in view.environ
    view["DX_CLI_WD"] = "/x"
    assert view.source_of("DX_CLI_WD") == "assigned through dxpy.config"
    with pytest.raises(KeyError):
        del view["DX_USERNAME"]


@pytest.mark.parametrize(
    "key,value",
    [("DX_APISERVER_PORT", "abc"), ("DX_APISERVER_PROTOCOL", "ftp"), ("DX_SECURITY_CONTEXT", "{oops"),
     ("DX_SECURITY_CONTEXT", {"no": "token"}), ("DX_JOB_ID", 5)],
)
def test_dxconfig_rejects_bad_assignment(view, key, value):
    before = view.context.generation
    with pytest.raises(DXError):
        view[key] = value
    assert key not in view and key not in view.environ and view.context.generation == before


def test_dxconfig_none_removes(view):
    view["DX_USERNAME"] = "alice"
    view["DX_USERNAME"] = None
    assert "DX_USERNAME" not in view


def test_dxconfig_save_modes_and_atomicity(view):
    view["DX_APISERVER_HOST"] = "saved.example"
    view["DX_SECURITY_CONTEXT"] = SEC_TEXT
    path = Path(view.save())
    conf = Path(view.conf_dir)
    assert path == conf / "environment.json"
    assert stat.S_IMODE(conf.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    expected = {"DX_APISERVER_HOST": "saved.example", "DX_SECURITY_CONTEXT": SEC_TEXT}
    assert json.loads(path.read_text()) == expected
    assert path.read_text().endswith("\n")
    assert sorted(p.name for p in conf.iterdir()) == ["environment.json"]  # no temp file left behind
    # a fresh load (without the env vars) reads the saved file back
    env = {k: v for k, v in view.environ.items() if k not in _config.MANAGED_KEYS}
    assert _context_for(env).apiserver_host == "saved.example"


def test_dxconfig_save_replaces_group_readable_file(view):
    conf = Path(view.conf_dir)
    conf.mkdir(mode=0o700)
    old = conf / "environment.json"
    old.write_text("{}")
    old.chmod(0o644)
    view["DX_USERNAME"] = "alice"
    view.save()
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert json.loads(old.read_text()) == {"DX_USERNAME": "alice"}


def test_dxconfig_write(view):
    view.write("DX_PROJECT_CONTEXT_NAME", "My project")
    saved = json.loads((Path(view.conf_dir) / "environment.json").read_text())
    assert saved == {"DX_PROJECT_CONTEXT_NAME": "My project"}
    view.write("DX_PROJECT_CONTEXT_NAME", None)
    assert json.loads((Path(view.conf_dir) / "environment.json").read_text()) == {}
    with pytest.raises(KeyError):
        view.write("DX_NOPE", "x")


def test_dxconfig_clear(view):
    _write_source(view.environ, "shell", {"DX_USERNAME": "shell-user"})
    view["DX_APISERVER_HOST"] = "h.example"
    view["DX_SECURITY_CONTEXT"] = SEC_TEXT
    view.save()
    view.clear()
    conf = Path(view.conf_dir)
    assert not (conf / "environment.json").exists() and not (conf / "environment").exists()
    assert len(view) == 0 and "DX_APISERVER_HOST" not in view.environ
    assert view.context.apiserver == "https://api.dnanexus.com" and view.context.security_context is None
    view.clear()  # nothing left to remove: still fine


def test_dxconfig_repr_hides_token(view, caplog):
    view["DX_SECURITY_CONTEXT"] = SEC_TEXT
    text = repr(view)
    assert TOKEN not in text and "redacted" in text


def test_default_config_instance(dx_context, tmp_path):
    os.environ["DX_USER_CONF_DIR"] = str(tmp_path / "conf")
    _config._config = None
    cfg = dxpy.config
    assert cfg is _config.get_config() and isinstance(cfg, DXConfig)
    cfg["DX_APISERVER_HOST"] = "assigned.example"
    assert dxpy.APISERVER_HOST == "assigned.example" and os.environ["DX_APISERVER_HOST"] == "assigned.example"
    cfg.write("DX_WORKSPACE_ID", "container-1")
    assert (tmp_path / "conf" / "environment.json").exists()


def test_dxconfig_clear_reset_stores_defaults(view):
    view["DX_APISERVER_HOST"] = "h.example"
    view["DX_JOB_ID"] = "job-1"
    view.clear(reset=True)
    saved = json.loads((Path(view.conf_dir) / "environment.json").read_text())
    assert saved == DXConfig.defaults
    assert "DX_JOB_ID" not in view
    assert view.context.apiserver == "https://api.dnanexus.com"
    assert view.context.auth_header() == "Bearer PUBLIC"


def test_dxconfig_upstream_names(view):
    assert DXConfig.VAR_NAMES == DXConfig.CORE_VAR_NAMES + DXConfig.STANDALONE_VAR_NAMES
    assert len(DXConfig.VAR_NAMES) == 10
    assert view.get_user_conf_dir() == view.environ["DX_USER_CONF_DIR"]
