"""Who am I: the caller's user ID and, from the auth server, user information.

Upstream path ``dxpy.bindings.auth``; re-exported as ``dxpy.whoami`` and ``dxpy.user_info``.
"""

from __future__ import annotations

from typing import Any

from . import _api_function


def whoami() -> str:
    """Return the ID of the user (or job's user) the configured token belongs to.

    :returns: a ``user-xxxx`` ID
    :raises DXAPIError: e.g. ``InvalidAuthentication`` for a bad token
    """
    return _api_function("system_whoami")({}, always_retry=True)["id"]


def user_info(authserver_host: str | None = None, authserver_port: Any = None) -> dict[str, Any]:
    """Ask the auth server about the configured token's user (``/system/getUserInfo``).

    The auth server is chosen from the API server name (see
    :func:`dxpy.get_auth_server_name`) unless given explicitly. This route lives on the
    auth server, not the API server, so it is not in :mod:`dxpy.api`; the token is sent
    explicitly because the transport only adds it for the API server.

    :param authserver_host: auth server host override
    :param authserver_port: auth server port override
    :returns: the user information (includes ``username``)
    :raises DXError: if the auth server cannot be determined
    """
    import dxpy
    from dxpy import get_auth_server_name

    server = get_auth_server_name(authserver_host, authserver_port)
    return dxpy.DXHTTPRequest(
        server + "/system/getUserInfo", {}, prepend_srv=False, auth=dxpy.AUTH_HELPER, always_retry=True
    )


__all__ = ["whoami", "user_info"]
