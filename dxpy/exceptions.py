"""The exceptions raised by dxpy.

Every exception raised by this package derives from :class:`DXError`.

* :class:`DXAPIError` and its subclasses stand for an error answer from the
  platform: the HTTP layer picks the subclass named by the ``error.type`` of the
  error JSON (see :func:`error_class_for`), falling back to :class:`DXAPIError`.
* Transport failures (:class:`DXConnectionError`, :class:`DXTimeoutError`,
  :class:`DXCertificateError`, :class:`ContentLengthError`,
  :class:`HTTPErrorWithContent`) also derive from the matching
  ``requests.exceptions`` class, so code written as ``except
  requests.exceptions.ConnectionError`` keeps working.
* The remaining classes are raised by the bindings (files, searches, jobs) and by
  code running inside the execution environment (:class:`AppError`,
  :class:`AppInternalError`).

The classes that derive from ``requests`` exceptions are created on first use, so
that importing this module (which ``import dxpy`` may do) never imports
``requests``.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import traceback
from typing import TYPE_CHECKING, Any, NoReturn

__all__ = [
    "DXError", "DXAPIError", "error_class_for", "format_exception", "exit_with_exc_info", "err_exit",
]

EXPECTED_ERR_EXIT_STATUS = 3

#: HTTP status the platform answers with, per ``error.type`` (API.md, errors table).
API_ERROR_STATUS: dict[str, int] = {}

_API_ERROR_CLASSES: dict[str, type[DXAPIError]] = {}


class DXError(Exception):
    """Root of every exception raised by dxpy."""


class DXAPIError(DXError):
    """The API server answered with an error (a non-2xx status and error JSON).

    :param content: the decoded error body, ``{"error": {"type", "message", "details"?}}``
    :param code: the HTTP status code
    :param timestamp: when the attempt was made, the ``time.time()`` float (for support requests)
    :param req_id: the server's request ID (``X-Request-ID``), if it sent one

    Attributes: ``name`` (the platform's error type), ``msg``, ``details`` (or
    ``None``), ``code``, ``timestamp`` and ``req_id``.
    """

    #: the platform's status for this error type, when it has a fixed one
    http_status: int | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _API_ERROR_CLASSES[cls.__name__] = cls
        if cls.http_status is not None:
            API_ERROR_STATUS[cls.__name__] = cls.http_status

    def __init__(self, content: dict[str, Any], code: int, timestamp: Any = "", req_id: str = "") -> None:
        error = content.get("error") if isinstance(content, dict) else None
        if not isinstance(error, dict):
            error = {}
        self._content = content
        self.name: str = str(error.get("type", self.__class__.__name__))
        self.msg: str = str(error.get("message", ""))
        self.details: Any = error.get("details")
        self.code = code
        self.timestamp = timestamp
        self.req_id = req_id
        super().__init__(self.error_message())

    def __reduce__(self) -> Any:
        # rebuilt from the constructor's arguments, so errors survive pickling (multiprocessing)
        return type(self), (getattr(self, "_content", {}), self.code, self.timestamp, self.req_id)

    def error_message(self) -> str:
        """Describe the error on one line.

        :returns: ``"<type>: <message>, code <status>. Request Time=<t>, Request ID=<id>"``;
            the type prefix is left out when it equals the exception's class name.
        """
        text = f"{self.msg}, code {self.code}. Request Time={self.timestamp}, Request ID={self.req_id}"
        if self.name != self.__class__.__name__:
            text = f"{self.name}: {text}"
        return text

    def __str__(self) -> str:
        text = self.error_message()
        if self.details:
            text += "\nDetails: " + json.dumps(self.details, indent=4, sort_keys=True)
        return text


# The error types the platform documents, with their HTTP status.


class MalformedJSON(DXAPIError):
    """The request body was not valid JSON."""

    http_status = 400


class BadRequest(DXAPIError):
    """The request was not understood."""

    http_status = 400


class BadDigest(DXAPIError):
    """The data sent did not match its declared checksum."""

    http_status = 400


class InvalidAuthentication(DXAPIError):
    """The auth token is missing, unknown, expired or revoked."""

    http_status = 401


class PermissionDenied(DXAPIError):
    """The caller lacks the permission the request needs."""

    http_status = 401


class Unauthorized(DXAPIError):
    """The request is not authorized."""

    http_status = 401


class SpendingLimitExceeded(DXAPIError):
    """The billing account is over its spending limit."""

    http_status = 403


class OrgExpired(DXAPIError):
    """The billing organization has expired."""

    http_status = 403


class ForbiddenClient(DXAPIError):
    """This client is not allowed to make the request."""

    http_status = 403


class ClientTooOld(DXAPIError):
    """The client is too old for the API server; upgrade dxpy."""

    http_status = 403


class ResourceNotFound(DXAPIError):
    """The object, route, folder or project does not exist or is not visible."""

    http_status = 404


class MethodNotAllowed(DXAPIError):
    """The HTTP method is not allowed on this route."""

    http_status = 405


class RequestTimeout(DXAPIError):
    """The server timed out waiting for the request."""

    http_status = 408


class Conflict(DXAPIError):
    """The request conflicts with the current state of the resource."""

    http_status = 409


class LengthRequired(DXAPIError):
    """The request needs a Content-Length."""

    http_status = 411


class PreconditionFailed(DXAPIError):
    """A precondition of the request failed."""

    http_status = 412


class RequestedRangeNotSatisfiable(DXAPIError):
    """The requested byte range is outside the resource."""

    http_status = 416


class InvalidInput(DXAPIError):
    """The input is well-formed JSON but semantically invalid."""

    http_status = 422


class InvalidState(DXAPIError):
    """The operation is not allowed in the object's current state."""

    http_status = 422


