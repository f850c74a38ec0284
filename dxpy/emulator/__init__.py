"""A local DNAnexus API server (``dxpy.emulator``), standard library only.

Run it from the command line (``python -m dxpy.emulator serve`` / ``exec``) or
from Python::

    from dxpy.emulator import Emulator

    with Emulator() as emu:            # temporary state, free port
        restore = emu.configure_dxpy() # point dxpy's default context at it
        ...
        restore()

``import dxpy`` never imports this package, and importing this package does not
load the server modules until an :class:`Emulator` is started.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:  # pragma: no cover
    from dxpy.emulator._protocol.server import EmulatorServer

from dxpy.emulator._data.lock import StateDirectoryInUse

__all__ = ["Emulator", "EmulatorCallError", "DxpyRestorer", "StateDirectoryInUse"]


class EmulatorCallError(Exception):
    """An API call made with :meth:`Emulator.call` failed.

    :param status: HTTP status.
    :param error_type: the platform error type (``""`` when the body was not an error document).
    :param message: the error message.
    """

    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(f"{status} {error_type}: {message}")
        self.status = status
        self.error_type = error_type
        self.message = message


class DxpyRestorer:
    """Undoes :meth:`Emulator.configure_dxpy`; call it, or use it as a context manager.

    :param restore: the function putting the previous values back.
    """

    def __init__(self, restore: Callable[[], None]) -> None:
        self._restore: Optional[Callable[[], None]] = restore

    def __call__(self) -> None:
        """Restore dxpy's previous configuration (only the first call has an effect)."""
        restore, self._restore = self._restore, None
        if restore is not None:
            restore()

    def __enter__(self) -> DxpyRestorer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self()


class Emulator:
    """An emulator server running in a background thread of this process.

    :param state_dir: state directory to use (kept); None: a temporary one, removed by :meth:`stop`.
    :param port: TCP port; 0 picks a free one.
    :param host: interface to bind (default loopback only).
    :param faults: fault spec armed at start (see ``docs/emulator.rst``).
    :param user: handle of the default (admin) user created on first start.
    :param cors_origins: origins whose web pages may call the server: exact origins
        (``"http://127.0.0.1:8000"``), ``"loopback"`` (any page served from this machine) or
        ``"none"``; default: loopback only (see ``docs/emulator.rst``).
    """

    def __init__(
        self,
        state_dir: Optional[str] = None,
        port: int = 0,
        host: str = "127.0.0.1",
        faults: Optional[str] = None,
        user: str = "emulator",
        cors_origins: Optional[Sequence[str]] = None,
    ) -> None:
        self._args = (state_dir, host, port, faults, user)
        self._cors_origins = None if cors_origins is None else list(cors_origins)
        self._server: Optional[EmulatorServer] = None

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> Emulator:
        """Start serving (idempotent).

        :returns: self.
        :raises OSError: when the port cannot be bound.
        :raises StateDirectoryInUse: when another emulator serves the same state directory.
        :raises ValueError: for a malformed ``cors_origins`` entry.
        """
        if self._server is None:
            from dxpy.emulator._protocol.server import EmulatorServer

            state_dir, host, port, faults, user = self._args
            self._server = EmulatorServer(state_dir, host, port, faults, user,
                                          cors_origins=self._cors_origins).start()
        return self

    def stop(self) -> None:
        """Stop serving and release the state (a temporary state dir is deleted)."""
        server, self._server = self._server, None
        if server is not None:
            server.stop()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def server(self) -> EmulatorServer:
        """The running :class:`~dxpy.emulator._protocol.server.EmulatorServer`.

        :raises RuntimeError: when not started.
        """
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() or use it as a context manager")
        return self._server

    # -- facts --------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:40123``."""
        return self.server.url

    @property
    def host(self) -> str:
        """Host name clients connect to."""
        return self.server.client_host

    @property
    def port(self) -> int:
        """The bound port."""
        return self.server.port

    @property
    def env(self) -> dict[str, str]:
        """``DX_*`` environment variables for a process that should use this server."""
        return self.server.env()

    @property
    def token(self) -> str:
        """The default user's API token."""
        return self.server.token

    @property
    def user_id(self) -> str:
        """The default user's ID."""
        return self.server.user_id

    @property
    def project_id(self) -> Optional[str]:
        """The default project's ID."""
        return self.server.project_id

    @property
    def state_dir(self) -> str:
        """The state directory."""
        return self.server.state_dir

    def __repr__(self) -> str:
        where = self._server.url if self._server is not None else "stopped"
        return f"<Emulator {where}>"

    # -- helpers ------------------------------------------------------------

    def new_user(self, name: str, admin: bool = False) -> tuple[str, str]:
        """Create another user with its own token (for permission tests).

        :param name: the handle (``bob`` gives ``user-bob``).
        :param admin: allow the ``/emulator`` control routes.
        :returns: ``(user_id, token)``.
        """
        return self.server.new_user(name, admin=admin)

    def call(self, route: str, body: Any = None, token: Optional[str] = None, timeout: float = 60) -> Any:
        """POST one API call with the standard library (no dxpy client involved).

        :param route: path such as ``"/system/whoami"`` or ``"project-xxxx/describe"``.
        :param body: JSON input (default ``{}``).
        :param token: bearer token (default: the default user's); ``""`` sends none.
        :param timeout: socket timeout in seconds.
        :returns: the parsed JSON output.
        :raises EmulatorCallError: for any non-200 answer.
        """
        token = self.token if token is None else token
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request("POST", "/" + route.lstrip("/"), json.dumps({} if body is None else body), headers)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        try:
            doc = json.loads(data.decode("utf-8"))
        except ValueError:
            doc = None
        if resp.status != 200:
            err = doc.get("error", {}) if isinstance(doc, dict) else {}
            message = str(err.get("message", data[:200]))
            raise EmulatorCallError(resp.status, str(err.get("type", "")), message)
        return doc

    def configure_dxpy(self, project_id: Optional[str] = None, token: Optional[str] = None) -> DxpyRestorer:
        """Point dxpy's default context at this server.

        Sets the API server, the security context (Bearer token), the project
        context and the workspace (both to ``project_id``, default: the default project).

        :param project_id: project to use as context and workspace.
        :param token: token to authenticate with (default: the default user's).
        :returns: a :class:`DxpyRestorer`; call it (or leave its ``with`` block) to restore the
            previous values.
        """
        import dxpy
        from dxpy._context import get_context

        context = get_context()
        saved = context.snapshot()  # every field: the job ID and the auth helper come back too
        project = project_id or self.project_id
        dxpy.set_api_server_info(host=self.host, port=self.port, protocol="http")
        dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": token or self.token})
        dxpy.set_project_context(project)
        dxpy.set_workspace_id(project)

        def restore() -> None:
            context.restore(saved)

        return DxpyRestorer(restore)
