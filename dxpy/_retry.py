"""The retry policy of :func:`dxpy.DXHTTPRequest` (pure logic, no I/O of its own).

One attempt of a request ends either with a usable answer or with a *failure*.
:func:`classify_exception` and :func:`classify_status` turn what happened into a
:class:`Failure` of one of the kinds below; :meth:`RetryState.decide` says whether
the request may be sent again and :meth:`RetryState.delay` how long to wait.

=================  ==========================================  ===============  =========
kind               what happened                               retried          counted
=================  ==========================================  ===============  =========
``not_sent``       connection refused, DNS failure, connect    always           yes
                   timeout, TLS handshake error (not a
                   certificate problem)
``maybe_sent``     connection reset/dropped after sending,     ``GET`` or       yes
                   read timeout, malformed status line         ``always_retry``
``truncated``      body shorter than ``Content-Length``        always           yes
``bad_json``       no ``Content-Length``, unparseable JSON     always           yes
``throttled``      HTTP 503 or 429                             always           no (time
                                                                                budget)
``server_error``   other HTTP 5xx                              always           yes
``put_400``        HTTP 400 answering a ``PUT`` (storage       if safe          yes
                   timeouts)
``fatal``          certificate failure, 4xx, anything else     never            --
=================  ==========================================  ===============  =========

Counted failures stop after ``max_retries`` retries (the last error is raised).
Throttling answers are not counted. Before every wait, counted or not, the time since
the call started plus the next wait must fit in the per-call time budget, otherwise
:class:`~dxpy.exceptions.DXRetryBudgetExceeded` is raised. A host name that cannot be
resolved is not retried (``fatal``): a DNS answer does not change in a few seconds.

The clock, the sleep function and the random source are injectable so that tests
can assert exact delays without waiting.
"""

from __future__ import annotations

import errno
import logging
import random
import time
from typing import Any, Callable, Optional

from dxpy.exceptions import DXRetryBudgetExceeded

logger = logging.getLogger(__name__)

NOT_SENT = "not_sent"
MAYBE_SENT = "maybe_sent"
TRUNCATED = "truncated"
BAD_JSON = "bad_json"
THROTTLED = "throttled"
SERVER_ERROR = "server_error"
PUT_400 = "put_400"
FATAL = "fatal"

#: Methods re-sent after an ambiguous failure without ``always_retry`` (the documented rule
#: names GET only; uploads and other PUTs pass ``always_retry=True`` when they are safe).
IDEMPOTENT_METHODS = frozenset(("GET",))

#: Default total time (seconds) one call may spend waiting between attempts.
DEFAULT_TIME_BUDGET = 900.0

_NEVER_SENT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ECONNREFUSED", "ENETDOWN", "ENETUNREACH", "EHOSTUNREACH")
    if hasattr(errno, name)
)


class Failure:
    """One failed attempt, as seen by the retry policy.

    :param kind: one of the module's kind constants (``NOT_SENT``, ``THROTTLED`` ...).
    :param error: the exception to raise if the request is not retried.
    :param status: the HTTP status, when a response arrived.
    :param retry_after: the integer ``Retry-After`` value in seconds, if one was sent.
    :param reason: a short description for the log (no credentials, no query strings).
    """

    __slots__ = ("kind", "error", "status", "retry_after", "reason")

    def __init__(self, kind: str, error: BaseException, status: Optional[int] = None,
                 retry_after: Optional[int] = None, reason: str = "") -> None:
        self.kind = kind
        self.error = error
        self.status = status
        self.retry_after = retry_after
        self.reason = reason or type(error).__name__

    def __repr__(self) -> str:
        return f"<Failure {self.kind} status={self.status} {self.reason}>"


