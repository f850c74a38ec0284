"""Retry rules of DXHTTPRequest: one test per retry rule and per non-retry rule.

All waits go through the ``fast_retries`` fixture's fake clock, so the tests assert the
exact delays without sleeping. Jitter is pinned to the lower bound of each range.
"""

from __future__ import annotations

import logging
import random
import socket

import pytest
import urllib3.exceptions as u3

import dxpy.exceptions as exc
from dxpy import _retry
from dxpy._http import DXHTTPRequest
from dxpy._retry import RetryPolicy, classify_exception, parse_retry_after
from tests._support.testserver import TEST_TOKEN, delay, drop, error_reply, reply, truncate

OK = reply(json={"ok": True})


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# --- retried -------------------------------------------------------------------------


def test_content_length_mismatch_is_retried_even_for_post(dx_test_context, fast_retries):
    dx_test_context.queue(truncate(b'{"ok": tr', claimed_length=50), OK)
    assert DXHTTPRequest("/record/new", {}) == {"ok": True}
    assert len(dx_test_context.requests) == 2
    assert fast_retries.sleeps == [1.0]


@pytest.mark.parametrize("status", [500, 502, 504, 599])
def test_5xx_is_retried_even_for_post(dx_test_context, fast_retries, status):
    dx_test_context.queue(error_reply(status, "InternalError", "boom"), OK)
    assert DXHTTPRequest("/project/new", {"name": "p"}) == {"ok": True}
    assert len(dx_test_context.requests) == 2
    assert fast_retries.sleeps == [1.0]


def test_5xx_exhausts_max_retries_then_raises_last_error(dx_test_context, fast_retries):
    dx_test_context.queue(*[error_reply(500, "InternalError", f"boom {i}") for i in range(4)])
    with pytest.raises(exc.InternalError, match="boom 3"):
        DXHTTPRequest("/x", {}, max_retries=3)
    assert len(dx_test_context.requests) == 4
    # 1 s, then [1,2], [2,4] at their lower bounds
    assert fast_retries.sleeps == [1.0, 1.0, 2.0]


def test_default_backoff_sequence(dx_test_context, fast_retries):
    dx_test_context.default = error_reply(500, "InternalError", "down")
    with pytest.raises(exc.InternalError):
        DXHTTPRequest("/x", {})
    assert len(dx_test_context.requests) == 7
    assert fast_retries.sleeps == [1.0, 1.0, 2.0, 4.0, 8.0, 16.0]


def test_backoff_upper_bounds_and_per_call_policy(dx_test_context, fake_clock):
    class _High(random.Random):
        def randint(self, a: int, b: int) -> int:
            return b

    policy = RetryPolicy(clock=fake_clock, sleep=fake_clock.sleep, rand=_High(0), max_backoff=20)
    dx_test_context.default = error_reply(500, "InternalError", "down")
    with pytest.raises(exc.InternalError):
        DXHTTPRequest("/x", {}, retry_policy=policy)
    assert fake_clock.sleeps == [1.0, 2.0, 4.0, 8.0, 16.0, 20.0]


def test_backoff_jitter_stays_in_range():
    policy = RetryPolicy(rand=random.Random(7))
    for n, (low, high) in {2: (1, 2), 3: (2, 4), 4: (4, 8), 8: (64, 128), 30: (64, 128)}.items():
        values = {policy.backoff(n) for _ in range(200)}
        assert min(values) >= low and max(values) <= high
        assert len(values) > 1
    assert policy.backoff(1) == 1.0


def test_missing_content_length_with_bad_json_is_retried(dx_test_context, fast_retries):
    bad = reply(body=b'{"half": ', headers={"Content-Type": "application/json"}, content_length=False)
    dx_test_context.queue(bad, OK)
    assert DXHTTPRequest("/record/new", {}) == {"ok": True}
    assert len(dx_test_context.requests) == 2
    assert fast_retries.sleeps == [1.0]


def test_bad_json_with_content_length_is_not_retried_for_a_plain_post(dx_test_context, fast_retries):
    dx_test_context.queue(reply(body=b'{"half": ', headers={"Content-Type": "application/json"}))
    with pytest.raises(exc.BadJSONInReply):
        DXHTTPRequest("/record/new", {})
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == []


