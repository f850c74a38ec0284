"""``DXHTTPOAuth2``: the ``requests`` authentication object for a DNAnexus security context.

Importing this module imports :mod:`requests`; :mod:`dxpy` only loads it when
someone asks for ``dxpy.DXHTTPOAuth2`` or ``dxpy.AUTH_HELPER``.  The transport does
not need it: with ``auth=True`` it builds the ``Authorization`` header straight
from the client context.

The object works both as a ``requests`` auth object (``session.get(url,
auth=DXHTTPOAuth2(ctx))``) and as the ``auth`` callable of
:func:`dxpy.DXHTTPRequest` (``auth(method, url, headers)``).  The token never
appears in its ``repr``, in ``str`` or in error messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from requests.auth import AuthBase

from dxpy.exceptions import DXError, DXUnsupportedTokenType

__all__ = ["DXHTTPOAuth2"]

_SUPPORTED_TYPES = ("bearer",)


class DXHTTPOAuth2(AuthBase):
    """Adds ``Authorization: <auth_token_type> <auth_token>`` to requests.

    :param security_context: ``{"auth_token_type": "Bearer", "auth_token": "..."}``
        (``auth_token_type`` defaults to ``"Bearer"``).
    :raises DXError: if the security context is malformed or uses an unsupported token type
        (the token itself is never included in the message).
    """

    __slots__ = ("_header",)

    def __init__(self, security_context: Mapping[str, Any]) -> None:
        if not isinstance(security_context, Mapping):
            raise DXError("DXHTTPOAuth2: the security context must be a mapping, not "
                          f"{type(security_context).__name__}")
        token = security_context.get("auth_token")
        if not isinstance(token, str) or not token:
            raise DXError("DXHTTPOAuth2: the security context has no usable 'auth_token'")
        token_type = security_context.get("auth_token_type", "Bearer") or "Bearer"
        if not isinstance(token_type, str) or token_type.lower() not in _SUPPORTED_TYPES:
            raise DXUnsupportedTokenType(f"DXHTTPOAuth2: unsupported auth_token_type {token_type!r} "
                          "(only 'Bearer' tokens are supported)")
        self._header = f"{token_type} {token}"

    @property
    def header_value(self) -> str:
        """The ``Authorization`` header value (contains the token: never log it)."""
        return self._header

    def __call__(self, r: Any, url: Optional[str] = None, headers: Optional[dict] = None) -> Any:
        """Authenticate a request.

        Called as ``auth(prepared_request)`` by ``requests`` (the request is returned), or
        as ``auth(method, url, headers)`` by :func:`dxpy.DXHTTPRequest` (``headers`` is
        updated in place).

        :param r: a ``requests.PreparedRequest``, or the HTTP method.
        :param url: the URL (three-argument form).
        :param headers: the headers to update (three-argument form).
        :returns: the request (``requests`` form) or ``None``.
        """
        if headers is not None:
            headers["Authorization"] = self._header
            return None
        r.headers["Authorization"] = self._header
        return r

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DXHTTPOAuth2) and other._header == self._header

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._header)

    def __repr__(self) -> str:
        token_type = self._header.split(" ", 1)[0]
        return f"<DXHTTPOAuth2 {token_type} <redacted>>"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        # Pickling would otherwise fail on __slots__; keep the token out of any default state dump.
        token_type, token = self._header.split(" ", 1)
        return (DXHTTPOAuth2, ({"auth_token_type": token_type, "auth_token": token},))
