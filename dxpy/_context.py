"""The client context: which API server to talk to, with which credentials, for which job.

One :class:`ClientContext` instance (see :func:`get_context`) backs the compatibility
globals of the :mod:`dxpy` facade (``dxpy.APISERVER_HOST``, ``dxpy.SECURITY_CONTEXT`` ...).
The configuration loader (:mod:`dxpy._config`) fills it at import time; the setter
functions (``dxpy.set_api_server_info`` ...) and assignments to the globals change it.

Every change bumps :attr:`ClientContext.generation`, so readers that derive something
from the fields (the transport caches the ``Authorization`` header) can tell when their
cached value went stale with a single integer comparison.

Writers serialise on a lock. The server is one immutable :class:`ServerInfo` value,
swapped whole, so a reader never sees a new protocol with an old host; a request takes
one consistent :class:`RequestView` (server URL, ``Authorization`` value, configuration
error) with :meth:`ClientContext.request_view`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, NamedTuple, Optional

from dxpy._urls import server_url
from dxpy.exceptions import DXError

DEFAULT_APISERVER_PROTOCOL = "https"
DEFAULT_APISERVER_HOST = "api.dnanexus.com"
DEFAULT_APISERVER_PORT = "443"

#: Port implied by each supported protocol (omitted from :attr:`ClientContext.apiserver`).
DEFAULT_PORTS = {"https": "443", "http": "80"}

#: Token types the client knows how to send (compared case-insensitively).
SUPPORTED_TOKEN_TYPES = ("bearer",)

_UNSET: Any = object()


def normalize_protocol(protocol: object) -> str:
    """Validate an API server protocol.

    :param protocol: ``"http"`` or ``"https"`` (any case).
    :returns: the protocol in lower case.
    :raises DXError: if the value is not one of the supported protocols.
    """
    if isinstance(protocol, str) and protocol.strip().lower() in DEFAULT_PORTS:
        return protocol.strip().lower()
    raise DXError(f"API server protocol must be 'http' or 'https', not {protocol!r}")


def normalize_port(port: object) -> str:
    """Validate a TCP port given as text or integer.

    :param port: a port number (``443`` or ``"443"``).
    :returns: the port as a decimal string.
    :raises DXError: if the value is not an integer between 1 and 65535.
    """
    if isinstance(port, bool):
        raise DXError(f"port must be a number between 1 and 65535, not {port!r}")
    text = str(port).strip() if isinstance(port, (str, int)) else ""
    if text.isdigit() and 0 < int(text) < 65536:
        return str(int(text))
    raise DXError(f"port must be a number between 1 and 65535, not {port!r}")


def validate_security_context(ctx: object) -> Optional[dict]:
    """Check that *ctx* looks like a security context and return a private copy.

    The token itself is never included in the error messages.

    :param ctx: a mapping with a non-empty string ``auth_token`` and, optionally, a
        string ``auth_token_type`` (default ``"Bearer"``); or ``None`` for "no credentials".
    :returns: a new ``dict`` (``None`` if *ctx* is ``None``).
    :raises DXError: if *ctx* is not a mapping or lacks a usable ``auth_token``.
    """
    if ctx is None:
        return None
    if not isinstance(ctx, Mapping):
        raise DXError(
            f"security context must be a mapping with an 'auth_token' key, not a {type(ctx).__name__}"
        )
    token = ctx.get("auth_token")
    if not isinstance(token, str) or not token:
        problem = "is missing" if token is None else "must be a non-empty string"
        raise DXError(f"security context 'auth_token' {problem}")
    token_type = ctx.get("auth_token_type", "Bearer")
    if not isinstance(token_type, str) or not token_type:
        raise DXError("security context 'auth_token_type' must be a non-empty string")
    copy = dict(ctx)
    copy.setdefault("auth_token_type", "Bearer")
    return copy


def _optional_str(value: object, what: str) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    raise DXError(f"{what} must be a string or None, not {type(value).__name__}")


class ServerInfo(NamedTuple):
    """The API server as one value: protocol, host, port (text) and the base URL built from them."""

    protocol: str
    host: str
    port: str
    url: str

    @classmethod
    def of(cls, protocol: str, host: str, port: str) -> ServerInfo:
        """Build the value, deriving the URL.

        :param protocol: ``"http"`` or ``"https"``.
        :param host: the host.
        :param port: the port as text.
        :returns: the new value.
        """
        return cls(protocol, host, port, server_url(protocol, host, port))


class RequestView(NamedTuple):
    """What one request needs from the context, read together under the writers' lock."""

    generation: int
    apiserver: str
    auth_header: Optional[str]
    #: why the configured server cannot be used (a configuration mistake), or None
    server_error: Optional[str]
    #: why the configured credentials cannot be used, or None
    credentials_error: Optional[str]
    #: where the token came from (for the 401 hint), or None
    token_source: Optional[str]


