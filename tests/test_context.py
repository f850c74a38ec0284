"""ClientContext and the dxpy facade: globals, set_* functions, get_auth_server_name."""

from __future__ import annotations

import logging
import threading

import pytest

import dxpy
from dxpy._context import ClientContext, get_context
from dxpy.exceptions import DXError

TOKEN = "SEKRIT-token-do-not-show-0123456789"
SEC = {"auth_token_type": "Bearer", "auth_token": TOKEN}


# -- ClientContext on its own ------------------------------------------------------


def test_defaults():
    ctx = ClientContext()
    server = (ctx.apiserver_protocol, ctx.apiserver_host, ctx.apiserver_port)
    assert server == ("https", "api.dnanexus.com", "443")
    assert ctx.apiserver == "https://api.dnanexus.com"
    assert ctx.security_context is None and ctx.auth_helper is None
    assert (ctx.job_id, ctx.workspace_id, ctx.project_context_id, ctx.watch_port) == (None,) * 4
    assert (ctx.debug_level, ctx.ca_cert, ctx.use_os_ca_bundle, ctx.generation) == (0, None, False, 0)
    assert ctx.auth_header() is None


@pytest.mark.parametrize(
    "proto,port,url",
    [
        ("https", "443", "https://h.example"),
        ("http", "80", "http://h.example"),
        ("https", "80", "https://h.example:80"),
        ("http", "443", "http://h.example:443"),
        ("http", "5000", "http://h.example:5000"),
    ],
)
def test_apiserver_omits_default_port(proto, port, url):
    ctx = ClientContext()
    ctx.set_api_server_info(host="h.example", port=port, protocol=proto)
    assert ctx.apiserver == url
    assert ctx.apiserver_port == port


def test_set_api_server_info_keeps_unspecified_values():
    ctx = ClientContext()
    ctx.set_api_server_info(host="h1", port=8443)
    assert ctx.apiserver == "https://h1:8443" and ctx.apiserver_port == "8443"
    ctx.set_api_server_info(host="h2")
    assert ctx.apiserver == "https://h2:8443"
    ctx.set_api_server_info(port="9000")
    assert ctx.apiserver == "https://h2:9000"
    ctx.set_api_server_info()
    assert ctx.apiserver == "https://h2:9000"


def test_protocol_change_moves_default_port_only():
    ctx = ClientContext()
    ctx.set_api_server_info(protocol="http")
    assert (ctx.apiserver_port, ctx.apiserver) == ("80", "http://api.dnanexus.com")
    ctx.set_api_server_info(protocol="HTTPS")
    assert (ctx.apiserver_protocol, ctx.apiserver_port) == ("https", "443")
    ctx.set_api_server_info(port="5000")
    ctx.set_api_server_info(protocol="http")
    assert ctx.apiserver == "http://api.dnanexus.com:5000"
    ctx.set_api_server_info(port="")
    assert ctx.apiserver_port == "80"


@pytest.mark.parametrize(
    "kwargs,word",
    [
        ({"protocol": "ftp"}, "protocol"),
        ({"port": "abc"}, "port"),
        ({"port": 70000}, "port"),
        ({"port": True}, "port"),
        ({"host": ""}, "host"),
        ({"host": 5}, "host"),
    ],
)
def test_set_api_server_info_rejects_bad_values_atomically(kwargs, word):
    ctx = ClientContext()
    ctx.set_api_server_info(host="keep", port="1234")
    before = (ctx.apiserver, ctx.generation)
    with pytest.raises(DXError, match=word):
        ctx.set_api_server_info(**kwargs)
    assert (ctx.apiserver, ctx.generation) == before


def test_security_context_and_auth_header():
    ctx = ClientContext()
    ctx.set_security_context(SEC)
    assert ctx.security_context == SEC and ctx.security_context is not SEC
    assert ctx.auth_header() == f"Bearer {TOKEN}"
    ctx.set_security_context({"auth_token": "x"})
    assert ctx.security_context == {"auth_token": "x", "auth_token_type": "Bearer"}
    ctx.set_security_context({"auth_token_type": "bearer", "auth_token": "y"})
    assert ctx.auth_header() == "bearer y"
    ctx.set_security_context(None)
    assert ctx.security_context is None and ctx.auth_header() is None


