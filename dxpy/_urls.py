"""URLs, built and taken apart in one place, with :mod:`urllib.parse`.

Where the token may go is decided by comparing *origins* (scheme, host, port), so every
module that builds an API URL, compares two URLs or hides a URL's secrets in a message
uses these functions rather than string slicing of its own.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import SplitResult, urlsplit, urlunsplit

from dxpy.exceptions import DXError

#: Port implied by each supported scheme.
DEFAULT_PORTS = {"https": 443, "http": 80}


class Origin(NamedTuple):
    """Where a request goes: ``(scheme, host, port)``, lower case, the port always explicit."""

    scheme: str
    host: str
    port: int


def _split(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise DXError(f"not a usable URL: {redact_url(url)!r} ({exc})") from None
    return parts


def origin(url: str) -> Origin:
    """The origin of an absolute ``http(s)`` URL.

    :param url: e.g. ``"https://api.dnanexus.com/system/whoami"``.
    :returns: e.g. ``Origin("https", "api.dnanexus.com", 443)``.
    :raises DXError: when the URL has no http(s) scheme or host, or a bad port.
    """
    parts = _split(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise DXError(f"not an absolute http(s) URL: {redact_url(url)!r}")
    return Origin(scheme, parts.hostname.lower(), parts.port or DEFAULT_PORTS[scheme])


def same_origin(url: str, other: str) -> bool:
    """Whether two URLs go to the same scheme, host and port (unusable URLs never match).

    :param url: an absolute URL.
    :param other: another absolute URL.
    :returns: True when their origins are equal.
    """
    try:
        return origin(url) == origin(other)
    except DXError:
        return False


def server_url(protocol: str, host: str, port: str) -> str:
    """The base URL of a server, ``proto://host[:port]``, the port left out when it is the default.

    :param protocol: ``"http"`` or ``"https"``.
    :param host: a host name or address (IPv6 addresses are bracketed here).
    :param port: the port as text (empty: the protocol's default).
    :returns: the URL without a trailing slash.
    """
    netloc = f"[{host}]" if ":" in host and not host.startswith("[") else host
    if port and str(DEFAULT_PORTS.get(protocol)) != port:
        netloc = f"{netloc}:{port}"
    return urlunsplit((protocol, netloc, "", "", ""))


def api_url(base: str, resource: str) -> str:
    """The URL of an API route on the configured server.

    The route must be an absolute path: anything else could change where the request
    (and the token with it) goes, as ``"@evil.example/x"`` appended to a base would.

    :param base: the API server's base URL (see :func:`server_url`).
    :param resource: a path such as ``"/record/new"``.
    :returns: the absolute URL.
    :raises DXError: when *resource* is not a string starting with a single ``/``, or
        holds characters that end the path (``#``, whitespace, control characters).
    """
    if not isinstance(resource, str) or not resource.startswith("/") or resource.startswith("//"):
        raise DXError(f"API resource must be an absolute path such as '/system/whoami', not {resource!r} "
                      "(pass a full URL with prepend_srv=False)")
    if any(c in resource for c in "#\\") or any(c.isspace() or ord(c) < 32 for c in resource):
        raise DXError(f"API resource {resource!r} contains characters not allowed in a route")
    url = base + resource
    if origin(url) != origin(base):
        raise DXError(f"API resource {resource!r} would leave the API server")
    return url


def split_base(url: str) -> tuple[str, str]:
    """Split an absolute URL into its base (``scheme://netloc``) and the rest (path and query).

    :param url: an absolute URL.
    :returns: e.g. ``("https://h:8443", "/a/b?x=1")`` (the rest is at least ``"/"``).
    """
    parts = urlsplit(url)
    rest = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return f"{parts.scheme.lower()}://{parts.netloc}", rest


def redact_url(url: str) -> str:
    """The URL without the parts that may carry credentials: the query and any user info.

    :param url: a URL (anything; an unparsable one is cut at ``?``).
    :returns: the URL with ``?...`` replaced by ``?<redacted>`` and ``user:password@`` by
        ``<redacted>@``.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        base, sep, _ = url.partition("?")
        return base + ("?<redacted>" if sep else "")
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "<redacted>@" + netloc.rsplit("@", 1)[1]
    query = "<redacted>" if parts.query or url.rstrip("#").endswith("?") else ""
    text = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    return text + ("?" + query if query else "")


def parse_server_url(url: str) -> tuple[str, str, str]:
    """Split an API server base URL into ``(protocol, host, port)`` (``dxpy.APISERVER = ...``).

    :param url: e.g. ``"http://127.0.0.1:8124"``.
    :returns: the protocol, the host and the port as text (the protocol's default when absent).
    :raises DXError: when it is not an absolute http(s) URL with only a scheme, host and port.
    """
    parts = _split(str(url))
    where = origin(str(url))
    if parts.username or parts.password or parts.path.strip("/") or parts.query or parts.fragment:
        raise DXError(f"API server URL must be 'protocol://host[:port]', not {redact_url(str(url))!r}")
    return where.scheme, where.host, str(where.port)
