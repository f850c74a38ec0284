"""``DXHTTPRequest``: one API call or storage transfer, with retries and decoding.

The request is sent with :mod:`urllib3` through the shared pools of
:mod:`dxpy._transport`, which (with urllib3 and :mod:`ssl`) is imported on the
first request, so that ``import dxpy.api`` stays cheap. :mod:`requests` is only
imported when a caller asks for a ``requests.Response``
(``want_full_response=True``), uses a ``requests`` auth object, or an error derived
from a ``requests`` exception has to be raised. Retry decisions are delegated to
:mod:`dxpy._retry`.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from dxpy._context import RequestView, get_context
from dxpy._defaults import API_VERSION, DEFAULT_RETRIES, DEFAULT_TIMEOUT, REQUEST_OPTIONS, default_user_agent
from dxpy._retry import (
    BAD_JSON,
    FATAL,
    MAYBE_SENT,
    TRUNCATED,
    Failure,
    RetryPolicy,
    classify_exception,
    classify_status,
    is_certificate_error,
    is_name_resolution_error,
    parse_retry_after,
)
from dxpy._urls import api_url, origin, redact_url, same_origin
from dxpy.exceptions import DXError, error_class_for

if TYPE_CHECKING:
    from types import ModuleType

logger = logging.getLogger(__name__)

#: The keyword arguments DXHTTPRequest takes besides its named parameters (and so the only
#: request options bindings and dxpy.api functions pass through).
EXTRA_OPTIONS = (REQUEST_OPTIONS - {
    "method", "headers", "auth", "timeout", "use_compression", "jsonify_data", "want_full_response",
    "decode_response_body", "prepend_srv", "session_handler", "max_retries", "always_retry",
}) | {"_test_retry_http_request"}

#: How many redirects one call follows.
MAX_REDIRECTS = 10

#: The retry policy used when a call does not pass ``retry_policy=`` (tests may replace it).
DEFAULT_RETRY_POLICY = RetryPolicy()

_user_agent: Optional[str] = None
_facade_dict: dict[str, Any] = getattr(sys.modules.get("dxpy"), "__dict__", {})
_retry_response: Any = None
_debug_handler: Optional[logging.Handler] = None
# dxpy._transport (urllib3, ssl), imported by the first request: see _load_transport().
_transport: ModuleType = None  # type: ignore[assignment]
_DROPPED_HEADERS = frozenset(("host", "content-length"))
_CREDENTIAL_HEADERS = frozenset(("authorization", "cookie", "proxy-authorization"))
_NO_CREDENTIALS_HINT = (
    " (no credentials are configured: set DX_SECURITY_CONTEXT or log in with 'dx login')"
)


def user_agent() -> str:
    """The ``User-Agent`` header value, ``dxpy/<version> (<platform>) Python/<version>``.

    A value assigned to ``dxpy.USER_AGENT`` wins.

    :returns: the string (computed once).
    """
    global _user_agent
    assigned = _facade_dict.get("_user_agent")
    if assigned:
        return str(assigned)
    if _user_agent is None:
        _user_agent = default_user_agent()
    return _user_agent


def _load_transport() -> ModuleType:
    """Import :mod:`dxpy._transport` (and with it urllib3) on first use."""
    global _transport
    from dxpy import _transport as transport

    _transport = transport
    return transport


def _prepare_body(data: Any, jsonify: bool, headers: Optional[dict[str, str]]) -> tuple[Any, dict[str, str]]:
    """``(body to send, caller headers)``: JSON-encode or normalise ``data``."""
    extra = _caller_headers(headers) if headers else {}
    if not jsonify:
        return _encode_body(data), extra
    if "Content-Type" not in extra and "content-type" not in extra:
        extra["Content-Type"] = "application/json"
    return json.dumps(data).encode("utf-8"), extra


def _encode_body(data: Any) -> Any:
    if data is None or isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if hasattr(data, "read"):
        return data
    raise DXError("DXHTTPRequest: data must be bytes, str or a file-like object when "
                  f"jsonify_data=False, not {type(data).__name__}")


def _error_from_response(status: int, reason: str, headers: Any, body: bytes, started: float,
                         token_source: Optional[str]) -> BaseException:
    """Build the exception for a non-2xx answer."""
    import dxpy.exceptions as exc_mod

    req_id = headers.get("x-request-id", "") or ""
    stamp = started  # the attempt's time.time(), shown as a float, as upstream does
    content_type = headers.get("content-type", "") or ""
    if content_type.startswith("application/json"):
        try:
            content = json.loads(body.decode("utf-8"))
        except ValueError:
            return exc_mod.BadJSONInReply(f"Invalid JSON received from server (HTTP {status})")
        error = content.get("error") if isinstance(content, dict) else None
        if isinstance(error, dict) and isinstance(error.get("type"), str):
            if status == 401 and error["type"] == "InvalidAuthentication":
                hint = f" (the token came from {token_source})" if token_source else _NO_CREDENTIALS_HINT
                error = dict(error, message=str(error.get("message", "")) + hint)
                content = dict(content, error=error)
            return error_class_for(error["type"])(content, status, stamp, req_id)
        return exc_mod.HTTPErrorWithContent(
            f"Appropriate error class not found. [HTTPCode={status}] [Time={stamp} RequestID={req_id}]",
            content)
    text = body.decode("utf-8", "replace")
    return exc_mod.HTTPErrorWithContent(f"{status} {reason} [Time={stamp} RequestID={req_id}]", text)


def _caller_headers(headers: Any) -> dict[str, str]:
    """Copy caller headers, leaving out ``Host`` and ``Content-Length`` (urllib3 computes them)."""
    return {k: v for k, v in headers.items() if k.lower() not in _DROPPED_HEADERS}


def _prepare_url(resource: Any, prepend_srv: bool, view: RequestView, user_headers: dict[str, str]
                 ) -> tuple[str, dict[str, str]]:
    headers: dict[str, str] = {}
    if callable(resource):
        url, extra = resource()
        if extra:
            headers.update(_caller_headers(extra))
    elif prepend_srv:
        url = api_url(view.apiserver, resource)
    else:
        url = resource
    headers.update(user_headers)
    return url, headers


def _apply_auth(auth: Any, method: str, url: str, headers: dict[str, str], ctx: Any, view: RequestView,
                to_api: bool) -> Optional[str]:
    """Add authentication headers.

    :returns: where the credentials sent came from (for the 401 hint), or ``None`` when
        none were sent.
    """
    if not auth:
        return None
    if auth is True:
        if not to_api:
            return None
        helper = ctx.auth_helper
        if helper is not None:
            return _apply_auth(helper, method, url, headers, ctx, view, to_api)
        if view.auth_header is not None:
            headers["Authorization"] = view.auth_header
            return view.token_source or "the configured security context"
        return None
    if isinstance(auth, tuple):
        import base64

        token = base64.b64encode(("{}:{}".format(*auth)).encode("latin-1")).decode("ascii")
        headers["Authorization"] = "Basic " + token
        return "the auth= argument"
    oauth = sys.modules.get("dxpy._auth")
    if oauth is not None and isinstance(auth, oauth.DXHTTPOAuth2):
        headers["Authorization"] = auth.header_value
        return "the auth= argument"
    if _is_requests_auth(auth):
        _apply_requests_auth(auth, method, url, headers)
        return "the auth= argument"
    auth(method, url, headers)
    return "the auth= argument"


def _is_requests_auth(auth: Any) -> bool:
    mod = sys.modules.get("requests.auth")
    return mod is not None and isinstance(auth, mod.AuthBase)


class _PreparedShim:
    """The part of ``requests.PreparedRequest`` that auth objects touch."""

    def __init__(self, method: str, url: str, headers: dict[str, str]) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = None

    def register_hook(self, *args: Any, **kwargs: Any) -> None:
        return None


def _apply_requests_auth(auth: Any, method: str, url: str, headers: dict[str, str]) -> None:
    from requests.structures import CaseInsensitiveDict

    shim = _PreparedShim(method, url, CaseInsensitiveDict(headers))  # type: ignore[arg-type]
    result = auth(shim)
    final = getattr(result, "headers", shim.headers)
    headers.clear()
    headers.update(dict(final))


def DXHTTPRequest(resource: Union[str, Callable[[], tuple[str, dict[str, str]]]], data: Any,
                  method: str = "POST", headers: Optional[dict[str, str]] = None, auth: Any = True,
                  timeout: Any = DEFAULT_TIMEOUT, use_compression: Any = None, jsonify_data: bool = True,
                  want_full_response: bool = False, decode_response_body: bool = True,
                  prepend_srv: bool = True, session_handler: Any = None, max_retries: int = DEFAULT_RETRIES,
                  always_retry: bool = False, **kwargs: Any) -> Any:
    """Make an HTTP request (by default a JSON ``POST`` to the API server) and decode the answer.

    :param resource: API route such as ``"/record/new"`` (appended to the API server URL when
        ``prepend_srv``), a full URL, or a callable returning ``(url, headers)`` called before
        every attempt (e.g. to fetch a fresh upload URL).
    :param data: the body: a JSON-serialisable value when ``jsonify_data``, otherwise ``bytes``,
        ``str`` or a file-like object (rewound before every attempt).
    :param method: HTTP method.
    :param headers: extra request headers.
    :param auth: ``True`` adds the configured credentials (only for the configured API server);
        a false value sends none; a callable ``(method, url, headers)`` or a ``requests`` auth
        object sets them itself; a ``(user, password)`` tuple uses HTTP Basic.
    :param timeout: seconds for connecting and for each read (or ``(connect, read)``).
    :param use_compression: ignored (kept for compatibility).
    :param jsonify_data: encode ``data`` as JSON and set ``Content-Type: application/json``.
    :param want_full_response: return a ``requests.Response`` instead of the decoded body.
    :param decode_response_body: decode the body (JSON when the answer says
        ``application/json``, text otherwise); ``False`` returns ``bytes``.
    :param prepend_srv: treat ``resource`` as a route of the configured API server.
    :param session_handler: ignored (kept for compatibility).
    :param max_retries: how many failed attempts may be retried (throttling answers, 503/429,
        are not counted; they are bounded by the retry time budget instead).
    :param always_retry: the request may be re-sent safely even if it may have reached the
        server (idempotent or nonce-protected).
    :param kwargs: ``verify``, ``cert_file``, ``key_file``, ``cert``, ``ssl_context`` (TLS);
        ``retry_time_budget`` (seconds, default 900); ``retry_policy`` (a
        :class:`dxpy._retry.RetryPolicy`).
    :returns: the decoded body, ``bytes``, or a ``requests.Response``.
    :raises dxpy.exceptions.DXAPIError: (a subclass named by the error type) for an error answer.
    :raises dxpy.exceptions.DXConnectionError: when no connection could be made or it broke.
    :raises dxpy.exceptions.DXTimeoutError: on a timeout that is not retried.
    :raises dxpy.exceptions.DXCertificateError: when the server's certificate is not trusted.
    :raises dxpy.exceptions.HTTPErrorWithContent: for an error answer that is not platform JSON.
    :raises dxpy.exceptions.DXRetryBudgetExceeded: when the retry time budget is used up.
    :raises TypeError: for a keyword argument it does not take (named in the message).
    """
    unknown = set(kwargs) - EXTRA_OPTIONS
    if unknown:  # a typo must not pass unnoticed (upstream's urllib3 call raises the same way)
        raise TypeError(f"DXHTTPRequest() got an unexpected keyword argument {sorted(unknown)[0]!r}")
    if kwargs.get("_test_retry_http_request"):
        kwargs = {k: v for k, v in kwargs.items() if k != "_test_retry_http_request"}
        call = (resource, data, method, headers, auth, timeout, use_compression, jsonify_data,
                want_full_response, decode_response_body, prepend_srv, session_handler, max_retries,
                always_retry)
        _set_retry_response(DXHTTPRequest(*call, **kwargs))
        return DXHTTPRequest(*call, **kwargs)
    ctx = get_context()
    view = ctx.request_view()
    method = method.upper()
    body, extra_headers = _prepare_body(data, jsonify_data, headers)
    body_start, one_shot = _stream_start(body)
    transport = _transport or _load_transport()
    if ctx.ca_cert is None and not ctx.use_os_ca_bundle and not kwargs:
        tls = transport.DEFAULT_TLS
    else:
        tls = transport.tls_options(ctx.ca_cert, ctx.use_os_ca_bundle, kwargs)
    tmo = transport.timeout_for(timeout)
    policy = kwargs.get("retry_policy") or DEFAULT_RETRY_POLICY
    state = None
    redirects = 0
    target = resource
    while True:
        if prepend_srv and not callable(target) and view.server_error:
            raise DXError(view.server_error)
        url, req_headers = _prepare_url(target, prepend_srv, view, extra_headers)
        req_headers["User-Agent"] = _facade_dict.get("_user_agent") or _user_agent or user_agent()
        req_headers["DNAnexus-API"] = API_VERSION
        req_headers["Accept-Encoding"] = "gzip, deflate"
        to_api = (prepend_srv and not callable(target)) or (
            not view.server_error and same_origin(url, view.apiserver))
        if auth is True and to_api and view.credentials_error:
            raise DXError(view.credentials_error)
        token_source = _apply_auth(auth, method, url, req_headers, ctx, view, to_api)
        if body_start is not None:
            body.seek(body_start)
            _set_length(body, body_start, req_headers)
        outcome = _attempt(method, url, body, req_headers, tmo, tls, token_source,
                           want_full_response, decode_response_body, ctx)
        if isinstance(outcome, Failure):
            if one_shot:
                raise outcome.error  # an unseekable stream cannot be sent again
            if state is None:
                state = policy.start(method, max_retries, always_retry, kwargs.get("retry_time_budget"))
            state.attempts += 1
            state.after_failure(outcome, f"{method} {redact_url(url)}")
            continue
        if isinstance(outcome, _Redirect):
            redirects += 1
            if redirects > MAX_REDIRECTS:
                raise DXError(f"{method} {redact_url(url)}: more than {MAX_REDIRECTS} redirects")
            if not same_origin(outcome.location, url):
                extra_headers = _without_credentials(extra_headers)
            target, prepend_srv = outcome.location, False
            continue
        return outcome


def _without_credentials(headers: dict[str, str]) -> dict[str, str]:
    """Caller headers safe to send to another origin (a redirect must not carry them away)."""
    return {k: v for k, v in headers.items() if k.lower() not in _CREDENTIAL_HEADERS}


def _set_retry_response(value: Any) -> None:
    global _retry_response
    _retry_response = value


def get_retry_response() -> Any:
    """The first answer of the last call made with ``_test_retry_http_request=True``.

    Such a call sends the same request twice and returns the second answer; tests of
    idempotent (nonce) routes compare both.

    :returns: the decoded first answer, or ``None``.
    """
    return _retry_response


class _Redirect:
    __slots__ = ("location",)

    def __init__(self, location: str) -> None:
        self.location = location


def _stream_start(body: Any) -> tuple[Optional[int], bool]:
    """``(offset to rewind to, is a stream that cannot be rewound)`` for a request body."""
    if body is None or isinstance(body, bytes):
        return None, False
    try:
        if body.seekable():
            return body.tell(), False
    except (AttributeError, OSError, ValueError):
        try:
            return body.tell(), False
        except (AttributeError, OSError, ValueError):
            pass
    return None, True


def _set_length(body: Any, start: int, headers: dict[str, str]) -> None:
    if "Content-Length" in headers or "content-length" in headers:
        return
    try:
        body.seek(0, 2)
        end = body.tell()
        body.seek(start)
    except (AttributeError, OSError, ValueError):
        return
    headers["Content-Length"] = str(end - start)


def _attempt(method: str, url: str, body: Any, headers: dict[str, str], tmo: Any, tls: Any,
             token_source: Optional[str], want_full: bool, decode: bool, ctx: Any) -> Any:
    """One attempt: returns the result, a :class:`Failure` or a :class:`_Redirect`."""
    started = time.time()
    t0 = time.perf_counter()
    try:
        response = _transport.send(method, url, body, headers, tmo, tls)
    except Exception as exc:  # noqa: BLE001 - classified below, re-raised when fatal
        return _connection_failure(exc, method, url, ctx)
    status = response.status
    if 300 <= status < 400 and status != 304:
        location = response.headers.get("location")
        _transport.discard(response)
        if not location:
            raise DXError(f"{method} {redact_url(url)}: HTTP {status} redirect without a Location header")
        from urllib.parse import urljoin

        return _Redirect(urljoin(url, location))
    try:
        content = _transport.read_body(response)
    except Exception as exc:  # noqa: BLE001
        return _body_failure(exc, method, url, status)
    if ctx.debug_level or logger.isEnabledFor(logging.DEBUG):
        _log_request(ctx.debug_level, method, url, headers, status, content, time.perf_counter() - t0,
                     response)
    if status >= 300:
        error = _error_from_response(status, response.reason or "", response.headers, content, started,
                                     token_source)
        kind = classify_status(status, method)
        if kind == FATAL and type(error).__name__ == "BadJSONInReply" and "content-length" not in \
                response.headers:
            kind = BAD_JSON
        if kind == FATAL:
            raise error
        return Failure(kind, error, status, parse_retry_after(response.headers.get("retry-after")),
                       f"HTTP {status}")
    if want_full:
        return _full_response(response, content, url)
    if not decode:
        return content
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            return json.loads(content)
        except ValueError as exc:
            import dxpy.exceptions as exc_mod

            error = exc_mod.BadJSONInReply(f"Invalid JSON received from server (HTTP {status}): {exc}")
            if "content-length" in response.headers:
                # a complete but unreadable answer: the call did its work, so it is sent again only
                # where that is safe (always_retry, GET), as upstream does
                return Failure(MAYBE_SENT, error, status, None, "invalid JSON in the answer")
            return Failure(BAD_JSON, error, status, None, "invalid JSON without Content-Length")
    return content.decode("utf-8", "replace")


def _connection_failure(exc: BaseException, method: str, url: str, ctx: Any) -> Failure:
    import dxpy.exceptions as exc_mod

    where = f"{method} {redact_url(url)}"
    if is_certificate_error(exc):
        raise exc_mod.DXCertificateError(
            f"{where}: the server's TLS certificate could not be verified ({_short(exc)}). "
            "If the server uses a private certificate authority, set DX_CA_CERT to the path of its CA bundle "
            "(or DX_CA_CERT=NOVERIFY to skip verification, not recommended)."
        ) from None
    if is_name_resolution_error(exc):
        host = origin(url).host
        source = ctx.server_source if same_origin(url, ctx.apiserver) else "the URL of this request"
        raise exc_mod.DXConnectionError(
            f"{where}: cannot resolve host {host!r} (from {source}); check the host name and the network"
        ) from exc
    kind = classify_exception(exc)
    if kind == FATAL:
        raise exc
    import urllib3.exceptions as u3

    if isinstance(exc, u3.TimeoutError) and not isinstance(exc, u3.NewConnectionError):
        error: BaseException = exc_mod.DXTimeoutError(f"{where}: timed out ({_short(exc)})")
    else:
        error = exc_mod.DXConnectionError(f"{where}: {_short(exc)}")
    error.__cause__ = exc
    return Failure(kind, error, None, None, _short(exc))


def _body_failure(exc: BaseException, method: str, url: str, status: int) -> Failure:
    import urllib3.exceptions as u3

    import dxpy.exceptions as exc_mod

    where = f"{method} {redact_url(url)}"
    text = _short(exc)
    if isinstance(exc, u3.ProtocolError) and "IncompleteRead" in repr(exc) or \
            isinstance(exc, u3.IncompleteRead):
        error: BaseException = exc_mod.ContentLengthError(
            f"{where}: received fewer bytes than the Content-Length header announced ({text})")
        return Failure(TRUNCATED, error, status, None, "truncated body")
    if isinstance(exc, u3.ReadTimeoutError):
        error = exc_mod.DXTimeoutError(f"{where}: timed out reading the answer ({text})")
    else:
        error = exc_mod.DXConnectionError(f"{where}: connection broke while reading the answer ({text})")
    return Failure(classify_exception(exc), error, status, None, text)


def _short(exc: BaseException) -> str:
    text = str(exc)
    if len(text) > 300:
        text = text[:300] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _trace_logger() -> logging.Logger:
    """Where the ``_DX_DEBUG`` trace goes when logging is not configured for DEBUG: stderr."""
    global _debug_handler
    trace = logging.getLogger(__name__ + ".trace")
    if _debug_handler is None:
        _debug_handler = logging.StreamHandler(sys.stderr)
        _debug_handler.setFormatter(logging.Formatter("[dxpy] %(message)s"))
        trace.addHandler(_debug_handler)
        trace.setLevel(logging.DEBUG)
        trace.propagate = False
    return trace


def _redacted_headers(headers: Any) -> dict[str, str]:
    hidden = ("authorization", "proxy-authorization", "cookie", "set-cookie", "x-amz-security-token")
    return {k: ("<redacted>" if k.lower() in hidden else v) for k, v in dict(headers).items()}


def _log_request(level: int, method: str, url: str, req_headers: dict[str, str], status: int,
                 content: bytes, seconds: float, response: Any) -> None:
    out = logger if logger.isEnabledFor(logging.DEBUG) else _trace_logger()
    out.debug("%s %s -> %d, %d bytes, %.1f ms, request id %s", method, redact_url(url), status,
                 len(content), seconds * 1000.0, response.headers.get("x-request-id", "-"))
    if level >= 2:
        out.debug("  request headers: %s", _redacted_headers(req_headers))
        out.debug("  response headers: %s", _redacted_headers(response.headers))
    if level >= 3:
        out.debug("  response body: %r", content[:1000])


def _full_response(response: Any, content: bytes, url: str) -> Any:
    import requests
    from requests.structures import CaseInsensitiveDict
    from requests.utils import get_encoding_from_headers

    full = requests.Response()
    full.status_code = response.status
    full.headers = CaseInsensitiveDict(response.headers)
    full._content = content
    full._content_consumed = True  # type: ignore[attr-defined]
    full.raw = response
    full.url = url
    full.reason = response.reason or ""
    full.encoding = get_encoding_from_headers(full.headers)
    return full