def test_auth_header_unsupported_type():
    ctx = ClientContext()
    ctx.set_security_context({"auth_token_type": "Basic", "auth_token": TOKEN})
    with pytest.raises(DXError, match="Basic") as info:
        ctx.auth_header()
    assert TOKEN not in str(info.value)
    # upstream raises NotImplementedError: code catching either keeps working
    assert isinstance(info.value, NotImplementedError)
    from dxpy._auth import DXHTTPOAuth2

    with pytest.raises(NotImplementedError):
        DXHTTPOAuth2({"auth_token_type": "Basic", "auth_token": TOKEN})


@pytest.mark.parametrize(
    "bad,word",
    [
        ("a string", "mapping"),
        (["auth_token"], "mapping"),
        ({}, "missing"),
        ({"auth_token": ""}, "non-empty"),
        ({"auth_token": 123}, "non-empty"),
        ({"auth_token": TOKEN, "auth_token_type": 7}, "auth_token_type"),
    ],
)
def test_set_security_context_rejects_bad_values(bad, word):
    ctx = ClientContext()
    ctx.set_security_context(SEC)
    with pytest.raises(DXError, match=word) as info:
        ctx.set_security_context(bad)
    assert TOKEN not in str(info.value)
    assert ctx.security_context == SEC


def test_set_security_context_drops_explicit_helper():
    ctx = ClientContext()
    ctx.set_auth_helper(object())
    ctx.set_security_context(SEC)
    assert ctx.auth_helper is None


def test_id_setters_and_watch_port():
    ctx = ClientContext()
    ctx.set_job_id("job-1")
    ctx.set_workspace_id("container-1")
    ctx.set_project_context("project-1")
    ctx.set_watch_port(8090)
    assert (ctx.job_id, ctx.workspace_id, ctx.project_context_id, ctx.watch_port) == (
        "job-1", "container-1", "project-1", "8090")
    ctx.set_watch_port("")
    assert ctx.watch_port is None
    with pytest.raises(DXError, match="job ID"):
        ctx.set_job_id(5)  # type: ignore[arg-type]
    with pytest.raises(DXError, match="port"):
        ctx.set_watch_port("x")


def test_tls_and_debug_setters():
    ctx = ClientContext()
    ctx.set_tls_options(ca_cert="/tmp/ca.pem")
    ctx.set_tls_options(use_os_ca_bundle=1)
    assert (ctx.ca_cert, ctx.use_os_ca_bundle) == ("/tmp/ca.pem", True)
    ctx.set_debug_level(2)
    assert ctx.debug_level == 2
    for bad in (-1, "2", True):
        with pytest.raises(DXError):
            ctx.set_debug_level(bad)  # type: ignore[arg-type]


def test_generation_bumps_on_every_change():
    ctx = ClientContext()
    calls = [
        lambda: ctx.set_api_server_info(host="a"),
        lambda: ctx.set_security_context(SEC),
        lambda: ctx.set_auth_helper(None),
        lambda: ctx.set_job_id("job-x"),
        lambda: ctx.set_workspace_id("w"),
        lambda: ctx.set_project_context("p"),
        lambda: ctx.set_watch_port(1),
        lambda: ctx.set_debug_level(1),
        lambda: ctx.set_tls_options(ca_cert=None),
        lambda: ctx.reset(),
    ]
    seen = [ctx.generation]
    for call in calls:
        call()
        seen.append(ctx.generation)
    assert seen == sorted(set(seen))  # strictly increasing


def test_direct_assignment_keeps_derived_values_in_step():
    ctx = ClientContext()
    gen = ctx.generation
    ctx.apiserver_host = "direct.example"
    ctx.apiserver_port = "8080"
    assert ctx.apiserver == "https://direct.example:8080"
    ctx.security_context = {"auth_token": "t", "auth_token_type": "Bearer"}
    assert ctx.generation == gen + 3
    ctx.unrelated = 1  # not a field: no bump
    assert ctx.generation == gen + 3


def test_repr_never_shows_token(caplog):
    ctx = ClientContext()
    ctx.set_security_context(SEC)
    text = repr(ctx)
    assert TOKEN not in text and "redacted" in text and "api.dnanexus.com" in text
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("dxpy.test").debug("ctx %r", ctx)
    assert TOKEN not in caplog.text