#: Source recorded for credentials given to :meth:`ClientContext.set_security_context`.
SET_BY_CALL = "dxpy.set_security_context()"
_SERVER_FIELDS = ("apiserver_protocol", "apiserver_host", "apiserver_port")


class ClientContext:
    """Server address, credentials and job identity used by the client.

    Fields (read them as plain attributes; change them with the setter methods, which
    validate and serialise writers; a direct assignment also moves :attr:`generation`):

    * ``apiserver_protocol`` (``"https"``), ``apiserver_host`` (``"api.dnanexus.com"``),
      ``apiserver_port`` (``"443"``, a string);
    * ``security_context``: ``{"auth_token_type": ..., "auth_token": ...}`` or ``None``;
    * ``auth_helper``: an explicit authentication object set by the user, or ``None``
      (the transport then derives the header from ``security_context``);
    * ``job_id``, ``workspace_id``, ``project_context_id``, ``watch_port``: ``str`` or ``None``;
    * ``debug_level`` (int), ``ca_cert`` (path, ``"NOVERIFY"`` or ``None``),
      ``use_os_ca_bundle`` (bool);
    * ``generation``: increases with every change (by at least one).
    """

    _FIELDS = (
        "apiserver_protocol",
        "apiserver_host",
        "apiserver_port",
        "security_context",
        "auth_helper",
        "job_id",
        "workspace_id",
        "project_context_id",
        "watch_port",
        "debug_level",
        "ca_cert",
        "use_os_ca_bundle",
        "config_errors",
        "token_source",
        "server_source",
    )

    _lock: threading.RLock
    _server: ServerInfo
    _view: Optional[RequestView]

    def __init__(self) -> None:
        """Create a context holding the defaults (no credentials, not in a job)."""
        object.__setattr__(self, "_lock", threading.RLock())
        object.__setattr__(self, "_server", ServerInfo.of(
            DEFAULT_APISERVER_PROTOCOL, DEFAULT_APISERVER_HOST, DEFAULT_APISERVER_PORT))
        object.__setattr__(self, "_view", None)
        #: configuration mistakes found at load time: "server" / "credentials" -> message
        self.config_errors: dict[str, str] = {}
        self.token_source: Optional[str] = None
        self.server_source: str = "the default API server"
        self.security_context: Optional[dict] = None
        self.auth_helper: Any = None
        self.job_id: Optional[str] = None
        self.workspace_id: Optional[str] = None
        self.project_context_id: Optional[str] = None
        self.watch_port: Optional[str] = None
        self.debug_level: int = 0
        self.ca_cert: Optional[str] = None
        self.use_os_ca_bundle: bool = False
        self.generation = 0

    # -- derived values -------------------------------------------------------------

    @property
    def server(self) -> ServerInfo:
        """The API server as one immutable value (read it once to use several parts together).

        :returns: the current :class:`ServerInfo`.
        """
        return self._server

    @property
    def apiserver(self) -> str:
        """Base URL of the API server, ``proto://host[:port]`` (default port left out).

        :returns: the URL without a trailing slash.
        """
        return self._server.url

    @property
    def apiserver_protocol(self) -> str:
        """``"http"`` or ``"https"``."""
        return self._server.protocol

    @property
    def apiserver_host(self) -> str:
        """The API server's host."""
        return self._server.host

    @property
    def apiserver_port(self) -> str:
        """The API server's port, as text."""
        return self._server.port

    def request_view(self) -> RequestView:
        """One consistent reading of what a request needs (cached until the next change).

        :returns: the :class:`RequestView` of the current generation.
        :raises DXUnsupportedTokenType: (a DXError and a NotImplementedError) if the token type is not
            one the client supports.
        """
        view = self._view
        if view is not None and view.generation == self.generation:
            return view
        with self._lock:
            errors = self.config_errors
            view = RequestView(self.generation, self._server.url, self.auth_header(), errors.get("server"),
                               errors.get("credentials"),
                               self.token_source if self.security_context is not None else None)
            object.__setattr__(self, "_view", view)
        return view

    def auth_header(self) -> Optional[str]:
        """Value of the ``Authorization`` header for the current security context.

        :returns: ``"<auth_token_type> <auth_token>"``, or ``None`` without credentials.
        :raises DXUnsupportedTokenType: (a DXError and a NotImplementedError) if the token type is not
            one the client supports.
        """
        ctx = self.security_context
        if ctx is None:
            return None
        token_type = ctx.get("auth_token_type", "Bearer")
        if str(token_type).lower() not in SUPPORTED_TOKEN_TYPES:
            from dxpy.exceptions import DXUnsupportedTokenType

            raise DXUnsupportedTokenType(
                f"unsupported auth_token_type {token_type!r} in the security context "
                "(only 'Bearer' tokens are supported)"
            )
        return f"{token_type} {ctx['auth_token']}"

    # -- setters ------------------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        # Direct assignments (tests, old code) go through the lock and move ``generation``
        # just like the setters; a server part replaces the whole server value at once.
        with self._lock:
            if name in _SERVER_FIELDS:
                current = self._server._asdict()
                current[name[len("apiserver_"):]] = value
                object.__setattr__(self, "_server", ServerInfo.of(
                    current["protocol"], current["host"], current["port"]))
            else:
                object.__setattr__(self, name, value)
            if name in _FIELD_NAMES:
                object.__setattr__(self, "generation", self.__dict__.get("generation", 0) + 1)

    def _update(self, **fields: Any) -> None:
        with self._lock:
            server = {k[len("apiserver_"):]: fields.pop(k) for k in _SERVER_FIELDS if k in fields}
            if server:
                merged = dict(self._server._asdict(), **server)
                object.__setattr__(self, "_server", ServerInfo.of(merged["protocol"], merged["host"],
                                                                   merged["port"]))
                object.__setattr__(self, "generation", self.generation + 1)
            for name, value in fields.items():
                setattr(self, name, value)

    def set_config_error(self, field: str, message: Optional[str]) -> None:
        """Record (or clear, with ``None``) a configuration mistake that makes *field* unusable.

        While recorded, every request fails with a :class:`DXError` carrying *message*;
        setting the field explicitly (``set_api_server_info(host=...)``,
        ``set_security_context``) clears it.

        :param field: ``"server"`` or ``"credentials"``.
        :param message: what is wrong and where (never the secret), or ``None``.
        :raises DXError: for another *field*.
        """
        if field not in ("server", "credentials"):
            raise DXError(f"unknown configuration field {field!r}")
        with self._lock:
            errors = dict(self.config_errors)
            if message is None:
                errors.pop(field, None)
            else:
                errors[field] = message
            self.config_errors = errors

    def set_api_server_info(
        self, host: Optional[str] = None, port: Any = None, protocol: Optional[str] = None,
        source: str = "dxpy.set_api_server_info()",
    ) -> None:
        """Change which API server to talk to; arguments left as ``None`` keep their value.

        When *protocol* changes and no *port* is given, a port that was the default of
        the old protocol (or empty) follows the new protocol's default (443 <-> 80);
        an explicit non-default port is kept. ``port=""`` means "the protocol's default".

        :param host: API server host name.
        :param port: API server port (``str`` or ``int``).
        :param protocol: ``"http"`` or ``"https"``.
        :param source: where the setting came from, named by connection errors.
        :raises DXError: on an empty host, a non-numeric port or an unknown protocol
            (nothing is changed then).
        """
        with self._lock:
            new_proto = self.apiserver_protocol if protocol is None else normalize_protocol(protocol)
            new_host = self.apiserver_host
            if host is not None:
                if not isinstance(host, str) or not host.strip():
                    raise DXError(f"API server host must be a non-empty string, not {host!r}")
                new_host = host.strip()
            if port is None:
                new_port = self.apiserver_port
                if new_proto != self.apiserver_protocol and (
                    not new_port or new_port == DEFAULT_PORTS.get(self.apiserver_protocol)
                ):
                    new_port = DEFAULT_PORTS[new_proto]
            elif port == "":
                new_port = DEFAULT_PORTS[new_proto]
            else:
                new_port = normalize_port(port)
            self._update(apiserver_protocol=new_proto, apiserver_host=new_host, apiserver_port=new_port,
                         server_source=source)
            if host is not None:
                self.set_config_error("server", None)

    def set_security_context(self, ctx: Optional[Mapping[str, Any]], source: str = SET_BY_CALL) -> None:
        """Use the given credentials for API calls (``None`` removes them).

        This also drops any explicit :attr:`auth_helper`, so the new token is used, and
        clears a configuration mistake recorded for the credentials.

        :param ctx: ``{"auth_token_type": "Bearer", "auth_token": "..."}``.
        :param source: where the token came from, named by the hint of a 401 answer.
        :raises DXError: if *ctx* is malformed (the token is never echoed).
        """
        checked = validate_security_context(ctx)
        with self._lock:
            self._update(security_context=checked, auth_helper=None, token_source=source)
            self.set_config_error("credentials", None)

    def set_auth_helper(self, helper: Any) -> None:
        """Install an explicit authentication object (``None`` = derive from the security context).

        :param helper: a callable or ``requests`` auth object, or ``None``.
        """
        self._update(auth_helper=helper)

    def set_job_id(self, dxid: Optional[str]) -> None:
        """Set the ID of the running job (``None`` = not in a job).

        :param dxid: a job ID such as ``"job-xxxx"``, or ``None``.
        :raises DXError: if *dxid* is neither a string nor ``None``.
        """
        self._update(job_id=_optional_str(dxid, "job ID"))

    def set_workspace_id(self, dxid: Optional[str]) -> None:
        """Set the default container for new objects, searches and name resolution.

        :param dxid: a project or container ID, or ``None``.
        :raises DXError: if *dxid* is neither a string nor ``None``.
        """
        self._update(workspace_id=_optional_str(dxid, "workspace ID"))

    def set_project_context(self, dxid: Optional[str]) -> None:
        """Set the project context (the job's project, or the user's current project).

        This does not change :attr:`workspace_id`.

        :param dxid: a project ID, or ``None``.
        :raises DXError: if *dxid* is neither a string nor ``None``.
        """
        self._update(project_context_id=_optional_str(dxid, "project context ID"))

    def set_watch_port(self, port: Any = None) -> None:
        """Set the port of the job-log websocket (``None`` = use the API server port).

        :param port: a port number (``str`` or ``int``), or ``None``/``""``.
        :raises DXError: if *port* is not a valid port.
        """
        self._update(watch_port=None if port is None or port == "" else normalize_port(port))

    def set_debug_level(self, level: int) -> None:
        """Set the request-trace verbosity (``_DX_DEBUG``: 0 off, 1-3 more detail).

        :param level: a non-negative integer.
        :raises DXError: if *level* is not a non-negative integer.
        """
        if isinstance(level, bool) or not isinstance(level, int) or level < 0:
            raise DXError(f"debug level must be a non-negative integer, not {level!r}")
        self._update(debug_level=level)

    def set_tls_options(self, ca_cert: Any = _UNSET, use_os_ca_bundle: Any = _UNSET) -> None:
        """Change the TLS verification settings; arguments not given keep their value.

        :param ca_cert: path of a CA bundle, ``"NOVERIFY"`` to disable verification, or ``None``.
        :param use_os_ca_bundle: ``True`` to rely on the system's trust store.
        :raises DXError: if *ca_cert* is neither a string nor ``None``.
        """
        fields: dict[str, Any] = {}
        if ca_cert is not _UNSET:
            fields["ca_cert"] = _optional_str(ca_cert, "CA certificate path") or None
        if use_os_ca_bundle is not _UNSET:
            fields["use_os_ca_bundle"] = bool(use_os_ca_bundle)
        self._update(**fields)

    # -- whole-state helpers (tests, temporary overrides) ----------------------------

    def snapshot(self) -> dict[str, Any]:
        """Copy every field into a dictionary (see :meth:`restore`).

        :returns: a ``dict`` mapping field names to values (it contains the token).
        """
        with self._lock:
            state = {name: getattr(self, name) for name in self._FIELDS}
        if state["security_context"] is not None:
            state["security_context"] = dict(state["security_context"])
        state["config_errors"] = dict(state["config_errors"])
        return state

    def restore(self, state: Mapping[str, Any]) -> None:
        """Put back fields saved by :meth:`snapshot` (unknown keys are rejected).

        :param state: a mapping as returned by :meth:`snapshot`.
        :raises DXError: if *state* names a field the context does not have.
        """
        unknown = set(state) - set(self._FIELDS)
        if unknown:
            raise DXError(f"unknown context fields: {', '.join(sorted(unknown))}")
        self._update(**dict(state))

    def reset(self) -> None:
        """Return every field to its default (no server override, no credentials, no job)."""
        self.restore(ClientContext().snapshot())

    def __repr__(self) -> str:
        ctx = self.security_context
        creds = "none" if ctx is None else f"{ctx.get('auth_token_type', 'Bearer')} <redacted>"
        return (
            f"<ClientContext {self.apiserver} credentials={creds} job_id={self.job_id!r} "
            f"workspace_id={self.workspace_id!r} project_context_id={self.project_context_id!r} "
            f"generation={self.generation}>"
        )


_FIELD_NAMES = frozenset(ClientContext._FIELDS)
_default_context = ClientContext()


def get_context() -> ClientContext:
    """Return the process-wide default context (the one ``dxpy.*`` globals show).

    :returns: the shared :class:`ClientContext`.
    """
    return _default_context