class InvalidType(DXAPIError):
    """An object given in the input has the wrong class."""

    http_status = 422


class RateLimitConditional(DXAPIError):
    """Too many requests; slow down."""

    http_status = 429


class InternalError(DXAPIError):
    """The server failed unexpectedly."""

    http_status = 500


class InternalServerError(DXAPIError):
    """The server failed unexpectedly."""

    http_status = 500


class ServiceUnavailable(DXAPIError):
    """The service is temporarily unavailable."""

    http_status = 503


class InvalidTLSProtocol(DXAPIError):
    """The server reset the connection because the client's TLS version is too old."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        DXError.__init__(self, self.error_message())
        self.name, self.msg, self.details, self.code = "InvalidTLSProtocol", self.error_message(), None, 0
        self.timestamp = self.req_id = ""

    def error_message(self) -> str:
        """:returns: advice to use a Python and OpenSSL that speak TLS 1.2 or newer"""
        return "The server refused the TLS protocol version; use a Python/OpenSSL that supports TLS 1.2+."


def error_class_for(type_name: str) -> type[DXAPIError]:
    """Find the exception class for a platform error type.

    :param type_name: the ``error.type`` of an error answer, e.g. ``"ResourceNotFound"``
    :returns: the subclass of :class:`DXAPIError` with that name, or :class:`DXAPIError`
        itself for a type this version does not know
    """
    return _API_ERROR_CLASSES.get(type_name, DXAPIError)


class DXNetworkError(DXError):
    """Base of the failures to get a usable answer from a server (connection, TLS, truncated or
    garbled responses, exhausted retries)."""


class BadJSONInReply(DXNetworkError, ValueError):
    """The server's answer was not the JSON it claimed to be (usually a truncated stream)."""


class DXRetryBudgetExceeded(DXNetworkError):
    """dxpy stopped retrying a request: its retry count or its time budget is used up.

    :param message: what happened, including the number of attempts
    :param attempts: how many attempts were made
    :param elapsed: seconds spent on the request, waits included
    :param last_error: the error of the last attempt, if any
    """

    def __init__(
        self, message: str, attempts: int, elapsed: float, last_error: BaseException | None = None
    ) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.elapsed = elapsed
        self.last_error = last_error

    def __reduce__(self) -> Any:
        return type(self), (str(self), self.attempts, self.elapsed, self.last_error)


class DXFileError(DXError):
    """A file operation failed (wrong mode, unreadable state, incomplete transfer...)."""


class DXIncompleteReadsError(DXError):
    """A download returned fewer bytes than requested, even after retries."""


class DXPartLengthMismatchError(DXFileError):
    """A downloaded file part has a different size than the platform reports for it."""


class DXChecksumMismatchError(DXFileError):
    """A transferred file part does not have the MD5 checksum the platform reports for it."""


class DXSearchError(DXError):
    """A search found no result, or more than one, where the caller required otherwise."""


class DXAppletError(DXError):
    """An applet could not be built or run."""


class DXJobFailureError(DXError):
    """A job or analysis that was waited on failed or was terminated."""


class ProgramError(DXError):
    """Deprecated name for :class:`AppError`."""


class AppError(ProgramError):
    """A user-facing error inside a running job: its message is shown to the user
    (written to ``job_error.json`` with type ``AppError``)."""


class AppInternalError(DXError):
    """An internal error inside a running job: its message goes to the app's developer
    (written to ``job_error.json`` with type ``AppInternalError``)."""


class AppInsufficientResourceError(AppInternalError):
    """A job failed for lack of resources (memory, disk); a kind of :class:`AppInternalError`."""


class DXCLIError(DXError):
    """A generic error of a command-line program."""


class DXUnsupportedTokenType(DXError, NotImplementedError):
    """The security context names an ``auth_token_type`` the client cannot send.

    Upstream raises :class:`NotImplementedError` here; this is both, so either ``except``
    catches it.
    """


class UrllibInternalError(DXNetworkError, AttributeError):
    """urllib3 failed internally while handling a response."""


# --- classes that also derive from ``requests`` exceptions (built on first use) ---

