"""Cross-origin resource sharing (CORS): which web pages may call the emulator.

A page served from another origin (``http://127.0.0.1:8000`` calling an emulator
on ``http://127.0.0.1:8124``) can read the emulator's answers only when they carry
``Access-Control-Allow-Origin``, and its browser asks first with a *preflight*
``OPTIONS`` request because API calls send ``Authorization`` and a JSON body.

:class:`CorsPolicy` decides. It holds the allowed origins, given as a list of
entries:

``loopback``
    any ``http``/``https`` origin whose host is ``localhost`` (or a name under
    ``.localhost``), an address in ``127.0.0.0/8`` or ``[::1]``, on any port.
    This is the default: only pages served from the same machine get an answer
    they can read.
``none``
    no origin at all (cross-origin pages are refused; non-browser clients,
    which send no ``Origin``, are not affected).
``scheme://host[:port]``
    exactly that origin (the default port of the scheme may be written or not).

An allowed origin is echoed in ``Access-Control-Allow-Origin`` (never ``*``),
with ``Vary: Origin`` and ``Access-Control-Expose-Headers`` listing the headers
a client needs (``X-Request-ID``, ``Retry-After``). A refused origin gets no
CORS headers on ordinary answers (the browser then hides the answer from the
page) and ``403 ForbiddenClient`` for its preflight. ``Origin: null`` (files
opened from disk, sandboxed frames) is never allowed: any site can produce it.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from typing import Optional
from urllib.parse import urlsplit

__all__ = [
    "ALLOWED_HEADERS",
    "CorsPolicy",
    "DEFAULT_ORIGINS",
    "EXPOSED_HEADERS",
    "is_loopback_origin",
    "normalize_origin",
    "preflight_response",
]

#: The default ``--cors-origin`` list.
DEFAULT_ORIGINS: tuple[str, ...] = ("loopback",)
#: Request headers a page may send to API routes.
ALLOWED_HEADERS = ("Authorization", "Content-Type")
#: Methods a page may use (API calls are POSTs).
ALLOWED_METHODS = ("POST",)
#: Response headers a page may read besides the CORS-safelisted ones.
EXPOSED_HEADERS = ("X-Request-ID", "Retry-After")
#: How long (seconds) a browser may cache a preflight answer.
PREFLIGHT_MAX_AGE = 600

_DEFAULT_PORTS = {"http": 80, "https": 443}
_KEYWORDS = ("loopback", "none")


def normalize_origin(text: str) -> str:
    """Return the canonical form of an origin: ``scheme://host[:port]``, lower case.

    The scheme's default port is dropped (``http://a:80`` -> ``http://a``).

    :param text: an origin such as ``http://127.0.0.1:8000``.
    :returns: the canonical origin.
    :raises ValueError: naming the problem when ``text`` is not an ``http``/``https``
        origin (a path, query, fragment or user name is not part of an origin).
    """
    if not isinstance(text, str) or not text or text != text.strip():
        raise ValueError(f"not an origin: {text!r} (expected scheme://host[:port])")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(f"not an origin: {text!r} (bad port or address)") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError(f"not an origin: {text!r} (the scheme must be http or https)")
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise ValueError(f"not an origin: {text!r} (expected scheme://host[:port])")
    if parts.path or parts.query or parts.fragment or text.endswith(("?", "#")):
        raise ValueError(f"not an origin: {text!r} (an origin has no path, query or fragment)")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def is_loopback_origin(origin: str) -> bool:
    """Whether an origin names this machine (``localhost``, ``127.0.0.0/8`` or ``::1``).

    :param origin: an origin (any form :func:`normalize_origin` accepts).
    :returns: True for a loopback origin; False otherwise, and for anything that is not
        an origin.
    """
    try:
        host = urlsplit(normalize_origin(origin)).hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class CorsPolicy:
    """The set of origins whose pages may call the emulator.

    :param origins: entries as described in the module docstring (``loopback``,
        ``none`` or exact origins); ``None`` means :data:`DEFAULT_ORIGINS`.
    :raises ValueError: naming the first entry that is not a keyword or an origin, or
        when ``none`` is combined with other entries.
    """

    def __init__(self, origins: Optional[Iterable[str]] = None) -> None:
        if isinstance(origins, str):
            raise ValueError("origins must be a list of entries, not one string")
        entries = list(DEFAULT_ORIGINS if origins is None else origins)
        self.loopback = False
        self.exact: frozenset[str] = frozenset()
        exact: set[str] = set()
        for entry in entries:
            word = entry.strip().lower() if isinstance(entry, str) else entry
            if word == "loopback":
                self.loopback = True
            elif word == "none":
                if len(entries) > 1:
                    raise ValueError("CORS origin 'none' cannot be combined with other origins")
            else:
                try:
                    exact.add(normalize_origin(entry))
                except ValueError as exc:
                    raise ValueError(f"CORS origin {entry!r}: {exc} (or one of {', '.join(_KEYWORDS)})"
                                     ) from None
        self.exact = frozenset(exact)

    def __repr__(self) -> str:
        shown = (["loopback"] if self.loopback else []) + sorted(self.exact)
        return f"CorsPolicy({shown or ['none']})"

    def allows(self, origin: Optional[str]) -> bool:
        """Whether a page from ``origin`` may read the emulator's answers.

        :param origin: the request's ``Origin`` header value (None when absent).
        :returns: True when allowed; False for absent, ``null``, malformed or unlisted origins.
        """
        if not origin or origin == "null":
            return False
        try:
            canonical = normalize_origin(origin)
        except ValueError:
            return False
        if canonical in self.exact:
            return True
        return self.loopback and is_loopback_origin(canonical)

    def response_headers(self, origin: Optional[str]) -> dict[str, str]:
        """CORS headers for an ordinary (non-preflight) answer.

        :param origin: the request's ``Origin`` header value (None when absent).
        :returns: the headers to add: none without an ``Origin``; ``Vary: Origin`` for a
            refused origin; for an allowed one also ``Access-Control-Allow-Origin`` (the
            origin, exactly as sent) and ``Access-Control-Expose-Headers``.
        """
        if not origin:
            return {}
        if not self.allows(origin):
            return {"Vary": "Origin"}
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Expose-Headers": ", ".join(EXPOSED_HEADERS),
            "Vary": "Origin",
        }


def preflight_response(policy: CorsPolicy, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
    """Answer an ``OPTIONS`` request (a CORS preflight, or a plain capability query).

    :param policy: the server's policy.
    :param headers: the request headers, lower-case names.
    :returns: ``(status, JSON body, headers)``: ``204`` with the allow headers for an allowed
        origin asking for ``POST`` with at most ``Authorization`` and ``Content-Type``;
        ``403 ForbiddenClient`` (naming what was refused) for anything else that carries an
        ``Origin``; ``204`` with ``Allow: POST, OPTIONS`` without one.
    """
    origin = headers.get("origin")
    if not origin:
        return 204, b"", {"Allow": "POST, OPTIONS"}
    refusal = _preflight_refusal(policy, origin, headers)
    if refusal is not None:
        body = {"error": {"type": "ForbiddenClient", "message": refusal}}
        return 403, json.dumps(body).encode("utf-8"), {"Vary": "Origin"}
    out = {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
        "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
        "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE),
        "Vary": "Origin",
    }
    if headers.get("access-control-request-private-network", "").lower() == "true":
        # Chrome asks this before letting a page on a public address call a loopback one.
        out["Access-Control-Allow-Private-Network"] = "true"
    return 204, b"", out


def _preflight_refusal(policy: CorsPolicy, origin: str, headers: dict[str, str]) -> Optional[str]:
    if not policy.allows(origin):
        return ("Cross-origin requests from this origin are not allowed; start the emulator "
                "with --cors-origin ORIGIN to allow it")
    method = headers.get("access-control-request-method", "POST").strip().upper()
    if method not in ALLOWED_METHODS:
        return f"Cross-origin method {method} is not allowed (API calls use POST)"
    allowed = {h.lower() for h in ALLOWED_HEADERS}
    asked = [h.strip().lower() for h in headers.get("access-control-request-headers", "").split(",")]
    extra = sorted(h for h in asked if h and h not in allowed)
    if extra:
        return f"Cross-origin request headers not allowed: {', '.join(extra)}"
    return None