def test_snapshot_restore_reset():
    ctx = ClientContext()
    ctx.set_api_server_info(host="h", port="1", protocol="http")
    ctx.set_security_context(SEC)
    ctx.set_job_id("job-1")
    state = ctx.snapshot()
    ctx.reset()
    assert ctx.apiserver == "https://api.dnanexus.com" and ctx.security_context is None and ctx.job_id is None
    ctx.restore(state)
    assert ctx.apiserver == "http://h:1" and ctx.security_context == SEC and ctx.job_id == "job-1"
    with pytest.raises(DXError, match="bogus"):
        ctx.restore({"bogus": 1})


def test_concurrent_writers_lose_no_update():
    ctx = ClientContext()

    def work(n: int) -> None:
        for i in range(200):
            ctx.set_workspace_id(f"w-{n}-{i}")
            assert ctx.apiserver.startswith("https://")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ctx.generation == 8 * 200


def test_get_context_is_a_singleton():
    assert get_context() is get_context()
    assert isinstance(get_context(), ClientContext)


# -- the facade: globals are views on the default context --------------------------


def test_constants():
    assert dxpy.API_VERSION == "1.0.0"
    assert (dxpy.DEFAULT_RETRIES, dxpy.DEFAULT_TIMEOUT, dxpy.INCOMPLETE_READS_NUM_SUBCHUNKS) == (6, 905, 8)
    assert (dxpy.DEFAULT_APISERVER_PROTOCOL, dxpy.DEFAULT_APISERVER_HOST, dxpy.DEFAULT_APISERVER_PORT) == (
        "https", "api.dnanexus.com", "443")
    from dxpy._version import __version__

    assert dxpy.TOOLKIT_VERSION == dxpy.__version__ == __version__


def test_user_agent(dx_context):
    import platform

    agent = dxpy.USER_AGENT
    assert agent == f"dxpy/{dxpy.__version__} ({platform.platform()}) Python/{platform.python_version()}"
    assert dxpy.USER_AGENT is agent


def test_set_functions_update_globals(dx_context):
    dxpy.set_api_server_info(host="localhost", port=5000, protocol="http")
    server = (dxpy.APISERVER_PROTOCOL, dxpy.APISERVER_HOST, dxpy.APISERVER_PORT)
    assert server == ("http", "localhost", "5000")
    assert dxpy.APISERVER == "http://localhost:5000" == dx_context.apiserver
    dxpy.set_security_context(SEC)
    assert dxpy.SECURITY_CONTEXT == SEC
    dxpy.set_job_id("job-1")
    dxpy.set_workspace_id("container-1")
    dxpy.set_project_context("project-1")
    dxpy.set_watch_port("8090")
    assert (dxpy.JOB_ID, dxpy.WORKSPACE_ID, dxpy.PROJECT_CONTEXT_ID, dxpy.WATCH_PORT) == (
        "job-1", "container-1", "project-1", "8090")
    dxpy.set_project_context("project-2")
    assert dxpy.WORKSPACE_ID == "container-1"  # the project context does not move the workspace


def test_assigning_globals_changes_context(dx_context):
    gen = dx_context.generation
    dxpy.APISERVER_HOST = "h.example"
    dxpy.APISERVER_PORT = 8080
    dxpy.APISERVER_PROTOCOL = "http"
    assert dx_context.apiserver == dxpy.APISERVER == "http://h.example:8080"
    dxpy.APISERVER = "https://other.example"
    assert (dx_context.apiserver_host, dx_context.apiserver_port) == ("other.example", "443")
    dxpy.APISERVER = "http://127.0.0.1:5001/"
    assert dx_context.apiserver == "http://127.0.0.1:5001"
    with pytest.raises(DXError):
        dxpy.APISERVER = "no-scheme"
    dxpy.SECURITY_CONTEXT = SEC
    dxpy.JOB_ID = "job-9"
    dxpy.WORKSPACE_ID = "container-9"
    dxpy.PROJECT_CONTEXT_ID = "project-9"
    dxpy.WATCH_PORT = "9"
    dxpy._DEBUG = 3
    assert (dx_context.security_context, dx_context.job_id, dx_context.workspace_id) == (
        SEC, "job-9", "container-9")
    assert (dx_context.project_context_id, dx_context.watch_port, dx_context.debug_level) == (
        "project-9", "9", 3)
    assert dx_context.generation > gen
    assert "APISERVER_HOST" not in vars(dxpy)  # stored in the context, not the module dict