_REQUESTS_BASED: dict[str, tuple[str, str]] = {
    "DXConnectionError": (
        "ConnectionError", "No connection to the server could be made, or it broke before an answer came."
    ),
    "DXTimeoutError": ("Timeout", "The server did not answer within the timeout."),
    "DXCertificateError": (
        "SSLError", "The server's TLS certificate could not be verified (see DX_CA_CERT)."
    ),
    "ContentLengthError": (
        "HTTPError", "The body received is shorter or longer than the Content-Length header said."
    ),
    "HTTPErrorWithContent": (
        "HTTPError", "The server answered with an error that is not platform error JSON; "
        "``content`` holds the body."
    ),
}


def _build_requests_based(name: str) -> type:
    import requests.exceptions

    base_name, doc = _REQUESTS_BASED[name]
    base = getattr(requests.exceptions, base_name)
    namespace: dict[str, Any] = {"__doc__": doc, "__module__": __name__}
    if name == "HTTPErrorWithContent":

        def __init__(self: Any, value: str, content: Any = None, **kwargs: Any) -> None:
            base.__init__(self, value, **kwargs)
            self.content = content

        namespace["__init__"] = __init__
    return type(name, (DXNetworkError, base), namespace)


if TYPE_CHECKING:
    import requests.exceptions as _rex

    class DXConnectionError(DXNetworkError, _rex.ConnectionError): ...

    class DXTimeoutError(DXNetworkError, _rex.Timeout): ...

    class DXCertificateError(DXNetworkError, _rex.SSLError): ...

    class ContentLengthError(DXNetworkError, _rex.HTTPError): ...

    class HTTPErrorWithContent(DXNetworkError, _rex.HTTPError):
        content: Any

        def __init__(self, value: str, content: Any = None, **kwargs: Any) -> None: ...


def __getattr__(name: str) -> Any:
    if name in _REQUESTS_BASED:
        cls = _build_requests_based(name)
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_REQUESTS_BASED))


# --- helpers for programs that exit on errors ---


def _debug_level() -> int:
    facade = sys.modules.get("dxpy")
    level = getattr(facade, "_DEBUG", None)
    if isinstance(level, int):
        return level
    try:
        return int(os.environ.get("_DX_DEBUG", "0") or 0)
    except ValueError:
        return 0


def format_exception(e: BaseException) -> str:
    """Describe an exception as ``"<Type>: <text>"`` (no traceback).

    :param e: the exception
    :returns: the description, possibly on several lines
    """
    return "".join(traceback.format_exception_only(type(e), e)).rstrip("\n")


def exit_with_exc_info(
    code: int = 1, message: str = "", print_tb: bool = False, exception: BaseException | None = None
) -> NoReturn:
    """Write the current (or given) exception and a message to stderr, then exit.

    :param code: the exit status
    :param message: written after the exception's description
    :param print_tb: write the traceback too
    :param exception: the exception to describe instead of the one being handled
    :raises SystemExit: always
    """
    exc = exception if exception is not None else sys.exc_info()[1]
    if exc is not None:
        if print_tb:
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        else:
            sys.stderr.write(format_exception(exc) + "\n")
    if message:
        sys.stderr.write(message + "\n")
    sys.exit(code)


default_expected_exceptions: tuple[type[BaseException], ...] = (
    DXAPIError, DXCLIError, DXNetworkError, KeyboardInterrupt, json.JSONDecodeError, ConnectionError,
)


def err_exit(
    message: str = "",
    code: int | None = None,
    expected_exceptions: tuple[type[BaseException], ...] = default_expected_exceptions,
    arg_parser: Any = None,
    ignore_sigpipe: bool = True,
    exception: BaseException | None = None,
) -> NoReturn:
    """Exit a program because of the current (or given) exception.

    Expected exceptions (API errors, network failures, interrupts...) exit with status 3
    and no traceback unless ``_DX_DEBUG`` is set; a broken pipe exits quietly with 3;
    anything else exits with ``code`` (default 1) and its traceback.

    :param message: written after the exception's description
    :param code: exit status for unexpected exceptions
    :param expected_exceptions: the exception classes treated as expected
    :param arg_parser: an ``argparse.ArgumentParser`` whose ``prog`` prefixes the message
    :param ignore_sigpipe: exit quietly on ``EPIPE``
    :param exception: the exception to describe instead of the one being handled
    :raises SystemExit: always
    """
    if arg_parser is not None:
        message = f"{arg_parser.prog}: {message}"
    exc = exception if exception is not None else sys.exc_info()[1]
    if isinstance(exc, SystemExit):
        raise exc
    if exc is not None and isinstance(exc, expected_exceptions):
        exit_with_exc_info(EXPECTED_ERR_EXIT_STATUS, message, print_tb=_debug_level() > 0, exception=exc)
    if ignore_sigpipe and isinstance(exc, OSError) and exc.errno == errno.EPIPE:
        sys.exit(EXPECTED_ERR_EXIT_STATUS)
    exit_with_exc_info(1 if code is None else code, message, print_tb=exc is not None, exception=exc)

