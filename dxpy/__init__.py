"""dxpy: Python client for the DNAnexus Platform API.

Importing the package loads the configuration (see :mod:`dxpy._config`) into the
default :class:`~dxpy._context.ClientContext`. The familiar module globals
(``dxpy.APISERVER_HOST``, ``dxpy.SECURITY_CONTEXT``, ``dxpy.WORKSPACE_ID`` ...) are
views on that context: reading one reads the context, assigning one changes it.

Everything heavy is imported on first use: :func:`DXHTTPRequest` (``dxpy._http``),
:class:`DXHTTPOAuth2` (``dxpy._auth``), the ``api``, ``utils`` and ``config``
attributes, and every name exported by :mod:`dxpy.bindings` (``dxpy.DXFile`` ...).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import types
from typing import Any, Optional

from dxpy import _config
from dxpy._context import DEFAULT_APISERVER_HOST as DEFAULT_APISERVER_HOST
from dxpy._context import DEFAULT_APISERVER_PORT as DEFAULT_APISERVER_PORT
from dxpy._context import DEFAULT_APISERVER_PROTOCOL as DEFAULT_APISERVER_PROTOCOL
from dxpy._context import get_context
from dxpy._defaults import API_VERSION as API_VERSION
from dxpy._defaults import DEFAULT_RETRIES as DEFAULT_RETRIES
from dxpy._defaults import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from dxpy._defaults import default_user_agent
from dxpy._version import __version__
from dxpy.exceptions import DXError

logger = logging.getLogger(__name__)

TOOLKIT_VERSION = __version__
INCOMPLETE_READS_NUM_SUBCHUNKS = 8

#: The facade's own public names (``__all__``, computed on first use, adds the lazy ones).
_OWN_NAMES = [
    "API_VERSION", "TOOLKIT_VERSION", "DEFAULT_RETRIES", "DEFAULT_TIMEOUT", "INCOMPLETE_READS_NUM_SUBCHUNKS",
    "DEFAULT_APISERVER_PROTOCOL", "DEFAULT_APISERVER_HOST", "DEFAULT_APISERVER_PORT",
    "set_api_server_info", "set_security_context", "set_job_id", "set_workspace_id",
    "set_project_context", "set_watch_port", "get_auth_server_name",
]

#: Lazily loaded attributes: name -> (module, attribute or None for the module itself).
_LAZY = {
    "DXHTTPRequest": ("dxpy._http", "DXHTTPRequest"),
    "DXHTTPOAuth2": ("dxpy._auth", "DXHTTPOAuth2"),
    "api": ("dxpy.api", None),
    "exceptions": ("dxpy.exceptions", None),
    "utils": ("dxpy.utils", None),
    "_get_retry_response": ("dxpy._http", "get_retry_response"),
    "run": ("dxpy.utils.exec_utils", "run"),
    "entry_point": ("dxpy.utils.exec_utils", "entry_point"),
    "DXLogHandler": ("dxpy.dxlog", "DXLogHandler"),
    "download_all_inputs": ("dxpy.bindings.download_all_inputs", "download_all_inputs"),
}

_AUTH_SERVERS = {
    "api.dnanexus.com": "https://auth.dnanexus.com",
    "stagingapi.dnanexus.com": "https://stagingauth.dnanexus.com",
    "api.cn.dnanexus.com": "https://auth.cn.dnanexus.com:8001",
    "stagingapi.cn.dnanexus.com": "https://stagingauth.cn.dnanexus.com:7001",
}
_LOCAL_API_HOSTS = ("localhost", "127.0.0.1", "apiserver")


def set_api_server_info(host: Optional[str] = None, port: Any = None, protocol: Optional[str] = None) -> None:
    """Choose the API server; arguments that are not given keep their current value.

    :param host: API server host name.
    :param port: API server port; when only the protocol changes, a default port
        follows the protocol (443 for https, 80 for http).
    :param protocol: ``"http"`` or ``"https"``.
    :raises DXError: on a malformed host, port or protocol.
    """
    get_context().set_api_server_info(host=host, port=port, protocol=protocol)


def set_security_context(security_context: Optional[dict]) -> None:
    """Use these credentials for API calls (replaces any ``AUTH_HELPER`` set before).

    :param security_context: ``{"auth_token_type": "Bearer", "auth_token": "<token>"}``,
        or ``None`` for no credentials.
    :raises DXError: if the value is not a mapping with an ``auth_token``.
    """
    get_context().set_security_context(security_context)


def set_job_id(dxid: Optional[str]) -> None:
    """Set the ID of the running job (useful to test job code outside a job).

    :param dxid: a job ID, or ``None``.
    """
    get_context().set_job_id(dxid)


def set_workspace_id(dxid: Optional[str]) -> None:
    """Set the default container for new objects, searches and name resolution.

    :param dxid: a project or container ID, or ``None``.
    """
    get_context().set_workspace_id(dxid)


def set_project_context(dxid: Optional[str]) -> None:
    """Set the project context; this does not change the workspace.

    :param dxid: a project ID, or ``None``.
    """
    get_context().set_project_context(dxid)


def set_watch_port(port: Any = None) -> None:
    """Set the port used for the job-log websocket (``None`` = the API server port).

    :param port: a port number, or ``None``.
    """
    get_context().set_watch_port(port)


def get_auth_server_name(
    host_override: Optional[str] = None, port_override: Any = None, protocol: str = "https"
) -> str:
    """Guess the authentication server that goes with the configured API server.

    :param host_override: auth server host; requires *port_override* too.
    :param port_override: auth server port; requires *host_override* too.
    :param protocol: scheme used with the overrides.
    :returns: the auth server's base URL (for a local API server, the value of
        ``$DX_AUTHSERVER_HOST:$DX_AUTHSERVER_PORT`` as given).
    :raises DXError: if only one override is given, or the server cannot be guessed.
    """
    if host_override is not None or port_override is not None:
        if host_override is None or port_override is None:
            raise DXError("Both host and port must be specified if either is specified")
        return f"{protocol}://{host_override}:{port_override}"
    host = get_context().apiserver_host
    if host in _AUTH_SERVERS:
        return _AUTH_SERVERS[host]
    if host in _LOCAL_API_HOSTS:
        auth_host = os.environ.get("DX_AUTHSERVER_HOST")
        auth_port = os.environ.get("DX_AUTHSERVER_PORT")
        if not auth_host or not auth_port:
            raise DXError(
                f"The API server is {host}: set DX_AUTHSERVER_HOST and DX_AUTHSERVER_PORT "
                "to name the auth server"
            )
        return f"{auth_host}:{auth_port}"
    raise DXError(f"Could not determine which auth server is associated with {host}.")


def _context_property(field: str, setter: str, doc: str) -> property:
    def fget(module: types.ModuleType) -> Any:
        return getattr(get_context(), field)

    def fset(module: types.ModuleType, value: Any) -> None:
        getattr(get_context(), setter)(value)

    return property(fget, fset, doc=doc)


def _server_property(argument: str, field: str) -> property:
    def fget(module: types.ModuleType) -> Any:
        return getattr(get_context(), field)

    def fset(module: types.ModuleType, value: Any) -> None:
        get_context().set_api_server_info(**{argument: value})

    return property(fget, fset, doc=f"API server {argument} (assigning it changes APISERVER too).")


def _parse_apiserver(url: str) -> None:
    from dxpy._urls import parse_server_url

    protocol, host, port = parse_server_url(url)
    get_context().set_api_server_info(host=host, port=port, protocol=protocol)


class _DxpyModule(types.ModuleType):
    """The class of the ``dxpy`` module: its globals are views on the default context."""

    APISERVER_PROTOCOL = _server_property("protocol", "apiserver_protocol")
    APISERVER_HOST = _server_property("host", "apiserver_host")
    APISERVER_PORT = _server_property("port", "apiserver_port")
    APISERVER = property(
        lambda module: get_context().apiserver,
        lambda module, value: _parse_apiserver(value),
        doc="Base URL of the API server, 'proto://host[:port]'.",
    )
    SECURITY_CONTEXT = _context_property("security_context", "set_security_context", "Credentials.")
    JOB_ID = _context_property("job_id", "set_job_id", "ID of the running job, or None.")
    WORKSPACE_ID = _context_property("workspace_id", "set_workspace_id", "Default data container.")
    PROJECT_CONTEXT_ID = _context_property("project_context_id", "set_project_context", "Project context.")
    WATCH_PORT = _context_property("watch_port", "set_watch_port", "Job-log websocket port, or None.")
    _DEBUG = _context_property("debug_level", "set_debug_level", "Request trace level (_DX_DEBUG).")

    @property
    def AUTH_HELPER(self) -> Any:  # noqa: N802 (upstream name)
        """The auth object for API calls: the one assigned, else one built from SECURITY_CONTEXT."""
        ctx = get_context()
        if ctx.auth_helper is not None or ctx.security_context is None:
            return ctx.auth_helper
        cached = self.__dict__.get("_auth_helper_cache")
        if cached is None or cached[0] != ctx.generation:
            from dxpy._auth import DXHTTPOAuth2

            cached = (ctx.generation, DXHTTPOAuth2(ctx.security_context))
            self.__dict__["_auth_helper_cache"] = cached
        return cached[1]

    @AUTH_HELPER.setter
    def AUTH_HELPER(self, helper: Any) -> None:  # noqa: N802 (upstream name)
        get_context().set_auth_helper(helper)

    @property
    def USER_AGENT(self) -> str:  # noqa: N802 (upstream name)
        """``dxpy/<version> (<platform>) Python/<version>``, computed on first use."""
        agent = self.__dict__.get("_user_agent")
        if agent is None:
            agent = self.__dict__["_user_agent"] = default_user_agent()
        return agent

    @USER_AGENT.setter
    def USER_AGENT(self, value: str) -> None:  # noqa: N802 (upstream name)
        self.__dict__["_user_agent"] = value


_CONTEXT_NAMES = [n for n, v in vars(_DxpyModule).items() if isinstance(v, property)]


def _public_names() -> list[str]:
    """Everything ``from dxpy import *`` exports: upstream's set, without its stray imports."""
    bindings = importlib.import_module("dxpy.bindings")
    _lazy = importlib.import_module("dxpy._lazy")
    names = set(_OWN_NAMES) | set(_LAZY) | set(_CONTEXT_NAMES) | {"config", "bindings"}
    names.update(bindings.__all__, _lazy.STAR_EXCEPTIONS)
    names.update(_lazy.public_submodules(sys.modules[__name__]), _lazy.public_submodules(bindings))
    return sorted(n for n in names if not n.startswith("_") and n != "emulator")