@pytest.mark.parametrize("how", [{"always_retry": True}, {"method": "GET"}])
def test_bad_json_with_content_length_is_retried_where_safe(dx_test_context, fast_retries, how):
    dx_test_context.queue(reply(body=b'{"half": ', headers={"Content-Type": "application/json"}), OK)
    assert DXHTTPRequest("/record-x/describe", {}, **how) == {"ok": True}
    assert len(dx_test_context.requests) == 2
    assert fast_retries.sleeps == [1.0]


def test_dropped_connection_retried_for_get(dx_test_context, fast_retries):
    dx_test_context.queue(drop(), OK)
    assert DXHTTPRequest("/x", None, method="GET", jsonify_data=False) == {"ok": True}
    assert len(dx_test_context.requests) == 2
    assert fast_retries.sleeps == [1.0]


def test_dropped_connection_retried_with_always_retry(dx_test_context, fast_retries):
    dx_test_context.queue(drop(), OK)
    assert DXHTTPRequest("/file-x/describe", {}, always_retry=True) == {"ok": True}
    assert len(dx_test_context.requests) == 2
    assert fast_retries.sleeps == [1.0]


def test_connection_refused_is_always_retried_even_for_post(dx_test_context, fast_retries):
    refused = f"http://127.0.0.1:{_closed_port()}/project/new"
    urls = [refused, refused, dx_test_context.url + "/project/new"]

    def resource():
        return urls.pop(0), {}

    assert DXHTTPRequest(resource, {"name": "p"}, prepend_srv=False) == {}
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == [1.0, 1.0]


def test_connection_refused_gives_dxconnectionerror_after_retries(fast_retries):
    import requests

    url = f"http://127.0.0.1:{_closed_port()}/x"
    with pytest.raises(exc.DXConnectionError) as info:
        DXHTTPRequest(url, {}, prepend_srv=False, max_retries=2)
    assert isinstance(info.value, requests.exceptions.ConnectionError)
    assert fast_retries.sleeps == [1.0, 1.0]


def test_read_timeout_retried_for_get(dx_test_context, fast_retries):
    dx_test_context.queue(delay(0.5), OK)
    assert DXHTTPRequest("/x", None, method="GET", jsonify_data=False, timeout=0.1) == {"ok": True}
    assert fast_retries.sleeps == [1.0]


def test_put_400_is_retried(dx_test_context, fast_retries):
    s3_timeout = reply(400, body=b"<Error><Code>RequestTimeout</Code></Error>",
                       headers={"Content-Type": "application/xml"})
    dx_test_context.queue(s3_timeout, reply(body=b""))
    url = dx_test_context.url + "/upload/part1"
    DXHTTPRequest(url, b"abc", method="PUT", jsonify_data=False, prepend_srv=False, auth=None,
                  always_retry=True)
    assert [r.body for r in dx_test_context.requests] == [b"abc", b"abc"]
    assert fast_retries.sleeps == [1.0]


def test_put_400_not_retried_without_always_retry(dx_test_context, fast_retries):
    dx_test_context.queue(reply(400, body=b"<Error/>", headers={"Content-Type": "application/xml"}), OK)
    with pytest.raises(exc.HTTPErrorWithContent):
        DXHTTPRequest(dx_test_context.url + "/p", b"abc", method="PUT", jsonify_data=False,
                      prepend_srv=False, auth=None)
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == []


def test_put_drop_retried_only_with_always_retry(dx_test_context, fast_retries):
    url = dx_test_context.url + "/p"
    dx_test_context.queue(drop())
    with pytest.raises(exc.DXConnectionError):
        DXHTTPRequest(url, b"abc", method="PUT", jsonify_data=False, prepend_srv=False, auth=None)
    dx_test_context.queue(drop(), OK)
    DXHTTPRequest(url, b"abc", method="PUT", jsonify_data=False, prepend_srv=False, auth=None,
                  always_retry=True)
    assert len(dx_test_context.requests) == 3
    assert fast_retries.sleeps == [1.0]


# --- throttling (503/429) ------------------------------------------------------------


def test_503_with_retry_after_grows_and_is_not_counted(dx_test_context, fast_retries):
    busy = error_reply(503, "ServiceUnavailable", "later", headers={"Retry-After": "20"})
    dx_test_context.queue(busy, busy, busy, OK)
    assert DXHTTPRequest("/x", {}, max_retries=0) == {"ok": True}
    assert fast_retries.sleeps == [20.0, 25.0, 30.0]


def test_429_with_long_retry_after_waits_exactly(dx_test_context, fast_retries):
    slow = error_reply(429, "RateLimitConditional", "slow down", headers={"Retry-After": "90"})
    dx_test_context.queue(slow, slow, OK)
    assert DXHTTPRequest("/x", {}) == {"ok": True}
    assert fast_retries.sleeps == [90.0, 90.0]


