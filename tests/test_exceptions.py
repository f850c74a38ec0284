"""Specification of dxpy.exceptions: one tree rooted at DXError, API errors mapped by type."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import requests

from dxpy import exceptions as exc

PLATFORM_TYPES = {
    "MalformedJSON": 400, "InvalidAuthentication": 401, "PermissionDenied": 401,
    "SpendingLimitExceeded": 403, "OrgExpired": 403, "ResourceNotFound": 404, "InvalidInput": 422,
    "InvalidState": 422, "InvalidType": 422, "RateLimitConditional": 429, "InternalError": 500,
    "ServiceUnavailable": 503,
}


def _content(type_name: str, message: str = "something broke", details: object = None) -> dict:
    error: dict = {"type": type_name, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


@pytest.mark.parametrize("type_name,status", sorted(PLATFORM_TYPES.items()))
def test_every_platform_error_type_maps_to_its_own_subclass(type_name: str, status: int) -> None:
    cls = exc.error_class_for(type_name)
    assert cls.__name__ == type_name
    assert issubclass(cls, exc.DXAPIError) and issubclass(cls, exc.DXError)
    assert cls.http_status == status == exc.API_ERROR_STATUS[type_name]
    err = cls(_content(type_name), status, "2026-01-01", "req-1")
    assert (err.name, err.msg, err.code, err.req_id) == (type_name, "something broke", status, "req-1")


def test_unknown_error_type_falls_back_to_dxapierror_and_keeps_the_name() -> None:
    cls = exc.error_class_for("BrandNewError")
    assert cls is exc.DXAPIError
    err = cls(_content("BrandNewError", "new"), 418)
    assert err.name == "BrandNewError"
    assert err.error_message().startswith("BrandNewError: new, code 418.")


def test_error_message_and_str_carry_status_time_request_id_and_details() -> None:
    content = _content("InvalidInput", 'expected key "name"', {"field": "name"})
    err = exc.InvalidInput(content, 422, "T0", "R9")
    assert err.error_message() == 'expected key "name", code 422. Request Time=T0, Request ID=R9'
    text = str(err)
    assert text.startswith(err.error_message())
    assert json.loads(text.split("Details: ", 1)[1]) == {"field": "name"}
    assert exc.InvalidInput(_content("InvalidInput"), 422).details is None


def test_client_side_exceptions_form_one_tree() -> None:
    for cls in (exc.DXFileError, exc.DXIncompleteReadsError, exc.DXSearchError, exc.DXAppletError,
                exc.DXJobFailureError, exc.AppError, exc.AppInternalError, exc.ProgramError,
                exc.DXCLIError, exc.BadJSONInReply, exc.DXRetryBudgetExceeded):
        assert issubclass(cls, exc.DXError), cls
    assert issubclass(exc.DXPartLengthMismatchError, exc.DXFileError)
    assert issubclass(exc.DXChecksumMismatchError, exc.DXFileError)
    assert issubclass(exc.AppError, exc.ProgramError)
    assert issubclass(exc.AppInsufficientResourceError, exc.AppInternalError)
    assert issubclass(exc.BadJSONInReply, ValueError)


@pytest.mark.parametrize("name,base", [
    ("DXConnectionError", requests.exceptions.ConnectionError),
    ("DXTimeoutError", requests.exceptions.Timeout),
    ("DXCertificateError", requests.exceptions.SSLError),
    ("ContentLengthError", requests.exceptions.HTTPError),
    ("HTTPErrorWithContent", requests.exceptions.HTTPError),
])
def test_transport_errors_are_both_dxerror_and_the_requests_exception(name: str, base: type) -> None:
    cls = getattr(exc, name)
    assert cls is getattr(exc, name), "built once and cached"
    assert issubclass(cls, exc.DXError) and issubclass(cls, base)
    with pytest.raises(base):
        raise cls("boom")


def test_http_error_with_content_keeps_the_body() -> None:
    err = exc.HTTPErrorWithContent("502 Bad Gateway", b"<html>gateway</html>")
    assert err.content == b"<html>gateway</html>"
    assert str(err) == "502 Bad Gateway"


def test_retry_budget_error_says_how_many_attempts() -> None:
    last = exc.ServiceUnavailable(_content("ServiceUnavailable"), 503)
    err = exc.DXRetryBudgetExceeded("gave up after 12 attempts", attempts=12, elapsed=901.0, last_error=last)
    assert (err.attempts, err.elapsed, err.last_error) == (12, 901.0, last)


def test_errors_survive_pickling() -> None:
    import pickle

    api = exc.InvalidInput(_content("InvalidInput", "bad", {"field": "x"}), 422, "then", "req-1")
    back = pickle.loads(pickle.dumps(api))
    assert type(back) is exc.InvalidInput and str(back) == str(api)
    fields = (back.name, back.msg, back.details, back.code, back.req_id)
    assert fields == ("InvalidInput", "bad", {"field": "x"}, 422, "req-1")
    budget = pickle.loads(pickle.dumps(exc.DXRetryBudgetExceeded("gave up", 3, 2.5, None)))
    assert (str(budget), budget.attempts, budget.elapsed) == ("gave up", 3, 2.5)
    content = pickle.loads(pickle.dumps(exc.HTTPErrorWithContent("502", b"body")))
    assert (str(content), content.content) == ("502", b"body")
    assert type(pickle.loads(pickle.dumps(exc.DXConnectionError("x")))) is exc.DXConnectionError
    assert type(pickle.loads(pickle.dumps(exc.InvalidTLSProtocol()))) is exc.InvalidTLSProtocol


def test_importing_exceptions_does_not_import_requests() -> None:
    code = "import sys, dxpy.exceptions as e; e.DXError; e.InvalidInput; print('requests' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        exc.NoSuchError  # noqa: B018


def test_format_exception_is_type_and_text() -> None:
    assert exc.format_exception(ValueError("bad value")) == "ValueError: bad value"


def _run_exit(snippet: str) -> subprocess.CompletedProcess:
    code = "from dxpy import exceptions as exc\n" + snippet
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"})


def test_err_exit_on_expected_error_exits_3_without_traceback() -> None:
    proc = _run_exit(
        "try:\n"
        "    raise exc.ResourceNotFound({'error': {'type': 'ResourceNotFound', 'message': 'gone'}}, 404)\n"
        "except Exception:\n"
        "    exc.err_exit('while describing')\n"
    )
    assert proc.returncode == 3
    assert "gone, code 404" in proc.stderr and "while describing" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_err_exit_on_unexpected_error_prints_traceback_and_uses_code() -> None:
    proc = _run_exit("try:\n    1/0\nexcept Exception:\n    exc.err_exit('oops', code=7)\n")
    assert proc.returncode == 7
    assert "Traceback" in proc.stderr and "ZeroDivisionError" in proc.stderr


def test_exit_with_exc_info_uses_given_exception_and_code() -> None:
    proc = _run_exit("exc.exit_with_exc_info(5, 'msg', exception=exc.DXError('explicit'))\n")
    assert proc.returncode == 5
    assert proc.stderr.splitlines() == ["dxpy.exceptions.DXError: explicit", "msg"]