def __getattr__(name: str) -> Any:
    value: Any
    if name == "__all__":
        value = globals()["__all__"] = _public_names()
        return value
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        module = importlib.import_module(module_name)
        value = module if attribute is None else getattr(module, attribute)
        globals()[name] = value
        return value
    if name == "config":
        value = _config.get_config()
        globals()[name] = value
        return value
    if name.startswith("_"):
        raise AttributeError(f"module 'dxpy' has no attribute {name!r}")
    from dxpy._lazy import submodule

    found = submodule(__name__, name)
    if found is not None:
        return found
    try:
        bindings = importlib.import_module("dxpy.bindings")
    except ModuleNotFoundError as exc:
        if exc.name != "dxpy.bindings":
            raise
        raise AttributeError(f"module 'dxpy' has no attribute {name!r}") from None
    try:
        return getattr(bindings, name)
    except AttributeError:
        raise AttributeError(f"module 'dxpy' has no attribute {name!r}") from None


def __dir__() -> list[str]:
    # completion wants every name, the lazy ones too: this loads dxpy.bindings (not urllib3)
    return sorted(set(globals()) | set(_public_names()))


sys.modules[__name__].__class__ = _DxpyModule

try:
    _config.configure_default_context()
except Exception as _exc:  # import dxpy must work whatever the configuration holds
    logger.warning("Could not load the dxpy configuration (%s); using defaults", type(_exc).__name__)
