"""Pools, proxies, TLS and concurrency of the transport (real local servers and proxy)."""

from __future__ import annotations

import logging
import threading

import pytest

import dxpy.exceptions as exc
from dxpy import _transport
from dxpy._context import get_context
from dxpy._http import DXHTTPRequest
from tests._support.proxy import ForwardProxy
from tests._support.testserver import TEST_TOKEN, reply

# --- proxy selection (pure) ---------------------------------------------------------------


def test_proxy_for_is_scheme_specific(no_proxy_env):
    no_proxy_env.setenv("HTTP_PROXY", "http://p1:3128")
    assert _transport.proxy_for("http://api.example.com/x") == "http://p1:3128"
    assert _transport.proxy_for("https://api.example.com/x") is None
    no_proxy_env.setenv("HTTPS_PROXY", "p2:8080")
    assert _transport.proxy_for("https://api.example.com/x") == "http://p2:8080"


def test_lower_case_proxy_variable_wins(no_proxy_env):
    no_proxy_env.setenv("HTTPS_PROXY", "http://upper:1")
    no_proxy_env.setenv("https_proxy", "http://lower:2")
    assert _transport.proxy_for("https://h/x") == "http://lower:2"


@pytest.mark.parametrize("no_proxy,url,direct", [
    ("example.com", "http://api.example.com/x", True),
    (".example.com", "http://api.example.com/x", True),
    ("example.com", "http://example.com/x", True),
    ("example.com", "http://notexample.com/x", False),
    ("other.org, 127.0.0.1", "http://127.0.0.1:9/x", True),
    ("localhost:8080", "http://localhost:8080/x", True),
    ("localhost:8080", "http://localhost:9090/x", False),
    ("*", "http://anything/x", True),
    ("", "http://anything/x", False),
])
def test_no_proxy_matching(no_proxy_env, no_proxy, url, direct):
    no_proxy_env.setenv("http_proxy", "http://proxy:3128")
    no_proxy_env.setenv("no_proxy", no_proxy)
    assert (_transport.proxy_for(url) is None) == direct


def test_redact_proxy_hides_password():
    assert _transport.redact_proxy("http://user:s3cret@proxy:3128") == "http://user:***@proxy:3128"
    assert _transport.redact_proxy("http://proxy:3128") == "http://proxy:3128"


# --- through a real forward proxy ------------------------------------------------------------


def test_api_call_goes_through_http_proxy(dx_test_context, forward_proxy, no_proxy_env):
    no_proxy_env.setenv("HTTP_PROXY", forward_proxy.url)
    dx_test_context.queue(reply(json={"via": "proxy"}))
    assert DXHTTPRequest("/system/whoami", {"a": 1}) == {"via": "proxy"}
    assert [p.method for p in forward_proxy.seen] == ["POST"]
    assert forward_proxy.seen[0].target == dx_test_context.url + "/system/whoami"
    req = dx_test_context.requests[0]
    assert req.json() == {"a": 1}
    assert req.headers["authorization"] == "Bearer " + TEST_TOKEN


def test_no_proxy_bypasses_proxy(dx_test_context, forward_proxy, no_proxy_env):
    no_proxy_env.setenv("http_proxy", forward_proxy.url)
    no_proxy_env.setenv("NO_PROXY", "example.org,127.0.0.1")
    DXHTTPRequest("/system/whoami", {})
    assert forward_proxy.seen == []
    assert len(dx_test_context.requests) == 1


def test_https_proxy_variable_not_used_for_http(dx_test_context, forward_proxy, no_proxy_env):
    no_proxy_env.setenv("HTTPS_PROXY", forward_proxy.url)
    DXHTTPRequest("/system/whoami", {})
    assert forward_proxy.seen == []


def test_proxy_credentials_sent_and_never_logged(dx_test_context, no_proxy_env, caplog):
    caplog.set_level(logging.DEBUG, logger="dxpy")
    with ForwardProxy(credentials=("alice", "pr0xyPW")) as proxy:
        no_proxy_env.setenv("HTTP_PROXY", f"http://alice:pr0xyPW@127.0.0.1:{proxy.port}")
        assert DXHTTPRequest("/system/whoami", {}) == {}
        assert proxy.seen[0].proxy_authorization is not None
        assert proxy.seen[0].proxy_authorization.startswith("Basic ")
    assert "pr0xyPW" not in caplog.text
    assert "alice:***@" in caplog.text