def test_503_without_retry_after_uses_backoff(dx_test_context, fast_retries):
    busy = reply(503, body=b"busy", headers={"Content-Type": "text/plain"})
    date = reply(503, body=b"busy", headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    dx_test_context.queue(busy, date, busy, OK)
    assert DXHTTPRequest("/x", {}, max_retries=0) == {"ok": True}
    assert fast_retries.sleeps == [1.0, 1.0, 2.0]


def test_throttled_attempts_count_for_backoff_of_later_failures(dx_test_context, fast_retries):
    busy = error_reply(503, "ServiceUnavailable", "later", headers={"Retry-After": "3"})
    dx_test_context.queue(busy, busy, error_reply(500, "InternalError", "x"), OK)
    assert DXHTTPRequest("/x", {}, max_retries=1) == {"ok": True}
    # n=1: 3 ; n=2: 3 + int(0.75) = 3 ; n=3 (counted 500): backoff [2,4] -> 2
    assert fast_retries.sleeps == [3.0, 3.0, 2.0]


def test_throttling_stops_at_time_budget(dx_test_context, fast_retries):
    dx_test_context.default = error_reply(503, "ServiceUnavailable", "later", headers={"Retry-After": "20"})
    with pytest.raises(exc.DXRetryBudgetExceeded) as info:
        DXHTTPRequest("/x", {}, retry_time_budget=50)
    err = info.value
    assert err.attempts == 3
    assert "3 attempts" in str(err)
    assert isinstance(err.last_error, exc.ServiceUnavailable)
    assert fast_retries.sleeps == [20.0, 25.0]
    assert len(dx_test_context.requests) == 3


def test_default_time_budget_is_900_seconds(dx_test_context, fast_retries):
    dx_test_context.default = error_reply(503, "ServiceUnavailable", "later", headers={"Retry-After": "100"})
    with pytest.raises(exc.DXRetryBudgetExceeded) as info:
        DXHTTPRequest("/x", {})
    assert sum(fast_retries.sleeps) <= 900
    assert info.value.attempts == 10
    assert fast_retries.sleeps == [100.0] * 9


# --- not retried ---------------------------------------------------------------------


def test_dropped_connection_not_resent_for_post(dx_test_context, fast_retries):
    import requests

    dx_test_context.queue(drop(), OK)
    with pytest.raises(exc.DXConnectionError) as info:
        DXHTTPRequest("/project/new", {"name": "p"})
    assert isinstance(info.value, requests.exceptions.ConnectionError)
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == []


def test_read_timeout_not_resent_for_post(dx_test_context, fast_retries):
    import requests

    dx_test_context.queue(delay(0.5))
    with pytest.raises(exc.DXTimeoutError) as info:
        DXHTTPRequest("/project/new", {}, timeout=0.1)
    assert isinstance(info.value, requests.exceptions.Timeout)
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == []


@pytest.mark.parametrize("status,error_type", [
    (422, "InvalidInput"), (400, "MalformedJSON"), (401, "InvalidAuthentication"),
    (403, "PermissionDenied"), (404, "ResourceNotFound"),
])
def test_4xx_not_retried(dx_test_context, fast_retries, status, error_type):
    dx_test_context.queue(error_reply(status, error_type, "no"), OK)
    with pytest.raises(exc.error_class_for(error_type)):
        DXHTTPRequest("/x", {}, always_retry=True)
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == []


def test_422_on_put_not_retried(dx_test_context, fast_retries):
    dx_test_context.queue(error_reply(422, "InvalidState", "closed"), OK)
    with pytest.raises(exc.InvalidState):
        DXHTTPRequest("/x", {}, method="PUT")
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == []


def test_max_retries_zero_means_one_attempt(dx_test_context, fast_retries):
    dx_test_context.queue(error_reply(500, "InternalError", "x"), OK)
    with pytest.raises(exc.InternalError):
        DXHTTPRequest("/x", {}, max_retries=0)
    assert len(dx_test_context.requests) == 1
    assert fast_retries.sleeps == []


# --- logging ---------------------------------------------------------------------------


def test_each_retry_logged_once_at_warning_without_secrets(dx_test_context, fast_retries, caplog):
    dx_test_context.queue(error_reply(500, "InternalError", "x"), error_reply(502, "InternalError", "y"), OK)
    caplog.set_level(logging.DEBUG, logger="dxpy")
    url = dx_test_context.url + "/upload/p?X-Amz-Signature=SIGNEDSECRET"
    DXHTTPRequest(url, b"1", method="PUT", jsonify_data=False, prepend_srv=False)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert "retry 1 of 6" in warnings[0].getMessage()
    assert "retry 2 of 6" in warnings[1].getMessage()
    assert all(r.name.startswith("dxpy") for r in warnings)
    assert "SIGNEDSECRET" not in caplog.text
    assert TEST_TOKEN not in caplog.text


# --- pure policy pieces ------------------------------------------------------------------


def test_parse_retry_after():
    assert parse_retry_after("7") == 7
    assert parse_retry_after(" 0 ") == 0
    assert parse_retry_after(None) is None
    assert parse_retry_after("-1") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") is None


def test_throttle_delay_formula():
    assert [RetryPolicy.throttle_delay(20, n) for n in (1, 2, 3, 21, 50)] == [20, 25, 30, 120, 120]
    assert RetryPolicy.throttle_delay(60, 5) == 60


def test_classify_exceptions():
    assert classify_exception(u3.NewConnectionError(None, "refused")) == _retry.NOT_SENT
    assert classify_exception(u3.ConnectTimeoutError()) == _retry.NOT_SENT
    # a name that does not resolve is not retried: the answer will not change in seconds
    if hasattr(u3, "NameResolutionError"):  # urllib3 >= 2
        assert classify_exception(u3.NameResolutionError("h", None, socket.gaierror())) == _retry.FATAL
    resolving = u3.NewConnectionError(None, "Failed to establish a new connection: [Errno -2] "
                                            "Name or service not known")
    assert classify_exception(resolving) == _retry.FATAL  # urllib3 1.26's form
    assert classify_exception(socket.gaierror()) == _retry.FATAL
    assert classify_exception(ConnectionRefusedError()) == _retry.NOT_SENT
    assert classify_exception(u3.ReadTimeoutError(None, "/", "slow")) == _retry.MAYBE_SENT
    assert classify_exception(u3.ProtocolError("aborted", ConnectionResetError())) == _retry.MAYBE_SENT
    assert classify_exception(ValueError("bug")) == _retry.FATAL


def test_tls_alert_with_string_reason_is_not_a_dns_failure():
    """ssl.SSLError carries ``reason`` as a string; walking the cause chain must not trip on it."""
    import ssl

    alert = ssl.SSLError(1, "[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required")
    alert.reason = "TLSV13_ALERT_CERTIFICATE_REQUIRED"
    wrapped = u3.SSLError(alert)
    assert _retry.is_name_resolution_error(alert) is False
    assert _retry.is_name_resolution_error(wrapped) is False


def test_certificate_error_is_fatal():
    import ssl

    err = u3.SSLError(ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] bad"))
    assert classify_exception(err) == _retry.FATAL
    assert classify_exception(u3.SSLError(ssl.SSLError(1, "[SSL] handshake EOF"))) == _retry.NOT_SENT


def test_decide_matrix():
    policy = RetryPolicy()
    post, get = policy.start("POST"), policy.start("GET")
    always = policy.start("POST", always_retry=True)
    err = RuntimeError("x")
    for kind in (_retry.NOT_SENT, _retry.TRUNCATED, _retry.BAD_JSON, _retry.THROTTLED, _retry.SERVER_ERROR):
        assert post.decide(_retry.Failure(kind, err))
    assert not post.decide(_retry.Failure(_retry.MAYBE_SENT, err))
    assert get.decide(_retry.Failure(_retry.MAYBE_SENT, err))
    assert always.decide(_retry.Failure(_retry.MAYBE_SENT, err))
    assert not always.decide(_retry.Failure(_retry.FATAL, err))


def test_unreachable_proxy_counts_as_never_sent(dx_test_context, fast_retries, no_proxy_env):
    no_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    with pytest.raises(exc.DXConnectionError):
        DXHTTPRequest("/project/new", {}, max_retries=2)
    assert fast_retries.sleeps == [1.0, 1.0]
    assert dx_test_context.requests == []


def test_garbage_status_line_retried_for_get_only(dx_test_context, fast_retries):
    from tests._support.testserver import raw

    dx_test_context.queue(raw(b"NOT-HTTP garbage\r\n\r\n"), OK)
    assert DXHTTPRequest("/x", None, method="GET", jsonify_data=False) == {"ok": True}
    dx_test_context.queue(raw(b"NOT-HTTP garbage\r\n\r\n"), OK)
    with pytest.raises(exc.DXConnectionError):
        DXHTTPRequest("/project/new", {})
    assert len(dx_test_context.requests) == 3
    assert fast_retries.sleeps == [1.0]


def test_connection_reset_mid_body_is_truncation(dx_test_context, fast_retries):
    dx_test_context.queue(truncate(b"x" * 10, claimed_length=100_000, headers={"Content-Type": "text/plain"}),
                          reply(body=b"whole", headers={"Content-Type": "text/plain"}))
    out = DXHTTPRequest(dx_test_context.url + "/dl", None, method="GET", jsonify_data=False,
                        prepend_srv=False, auth=None, decode_response_body=False)
    assert out == b"whole"
    assert fast_retries.sleeps == [1.0]


def test_truncated_answer_exhausting_retries_raises_content_length_error(dx_test_context, fast_retries):
    import requests

    dx_test_context.default = truncate(b"{}", claimed_length=10)
    with pytest.raises(exc.ContentLengthError) as info:
        DXHTTPRequest("/x", {}, max_retries=1)
    assert isinstance(info.value, requests.exceptions.HTTPError)
    assert len(dx_test_context.requests) == 2
    assert fast_retries.sleeps == [1.0]


def test_counted_retries_within_the_time_budget(dx_test_context, fast_retries):
    dx_test_context.queue(error_reply(500, "InternalError", "x"), error_reply(500, "InternalError", "y"), OK)
    assert DXHTTPRequest("/x", {}, retry_time_budget=2.5) == {"ok": True}
    assert fast_retries.sleeps == [1.0, 1.0]


def test_budget_counts_time_spent_before_throttling(dx_test_context, fast_retries):
    busy = error_reply(503, "ServiceUnavailable", "later", headers={"Retry-After": "10"})
    dx_test_context.queue(error_reply(500, "InternalError", "x"), busy, busy, OK)
    with pytest.raises(exc.DXRetryBudgetExceeded) as info:
        DXHTTPRequest("/x", {}, retry_time_budget=12)
    # 500 -> wait 1 s; 503 (n=2) -> 10 + int(0.25*1*10) = 12 s would end at 13 s > 12 s
    assert fast_retries.sleeps == [1.0]
    assert info.value.attempts == 2


# --- visible and bounded waits (hardening item 5) ------------------------------------------


@pytest.fixture
def unresolvable(monkeypatch):
    """The resolver answers 'no such name' for unresolvable.example (no DNS traffic leaves)."""
    import socket

    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host == "unresolvable.example":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return "unresolvable.example"


def test_an_unresolvable_api_host_fails_at_once_naming_the_host_and_its_source(dx_context, fast_retries,
                                                                             unresolvable):
    dx_context.set_api_server_info(host=unresolvable, port=443, protocol="https",
                                   source="environment variable DX_APISERVER_HOST")
    with pytest.raises(exc.DXConnectionError) as info:
        DXHTTPRequest("/system/whoami", {})
    message = str(info.value)
    assert "cannot resolve host 'unresolvable.example'" in message
    assert "environment variable DX_APISERVER_HOST" in message
    assert fast_retries.sleeps == []


def test_budget_bounds_counted_retries_too(dx_test_context, fast_retries):
    dx_test_context.queue(*[error_reply(500, "InternalError", "x")] * 5)
    with pytest.raises(exc.DXRetryBudgetExceeded) as info:
        DXHTTPRequest("/x", {}, retry_time_budget=3.5)
    # waits 1, 1, then 2 would end at 4 s > 3.5 s
    assert fast_retries.sleeps == [1.0, 1.0]
    assert info.value.attempts == 3


def test_a_retry_wait_reaches_stderr_without_logging_configured(dx_conf_env, tmp_path):
    import subprocess
    import sys

    from tests._support.testserver import ScriptedServer

    with ScriptedServer() as server:
        server.queue(error_reply(503, "ServiceUnavailable", "busy", headers={"Retry-After": "0"}), OK)
        env = dict(dx_conf_env, DX_APISERVER_HOST="127.0.0.1", DX_APISERVER_PORT=str(server.port),
                   DX_APISERVER_PROTOCOL="http")
        code = "import dxpy\nprint(dxpy.DXHTTPRequest('/system/whoami', {}))\n"
        proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert "POST http://127.0.0.1:" in lines[0] and "attempt 1 throttled (HTTP 503)" in lines[0]
    assert "waiting 0 s" in lines[0]
