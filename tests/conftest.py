"""Shared pytest fixtures.

Each engineer owns one section, delimited by ``# --- <name> fixtures ---``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Make ``tests._support`` importable however pytest was started (``pytest`` or ``python -m pytest``).
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests._support.testserver import TEST_TOKEN, ScriptedServer  # noqa: E402

# --- transport fixtures ---

@pytest.fixture(scope="session")
def _scripted_server_session() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def test_server(_scripted_server_session: ScriptedServer) -> Iterator[ScriptedServer]:
    """A scripted HTTP/1.1 server on 127.0.0.1 (shared, reset before and after each test).

    See :mod:`tests._support.testserver` for ``queue(reply(...), drop(), ...)``.
    """
    _scripted_server_session.reset()
    yield _scripted_server_session
    _scripted_server_session.reset()


@pytest.fixture
def dx_test_context(test_server: ScriptedServer) -> Iterator[ScriptedServer]:
    """Point the default ClientContext at ``test_server`` with token :data:`TEST_TOKEN`.

    The previous API server and credentials are restored afterwards.

    :returns: the scripted server.
    """
    from dxpy._context import get_context

    ctx = get_context()
    saved = ctx.snapshot()
    ctx.set_api_server_info(host=test_server.host, port=str(test_server.port), protocol="http")
    ctx.set_security_context({"auth_token_type": "Bearer", "auth_token": TEST_TOKEN})
    try:
        yield test_server
    finally:
        ctx.restore(saved)


class FakeClock:
    """A clock for :class:`dxpy._retry.RetryPolicy`: ``sleep`` records and advances time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    """A :class:`FakeClock` (``.sleeps`` lists the delays the retry policy asked for)."""
    return FakeClock()


@pytest.fixture
def fast_retries(fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Make ``DXHTTPRequest`` use a retry policy on ``fake_clock`` (no real sleeping).

    Jitter uses a seeded :class:`random.Random` whose ``randint`` returns the lower bound.

    :returns: the fake clock; ``fake_clock.sleeps`` lists the waits.
    """
    import random

    from dxpy import _http
    from dxpy._retry import RetryPolicy

    class _Low(random.Random):
        def randint(self, a: int, b: int) -> int:
            return a

    policy = RetryPolicy(clock=fake_clock, sleep=fake_clock.sleep, rand=_Low(0))
    monkeypatch.setattr(_http, "DEFAULT_RETRY_POLICY", policy)
    return fake_clock


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Remove every proxy variable from the environment (tests set their own).

    :returns: the monkeypatch object.
    """
    for name in ("http_proxy", "https_proxy", "no_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return monkeypatch


@pytest.fixture(scope="session")
def tls_cert(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A self-signed certificate for 127.0.0.1/localhost (skips when ``openssl`` is missing).

    :returns: :class:`tests._support.tls.CertPair`.
    """
    from tests._support import tls

    if not tls.openssl_available():
        pytest.skip("openssl command not available")
    return tls.make_self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def _tls_server_session(tls_cert: Any) -> Iterator[ScriptedServer]:
    from tests._support import tls

    server = ScriptedServer(ssl_context=tls.server_context(tls_cert))
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def tls_server(_tls_server_session: ScriptedServer) -> Iterator[ScriptedServer]:
    """A scripted HTTPS server on 127.0.0.1 presenting :func:`tls_cert` (reset per test)."""
    _tls_server_session.reset()
    yield _tls_server_session
    _tls_server_session.reset()


@pytest.fixture
def forward_proxy() -> Iterator[Any]:
    """A fresh forward proxy (:class:`tests._support.proxy.ForwardProxy`) on 127.0.0.1."""
    from tests._support.proxy import ForwardProxy

    proxy = ForwardProxy()
    try:
        yield proxy
    finally:
        proxy.close()


# --- config fixtures ---
# Keep the test session away from the real ~/.dnanexus_config and /opt/dnanexus: point
# DX_USER_CONF_DIR at a scratch directory, disable the system file, drop inherited DX_*
# variables and reload the default context from that clean environment.

import atexit as _atexit  # noqa: E402
import os as _os  # noqa: E402
import shutil as _shutil  # noqa: E402
import tempfile as _tempfile  # noqa: E402

_SESSION_CONF_DIR = _tempfile.mkdtemp(prefix="dxpy-test-conf-")
_atexit.register(_shutil.rmtree, _SESSION_CONF_DIR, True)
for _name in [n for n in _os.environ if n.startswith(("DX_", "_DX_"))]:
    del _os.environ[_name]
_os.environ["DX_USER_CONF_DIR"] = _SESSION_CONF_DIR
_os.environ["DX_SYSTEM_ENV_FILE"] = ""


def _reload_default_context() -> None:
    import dxpy._config
    from dxpy._context import get_context

    get_context().reset()
    dxpy._config._config = None
    dxpy._config.configure_default_context()


_reload_default_context()


@pytest.fixture
def dx_context() -> Iterator[Any]:
    """The default ``ClientContext``, restored (with the DX_* environment and ``dxpy.config``)
    after the test, so tests may change it freely.

    :returns: the default context.
    """
    import dxpy._config
    from dxpy._context import get_context

    ctx = get_context()
    saved = ctx.snapshot()
    saved_env = {n: v for n, v in _os.environ.items() if n.startswith(("DX_", "_DX_"))}
    saved_config, saved_loaded = dxpy._config._config, dxpy._config._loaded
    try:
        yield ctx
    finally:
        for name in [n for n in _os.environ if n.startswith(("DX_", "_DX_"))]:
            del _os.environ[name]
        _os.environ.update(saved_env)
        dxpy._config._config, dxpy._config._loaded = saved_config, saved_loaded
        ctx.restore(saved)


@pytest.fixture
def dx_conf_env(tmp_path: Path) -> dict:
    """A minimal environment for running ``import dxpy`` in a subprocess or for
    ``load_configuration(environ)``: HOME, DX_USER_CONF_DIR and DX_SYSTEM_ENV_FILE
    all point into ``tmp_path`` (the conf dir and system file are not created).

    :returns: a new ``dict`` the test may extend.
    """
    home = tmp_path / "home"
    home.mkdir()
    return {
        "HOME": str(home),
        "DX_USER_CONF_DIR": str(tmp_path / "conf"),
        "DX_SYSTEM_ENV_FILE": str(tmp_path / "opt-environment"),
        "PATH": _os.environ.get("PATH", "/usr/bin:/bin"),
    }

# --- end config fixtures ---
