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