def test_auth_helper_explicit_override(dx_context):
    marker = object()
    dxpy.AUTH_HELPER = marker
    assert dxpy.AUTH_HELPER is marker and dx_context.auth_helper is marker
    dxpy.AUTH_HELPER = None
    dx_context.set_security_context(None)
    assert dxpy.AUTH_HELPER is None


def test_auth_helper_built_from_security_context(dx_context):
    pytest.importorskip("dxpy._auth")
    dxpy.set_security_context(SEC)
    helper = dxpy.AUTH_HELPER
    assert type(helper).__name__ == "DXHTTPOAuth2"
    assert dxpy.AUTH_HELPER is helper  # cached while the context is unchanged
    dxpy.set_security_context({"auth_token": "other"})
    assert dxpy.AUTH_HELPER is not helper


def test_lazy_attributes_and_dir():
    import dxpy.exceptions as exceptions_module

    assert dxpy.exceptions is exceptions_module
    assert dxpy.utils.__name__ == "dxpy.utils"
    assert dxpy.config is dxpy.config
    names = dir(dxpy)
    for name in ("DXHTTPRequest", "DXHTTPOAuth2", "api", "config", "APISERVER", "SECURITY_CONTEXT",
                 "USER_AGENT", "set_api_server_info", "get_auth_server_name"):
        assert name in names
    with pytest.raises(AttributeError, match="no_such_thing"):
        dxpy.no_such_thing  # noqa: B018
    with pytest.raises(AttributeError):
        dxpy._private_missing  # noqa: B018
    assert not hasattr(dxpy, "AlsoNotThere")


# -- get_auth_server_name ----------------------------------------------------------


@pytest.mark.parametrize(
    "host,auth",
    [
        ("api.dnanexus.com", "https://auth.dnanexus.com"),
        ("stagingapi.dnanexus.com", "https://stagingauth.dnanexus.com"),
        ("api.cn.dnanexus.com", "https://auth.cn.dnanexus.com:8001"),
        ("stagingapi.cn.dnanexus.com", "https://stagingauth.cn.dnanexus.com:7001"),
    ],
)
def test_auth_server_table(dx_context, host, auth):
    dxpy.set_api_server_info(host=host)
    assert dxpy.get_auth_server_name() == auth


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "apiserver"])
def test_auth_server_for_local_hosts(dx_context, monkeypatch, host):
    dxpy.set_api_server_info(host=host, port=5000, protocol="http")
    monkeypatch.delenv("DX_AUTHSERVER_HOST", raising=False)
    monkeypatch.delenv("DX_AUTHSERVER_PORT", raising=False)
    with pytest.raises(DXError, match="DX_AUTHSERVER_HOST"):
        dxpy.get_auth_server_name()
    monkeypatch.setenv("DX_AUTHSERVER_HOST", "http://localhost")
    with pytest.raises(DXError, match="DX_AUTHSERVER_PORT"):
        dxpy.get_auth_server_name()
    monkeypatch.setenv("DX_AUTHSERVER_PORT", "5001")
    assert dxpy.get_auth_server_name() == "http://localhost:5001"


def test_auth_server_unknown_host(dx_context):
    dxpy.set_api_server_info(host="api.example.org")
    with pytest.raises(DXError, match="Could not determine which auth server is associated with api.example"):
        dxpy.get_auth_server_name()


def test_auth_server_overrides(dx_context):
    dxpy.set_api_server_info(host="api.example.org")
    assert dxpy.get_auth_server_name("auth.example.org", 443) == "https://auth.example.org:443"
    assert dxpy.get_auth_server_name("a", "1", protocol="http") == "http://a:1"
    with pytest.raises(DXError, match="Both host and port"):
        dxpy.get_auth_server_name(host_override="a")
    with pytest.raises(DXError, match="Both host and port"):
        dxpy.get_auth_server_name(port_override="1")