def test_wrong_proxy_credentials_give_error_without_password(dx_test_context, no_proxy_env, fast_retries):
    with ForwardProxy(credentials=("alice", "right")) as proxy:
        no_proxy_env.setenv("HTTP_PROXY", f"http://alice:wr0ngPW@127.0.0.1:{proxy.port}")
        with pytest.raises(exc.DXError) as info:
            DXHTTPRequest("/system/whoami", {})
    assert "wr0ngPW" not in str(info.value)
    assert "407" in str(info.value)


def test_https_through_proxy_uses_connect(tls_server, tls_cert, forward_proxy, no_proxy_env):
    no_proxy_env.setenv("HTTPS_PROXY", forward_proxy.url)
    tls_server.queue(reply(json={"tls": True}))
    out = DXHTTPRequest(tls_server.url + "/x", {}, prepend_srv=False, auth=None, verify=str(tls_cert.cert))
    assert out == {"tls": True}
    assert forward_proxy.seen[0].method == "CONNECT"
    assert forward_proxy.seen[0].target == f"127.0.0.1:{tls_server.port}"


# --- TLS ---------------------------------------------------------------------------------------


def test_untrusted_certificate_fails_on_first_attempt(tls_server, fast_retries, no_proxy_env):
    import requests

    with pytest.raises(exc.DXCertificateError) as info:
        DXHTTPRequest(tls_server.url + "/x", {}, prepend_srv=False, always_retry=True)
    assert isinstance(info.value, requests.exceptions.SSLError)
    assert "DX_CA_CERT" in str(info.value)
    assert fast_retries.sleeps == []
    assert tls_server.requests == []


def test_verify_kwarg_with_ca_bundle(tls_server, tls_cert, no_proxy_env):
    tls_server.queue(reply(json={"ok": 1}))
    assert DXHTTPRequest(tls_server.url + "/x", {}, prepend_srv=False, verify=str(tls_cert.cert)) == {"ok": 1}


def test_hostname_checked_against_certificate(tls_server, tls_cert, tmp_path, fast_retries, no_proxy_env):
    from tests._support.tls import make_self_signed

    other = make_self_signed(tmp_path, "other", "other.test", "DNS:other.test")
    with pytest.raises(exc.DXCertificateError):
        DXHTTPRequest(tls_server.url + "/x", {}, prepend_srv=False, verify=str(other.cert))


@pytest.fixture
def tls_api_context(tls_server):
    ctx = get_context()
    saved = ctx.snapshot()
    ctx.set_api_server_info(host="127.0.0.1", port=tls_server.port, protocol="https")
    ctx.set_security_context({"auth_token_type": "Bearer", "auth_token": TEST_TOKEN})
    try:
        yield ctx
    finally:
        ctx.restore(saved)


def test_dx_ca_cert_path_from_context(tls_server, tls_cert, tls_api_context, no_proxy_env):
    tls_api_context.set_tls_options(ca_cert=str(tls_cert.cert))
    tls_server.queue(reply(json={"whoami": "user-x"}))
    assert DXHTTPRequest("/system/whoami", {}) == {"whoami": "user-x"}
    assert tls_server.requests[0].headers["authorization"] == "Bearer " + TEST_TOKEN


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_dx_ca_cert_noverify(tls_server, tls_api_context, no_proxy_env):
    tls_api_context.set_tls_options(ca_cert="NOVERIFY")
    assert DXHTTPRequest("/system/whoami", {}) == {}


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_verify_false_kwarg(tls_server, no_proxy_env):
    assert DXHTTPRequest(tls_server.url + "/x", {}, prepend_srv=False, verify=False) == {}


def test_tls_options_precedence():
    assert _transport.tls_options(None, False, {}).verify is True
    assert _transport.tls_options("NOVERIFY", False, {}).verify is False
    assert _transport.tls_options("/ca.pem", False, {}).verify == "/ca.pem"
    assert _transport.tls_options("/ca.pem", False, {"verify": False}).verify is False
    opts = _transport.tls_options(None, False, {"cert_file": "/c.pem", "key_file": "/k.pem"})
    assert (opts.cert_file, opts.key_file) == ("/c.pem", "/k.pem")
    assert opts.pool_kwargs()["cert_file"] == "/c.pem"
    assert _transport.tls_options(None, True, {}).pool_kwargs().get("ca_certs") is None
    assert _transport.tls_options(None, False, {}).pool_kwargs()["ca_certs"]