def parse_retry_after(value: Optional[str]) -> Optional[int]:
    """Read an integer ``Retry-After`` header value.

    :param value: the header value, or ``None``.
    :returns: the number of seconds, or ``None`` if absent or not a non-negative integer
        (HTTP dates are ignored).
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    return None


def classify_status(status: int, method: str) -> str:
    """Kind of failure for an HTTP error status.

    :param status: the HTTP status (not 2xx/3xx).
    :param method: the request method (upper case).
    :returns: a kind constant.
    """
    if status in (503, 429):
        return THROTTLED
    if status >= 500:
        return SERVER_ERROR
    if status == 400 and method == "PUT":
        return PUT_400
    return FATAL


def _walk_causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: Optional[BaseException] = exc
    while cur is not None and cur not in seen and len(seen) < 10:
        seen.append(cur)
        nxt = getattr(cur, "reason", None)
        if not isinstance(nxt, BaseException):
            nxt = cur.__cause__ or cur.__context__
            if nxt is None and cur.args and isinstance(cur.args[-1], BaseException):
                nxt = cur.args[-1]
        cur = nxt
    return seen


def is_certificate_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or an exception it wraps) is a TLS certificate verification failure.

    :param exc: an exception raised while connecting.
    :returns: True for certificate/hostname verification failures.
    """
    import ssl  # only failures get here; importing dxpy._retry must not load ssl

    for item in _walk_causes(exc):
        if isinstance(item, ssl.SSLCertVerificationError):
            return True
        if isinstance(item, ssl.SSLError) and "CERTIFICATE_VERIFY_FAILED" in str(item):
            return True
    return False


def classify_exception(exc: BaseException) -> str:
    """Kind of failure for an exception raised while sending a request or reading its answer.

    :param exc: the exception (urllib3 or socket level).
    :returns: a kind constant; unknown exceptions are ``FATAL``.
    """
    import socket

    import urllib3.exceptions as u3

    if is_certificate_error(exc):
        return FATAL
    inner = getattr(exc, "original_error", None)
    if isinstance(exc, u3.ProxyError) and isinstance(inner, BaseException) and inner is not exc:
        return classify_exception(inner)  # e.g. the proxy itself refused the connection
    if is_name_resolution_error(exc):
        return FATAL
    if isinstance(exc, (u3.NewConnectionError, u3.ConnectTimeoutError)):
        return NOT_SENT
    if isinstance(exc, u3.SSLError):
        return NOT_SENT  # TLS handshake failed: no request bytes were sent
    if isinstance(exc, (socket.herror, ConnectionRefusedError)):
        return NOT_SENT
    if isinstance(exc, OSError) and exc.errno in _NEVER_SENT_ERRNOS:
        return NOT_SENT
    if isinstance(exc, (u3.ReadTimeoutError, u3.ProtocolError, u3.ProxyError, ConnectionError, OSError)):
        return MAYBE_SENT
    if isinstance(exc, u3.HTTPError):
        return MAYBE_SENT
    return FATAL


def is_name_resolution_error(exc: BaseException) -> bool:
    """Whether a connection failed because the host name could not be resolved.

    urllib3 2 raises ``NameResolutionError``; urllib3 1.26 a ``NewConnectionError`` whose
    cause (or message) is a :class:`socket.gaierror`.

    :param exc: the exception raised by the transport.
    :returns: True for a DNS failure.
    """
    import socket

    seen = 0
    current: Optional[BaseException] = exc
    while current is not None and seen < 6:
        if isinstance(current, socket.gaierror) or type(current).__name__ == "NameResolutionError":
            return True
        # ``reason`` is an exception on urllib3's wrappers but a plain string on ssl.SSLError.
        reason = getattr(current, "reason", None)
        current = current.__cause__ or current.__context__ or (
            reason if isinstance(reason, BaseException) else None)
        seen += 1
    text = str(exc)
    return "Name or service not known" in text or "nodename nor servname" in text or \
        "Temporary failure in name resolution" in text or "getaddrinfo failed" in text


