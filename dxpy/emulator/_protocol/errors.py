"""Platform error values raised by emulator route handlers.

A handler signals a failed API call by raising :class:`APIError`; the dispatcher
turns it into the platform's error document::

    {"error": {"type": "InvalidInput", "message": "...", "details": {...}}}

with the HTTP status the platform uses for that type (API.md section 2.2).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

__all__ = ["APIError", "STATUS_BY_TYPE", "status_for"]

#: HTTP status for every platform error type (note PermissionDenied is 401, not 403).
STATUS_BY_TYPE: dict[str, int] = {
    "MalformedJSON": 400,
    "BadRequest": 400,
    "BadDigest": 400,
    "InvalidAuthentication": 401,
    "PermissionDenied": 401,
    "Unauthorized": 401,
    "SpendingLimitExceeded": 403,
    "OrgExpired": 403,
    "ForbiddenClient": 403,
    "ClientTooOld": 403,
    "ResourceNotFound": 404,
    "MethodNotAllowed": 405,
    "RequestTimeout": 408,
    "Conflict": 409,
    "LengthRequired": 411,
    "PreconditionFailed": 412,
    "RequestedRangeNotSatisfiable": 416,
    "InvalidInput": 422,
    "InvalidState": 422,
    "InvalidType": 422,
    "RateLimitConditional": 429,
    "InternalError": 500,
    "InternalServerError": 500,
    "ServiceUnavailable": 503,
}


def status_for(error_type: str) -> int:
    """Return the HTTP status code the platform uses for an error type.

    :param error_type: the ``error.type`` string, e.g. ``"InvalidInput"``.
    :returns: the status code; unknown types map to 500.
    """
    return STATUS_BY_TYPE.get(error_type, 500)


class APIError(Exception):
    """A platform API error raised by a handler and sent to the client as JSON.

    :param type: the platform error type (``"InvalidInput"``, ``"ResourceNotFound"``...).
    :param message: human readable text; name the offending field.
    :param details: optional JSON-able ``error.details`` value.
    :param headers: optional extra response headers (e.g. ``{"Retry-After": "2"}``).
    """

    def __init__(
        self,
        type: str,  # noqa: A002 - the platform calls it "type"
        message: str,
        details: Optional[Any] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(message)
        self.type = type
        self.message = message
        self.details = details
        self.headers: dict[str, str] = dict(headers or {})

    @property
    def status(self) -> int:
        """The HTTP status code for this error's type."""
        return status_for(self.type)

    def to_json(self) -> dict[str, Any]:
        """Return the error document sent as the response body.

        :returns: ``{"error": {"type", "message", "details"?}}``.
        """
        error: dict[str, Any] = {"type": self.type, "message": self.message}
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}

    def __repr__(self) -> str:
        return f"APIError({self.type!r}, {self.message!r})"