# --- pooling and threads ------------------------------------------------------------------------


def test_keep_alive_reuses_one_connection(dx_test_context, no_proxy_env):
    for _ in range(5):
        DXHTTPRequest("/system/whoami", {})
    ports = {r.client_port for r in dx_test_context.requests}
    assert len(ports) == 1


def test_pool_is_shared_between_calls(dx_test_context, no_proxy_env):
    first = _transport.pool_for(dx_test_context.url + "/a")
    assert _transport.pool_for(dx_test_context.url + "/b") is first
    assert _transport.pool_for(dx_test_context.url + "/b", _transport.TLSOptions(verify=False)) is not first


@pytest.mark.slow
def test_16_threads_200_calls_each_share_the_pool(dx_test_context, no_proxy_env):
    errors: list[BaseException] = []
    results: list[int] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            for i in range(200):
                out = DXHTTPRequest("/system/echo", {"n": n, "i": i})
                assert out == {}
            with lock:
                results.append(n)
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(results) == list(range(16))
    assert len(dx_test_context.requests) == 16 * 200
    bodies = {(r.json()["n"], r.json()["i"]) for r in dx_test_context.requests}
    assert len(bodies) == 3200
    assert len({r.client_port for r in dx_test_context.requests}) <= 16 + 2


def test_client_certificate_passed_through(tls_cert, tmp_path, no_proxy_env):
    import ssl

    from tests._support.testserver import ScriptedServer
    from tests._support.tls import make_self_signed, server_context

    client = make_self_signed(tmp_path, "client", "dx-client", "DNS:dx-client")
    ctx = server_context(tls_cert)
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(str(client.cert))
    with ScriptedServer(ssl_context=ctx) as server:
        server.queue(reply(json={"mtls": True}))
        out = DXHTTPRequest(server.url + "/x", {}, prepend_srv=False, verify=str(tls_cert.cert),
                            cert_file=str(client.cert), key_file=str(client.key))
        assert out == {"mtls": True}
        with pytest.raises(exc.DXNetworkError):
            DXHTTPRequest(server.url + "/x", {}, prepend_srv=False, verify=str(tls_cert.cert), max_retries=0)


def test_https_proxy_credentials_sent_on_connect(tls_server, tls_cert, no_proxy_env):
    with ForwardProxy(credentials=("bob", "tunnelPW")) as proxy:
        no_proxy_env.setenv("https_proxy", f"http://bob:tunnelPW@127.0.0.1:{proxy.port}")
        tls_server.queue(reply(json={"ok": 1}))
        out = DXHTTPRequest(tls_server.url + "/x", {}, prepend_srv=False, verify=str(tls_cert.cert))
        assert out == {"ok": 1}
        assert proxy.seen[0].method == "CONNECT"
        assert proxy.seen[0].proxy_authorization.startswith("Basic ")


# --- the scripted test server itself (other test modules rely on its contract) ------------------


def test_scripted_server_contract(test_server):
    from tests._support.testserver import handler

    test_server.queue(handler(lambda req: reply(json={"echo": req.json(), "path": req.path})))
    assert test_server.pending == 1
    out = DXHTTPRequest(test_server.url + "/a/b?q=1", {"x": [1]}, prepend_srv=False, auth=None)
    assert out == {"echo": {"x": [1]}, "path": "/a/b?q=1"}
    req = test_server.requests[0]
    assert (req.method, req.path, req.query) == ("POST", "/a/b?q=1", "q=1")
    assert req.headers["content-type"] == "application/json"
    assert test_server.pending == 0
    assert DXHTTPRequest(test_server.url + "/empty", {}, prepend_srv=False, auth=None) == {}
    test_server.queue(reply(json={"never": 1}))
    test_server.reset()
    assert test_server.pending == 0 and test_server.requests == []


def test_pool_managers_are_bounded():
    from dxpy import _transport

    made = []
    for i in range(_transport._MAX_POOLS + 5):
        tls = _transport.TLSOptions(cert_file=f"/nonexistent/cert-{i}.pem")
        made.append(_transport.pool_for("https://h.example/x", tls, proxy=None))
    assert len(_transport._pools) <= _transport._MAX_POOLS
    assert made[-1] is _transport.pool_for("https://h.example/x", _transport.TLSOptions(
        cert_file=f"/nonexistent/cert-{_transport._MAX_POOLS + 4}.pem"), proxy=None)