class RetryPolicy:
    """Factory of per-call retry states, holding the injectable clock, sleep and random source.

    :param clock: monotonic clock in seconds (default :func:`time.monotonic`).
    :param sleep: function waiting a number of seconds (default :func:`time.sleep`).
    :param rand: a :class:`random.Random` (or anything with ``randint``) for backoff jitter.
    :param time_budget: default total seconds one call may spend on retries.
    :param max_backoff: upper bound of one exponential backoff wait.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Any] = time.sleep, rand: Any = None,
                 time_budget: float = DEFAULT_TIME_BUDGET, max_backoff: float = 128.0) -> None:
        self.clock = clock
        self.sleep = sleep
        self.rand = rand if rand is not None else random.Random()
        self.time_budget = time_budget
        self.max_backoff = max_backoff

    def start(self, method: str, max_retries: int = 6, always_retry: bool = False,
              time_budget: Optional[float] = None) -> RetryState:
        """Begin tracking one call.

        :param method: the HTTP method (upper case).
        :param max_retries: how many counted retries are allowed.
        :param always_retry: the caller says re-sending is safe.
        :param time_budget: override of the policy's time budget, in seconds.
        :returns: a fresh :class:`RetryState`.
        """
        budget = self.time_budget if time_budget is None else float(time_budget)
        return RetryState(self, method, max_retries, always_retry, budget)

    def backoff(self, attempts: int) -> float:
        """Exponential backoff with jitter after ``attempts`` attempts.

        1 s after the first attempt, then a random integer in ``[2**(m-2), 2**(m-1)]``
        with ``m = min(attempts, 8)`` (1-2, 2-4, ... 64-128 s).

        :param attempts: attempts made so far (>= 1).
        :returns: seconds to wait.
        """
        if attempts <= 1:
            return 1.0
        m = min(attempts, 8)
        return float(min(self.rand.randint(2 ** (m - 2), 2 ** (m - 1)), self.max_backoff))

    @staticmethod
    def throttle_delay(retry_after: int, attempts: int) -> float:
        """Wait asked for by ``Retry-After``, growing by a quarter per attempt (at most 6x).

        :param retry_after: the header's seconds.
        :param attempts: attempts made so far (>= 1).
        :returns: seconds to wait.
        """
        if retry_after >= 60:
            return float(retry_after)
        return float(retry_after + int(0.25 * min(attempts - 1, 20) * retry_after))


class RetryState:
    """Retry bookkeeping for one call (attempt counters and the start time).

    Create with :meth:`RetryPolicy.start`.
    """

    def __init__(self, policy: RetryPolicy, method: str, max_retries: int, always_retry: bool,
                 time_budget: float) -> None:
        self.policy = policy
        self.method = method
        self.max_retries = max_retries
        self.always_retry = always_retry
        self.time_budget = time_budget
        self.started = policy.clock()
        self.attempts = 0
        self.counted_retries = 0

    @property
    def safe(self) -> bool:
        """Whether re-sending a request that may have reached the server is acceptable."""
        return self.always_retry or self.method in IDEMPOTENT_METHODS

    def decide(self, failure: Failure) -> bool:
        """Whether the failed request may be sent again (ignoring counters and budget).

        :param failure: the classified failure.
        :returns: True to retry.
        """
        kind = failure.kind
        if kind in (NOT_SENT, TRUNCATED, BAD_JSON, THROTTLED, SERVER_ERROR):
            return True
        if kind in (MAYBE_SENT, PUT_400):
            return self.safe
        return False

    def delay(self, failure: Failure) -> float:
        """Seconds to wait before the next attempt.

        :param failure: the classified failure.
        :returns: the delay.
        """
        if failure.kind == THROTTLED and failure.retry_after is not None:
            return self.policy.throttle_delay(failure.retry_after, self.attempts)
        return self.policy.backoff(self.attempts)

    def after_failure(self, failure: Failure, description: str) -> None:
        """Record a failed attempt; wait before the next one or raise.

        :param failure: the classified failure of the attempt just made.
        :param description: ``"METHOD url"`` for the log (already redacted).
        :raises BaseException: ``failure.error`` when the request must not or may no longer
            be retried.
        :raises DXRetryBudgetExceeded: when the next wait would take the call past its time budget.
        """
        if not self.decide(failure):
            raise failure.error
        counted = failure.kind != THROTTLED
        if counted and self.counted_retries >= self.max_retries:
            raise failure.error
        wait = self.delay(failure)
        elapsed = self.policy.clock() - self.started
        if elapsed + wait > self.time_budget:
            raise DXRetryBudgetExceeded(
                f"{description}: gave up after {self.attempts} attempts in {elapsed:.1f} s "
                f"(retry time budget {self.time_budget:.0f} s); last error: {failure.reason}",
                attempts=self.attempts, elapsed=elapsed, last_error=failure.error,
            ) from failure.error
        if counted:
            self.counted_retries += 1
            logger.warning("%s: attempt %d failed (%s); waiting %s s before retry %d of %d",
                           description, self.attempts, failure.reason, _fmt(wait), self.counted_retries,
                           self.max_retries)
        else:
            logger.warning("%s: attempt %d throttled (%s); waiting %s s before retrying",
                           description, self.attempts, failure.reason, _fmt(wait))
        self.policy.sleep(wait)


def _fmt(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:.2f}"
