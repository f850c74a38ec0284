"""Emulator CORS: only allowed origins may read answers; preflights are answered before faults.

A web page on another origin can call the emulator only when the answers carry
``Access-Control-Allow-Origin``. By default only pages served from this machine
(loopback origins) are allowed; ``serve --cors-origin ORIGIN`` (repeatable) and
``Emulator(cors_origins=[...])`` set the list.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from types import SimpleNamespace

import pytest

from dxpy.emulator import Emulator
from dxpy.emulator.__main__ import main
from dxpy.emulator._protocol.cors import CorsPolicy, is_loopback_origin, normalize_origin
from tests.emulator._core_helpers import raw

PREFLIGHT = {"Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization,content-type"}


def preflight(emu, origin, path="/system/whoami", **extra):
    headers = dict(PREFLIGHT, Origin=origin)
    headers.update(extra)
    return raw(emu, path, None, method="OPTIONS", token="", headers=headers)


@pytest.fixture(scope="module")
def listed_emulator(tmp_path_factory):
    """An emulator that allows one exact origin (and therefore no loopback page by default)."""
    emu = Emulator(str(tmp_path_factory.mktemp("cors")), cors_origins=["https://notebook.example.org"])
    with emu:
        yield emu


# -- the policy -----------------------------------------------------------------------------


@pytest.mark.parametrize("origin", [
    "http://127.0.0.1:8000", "http://127.0.0.1", "https://127.4.5.6:9", "http://localhost:3000",
    "http://LOCALHOST:3000", "http://app.localhost:1", "http://[::1]:8080",
])
def test_default_policy_allows_loopback_origins(origin):
    assert CorsPolicy().allows(origin)
    assert is_loopback_origin(origin)


@pytest.mark.parametrize("origin", [
    "http://a.example", "https://127.0.0.1.evil.example", "http://localhost.evil.example",
    "http://10.0.0.1:8000", "http://[::2]", "null", "", None, "file://", "ftp://127.0.0.1",
    "http://127.0.0.1:8000/path", "http://user@127.0.0.1", "http://127.0.0.1:99999",
])
def test_default_policy_refuses_other_origins(origin):
    assert not CorsPolicy().allows(origin)


def test_listed_origins_replace_the_default_and_compare_canonically():
    policy = CorsPolicy(["https://Notebook.Example.org:443", "http://127.0.0.1:8000"])
    assert policy.allows("https://notebook.example.org")
    assert policy.allows("http://127.0.0.1:8000")
    assert not policy.allows("http://127.0.0.1:8001")  # loopback is no longer implied
    assert not policy.allows("http://notebook.example.org")  # the scheme is part of the origin
    both = CorsPolicy(["loopback", "https://notebook.example.org"])
    assert both.allows("http://127.0.0.1:8001") and both.allows("https://notebook.example.org")


def test_none_refuses_every_origin():
    policy = CorsPolicy(["none"])
    assert not policy.allows("http://127.0.0.1:8000")
    assert policy.response_headers("http://127.0.0.1:8000") == {"Vary": "Origin"}


@pytest.mark.parametrize(("entries", "named"), [
    (["http://a.example/app"], "no path"),
    (["a.example"], "scheme must be http or https"),
    (["*"], "scheme must be http or https"),
    (["none", "loopback"], "cannot be combined"),
    ("http://a.example", "list of entries"),
])
def test_bad_entries_are_refused_with_a_reason(entries, named):
    with pytest.raises(ValueError, match=named):
        CorsPolicy(entries)


def test_normalize_origin_drops_default_ports_and_lowercases():
    assert normalize_origin("HTTP://Example.ORG:80") == "http://example.org"
    assert normalize_origin("https://[::1]:8443") == "https://[::1]:8443"


# -- the server, default policy -------------------------------------------------------------


def test_allowed_origin_gets_its_origin_echoed_and_the_needed_headers_exposed(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami", headers={"Origin": "http://127.0.0.1:8000"})
    assert reply.status == 200
    assert reply.headers["access-control-allow-origin"] == "http://127.0.0.1:8000"
    exposed = {h.strip().lower() for h in reply.headers["access-control-expose-headers"].split(",")}
    assert {"x-request-id", "retry-after"} <= exposed
    assert reply.headers["vary"] == "Origin"


def test_allowed_origin_sees_error_answers_too(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami", token="no-such-token", headers={"Origin": "http://localhost:5173"})
    assert reply.status == 401
    assert reply.headers["access-control-allow-origin"] == "http://localhost:5173"


@pytest.mark.parametrize("origin", ["http://a.example", "null", "http://127.0.0.1.evil.example"])
def test_refused_origin_gets_no_cors_headers(dx_emulator, origin):
    reply = raw(dx_emulator, "/system/whoami", headers={"Origin": origin})
    assert reply.status == 200  # the server does not hide anything from non-browser clients ...
    assert "access-control-allow-origin" not in reply.headers  # ... but a browser hides it from the page
    assert reply.headers["vary"] == "Origin"


def test_request_without_origin_has_no_cors_headers(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami")
    assert reply.status == 200
    assert not [h for h in reply.headers if h.startswith("access-control-")]


def test_preflight_for_allowed_origin(dx_emulator):
    reply = preflight(dx_emulator, "http://127.0.0.1:8000")
    assert reply.status == 204 and reply.body == b""
    assert reply.headers["access-control-allow-origin"] == "http://127.0.0.1:8000"
    assert reply.headers["access-control-allow-methods"] == "POST"
    allowed = {h.strip().lower() for h in reply.headers["access-control-allow-headers"].split(",")}
    assert allowed == {"authorization", "content-type"}
    assert int(reply.headers["access-control-max-age"]) > 0
    assert "access-control-allow-private-network" not in reply.headers


def test_preflight_for_refused_origin_is_forbidden(dx_emulator):
    reply = preflight(dx_emulator, "http://a.example")
    assert reply.status == 403
    assert "access-control-allow-origin" not in reply.headers
    error = reply.json()["error"]
    assert error["type"] == "ForbiddenClient" and "--cors-origin" in error["message"]


@pytest.mark.parametrize(("extra", "named"), [
    ({"Access-Control-Request-Method": "DELETE"}, "DELETE"),
    ({"Access-Control-Request-Headers": "authorization,x-custom"}, "x-custom"),
])
def test_preflight_refuses_other_methods_and_headers(dx_emulator, extra, named):
    reply = preflight(dx_emulator, "http://127.0.0.1:8000", **extra)
    assert reply.status == 403 and named in reply.json()["error"]["message"]
    assert "access-control-allow-origin" not in reply.headers


def test_preflight_grants_private_network_access_when_chrome_asks(listed_emulator):
    reply = preflight(listed_emulator, "https://notebook.example.org",
                      **{"Access-Control-Request-Private-Network": "true"})
    assert reply.status == 204
    assert reply.headers["access-control-allow-private-network"] == "true"


def test_options_without_origin_lists_the_allowed_methods(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami", None, method="OPTIONS", token="")
    assert reply.status == 204 and reply.headers["allow"] == "POST, OPTIONS"


def test_preflight_does_not_consume_armed_faults(dx_emulator):
    dx_emulator.call("emulator/faults", {"action": "add", "spec": "500:/system/whoami:1"})
    try:
        assert preflight(dx_emulator, "http://127.0.0.1:8000").status == 204
        reply = raw(dx_emulator, "/system/whoami", headers={"Origin": "http://127.0.0.1:8000"})
        assert reply.status == 500  # the fault was still armed for the real call
        assert reply.headers["access-control-allow-origin"] == "http://127.0.0.1:8000"  # readable by the page
    finally:
        dx_emulator.call("emulator/faults", {"action": "clear"})


# -- the server, a listed origin ----------------------------------------------------------


def test_listed_origin_is_allowed_and_loopback_pages_are_not(listed_emulator):
    ok = raw(listed_emulator, "/system/whoami", headers={"Origin": "https://notebook.example.org"})
    assert ok.headers["access-control-allow-origin"] == "https://notebook.example.org"
    refused = raw(listed_emulator, "/system/whoami", headers={"Origin": "http://127.0.0.1:8000"})
    assert "access-control-allow-origin" not in refused.headers
    assert preflight(listed_emulator, "http://127.0.0.1:8000").status == 403


def test_emulator_refuses_a_bad_origin_list_at_start(tmp_path):
    emu = Emulator(str(tmp_path), cors_origins=["http://a.example/path"])
    with pytest.raises(ValueError, match="no path"):
        emu.start()


# -- the command line -----------------------------------------------------------------------


def test_serve_rejects_a_bad_cors_origin_before_starting(capsys):
    with pytest.raises(SystemExit) as info:
        main(["serve", "--port", "0", "--cors-origin", "example.org"])
    assert info.value.code == 2
    assert "--cors-origin" in capsys.readouterr().err


def test_serve_cors_origin_option_sets_the_allowed_origins(tmp_path):
    env_file = tmp_path / "dx.env"
    proc = subprocess.Popen(
        [sys.executable, "-m", "dxpy.emulator", "serve", "--port", "0", "--env-file", str(env_file),
         "--cors-origin", "http://localhost:8000", "--cors-origin", "https://notebook.example.org"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        env = {}
        assert proc.stdout is not None
        while "DX_PROJECT_CONTEXT_ID" not in env:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "serve exited"
            name, _, value = line[len("export "):].strip().partition("=")
            env[name] = shlex.split(value)[0]

        target = SimpleNamespace(host=env["DX_APISERVER_HOST"], port=int(env["DX_APISERVER_PORT"]),
                                 token=json.loads(env["DX_SECURITY_CONTEXT"])["auth_token"])

        for origin in ("http://localhost:8000", "https://notebook.example.org"):
            assert preflight(target, origin).status == 204
            reply = raw(target, "/system/whoami", headers={"Origin": origin})
            assert reply.headers["access-control-allow-origin"] == origin
        assert preflight(target, "http://127.0.0.1:8000").status == 403
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
