"""Connection pools, TLS and proxy selection, and a single HTTP attempt.

All traffic goes through :mod:`urllib3` pool managers that are created once per
combination of TLS and proxy options and then shared by every thread (urllib3
pools are thread safe; ``block=False`` lets a burst of threads open extra
connections instead of waiting).

Proxies come from the environment, scheme-specific as in most HTTP clients:
``https://`` URLs use ``HTTPS_PROXY``/``https_proxy``, ``http://`` URLs use
``HTTP_PROXY``/``http_proxy`` (lower case wins when both are set), and hosts
matching ``NO_PROXY``/``no_proxy`` go direct.  ``user:password@`` in the proxy URL
becomes a ``Proxy-Authorization`` header; the password is never logged.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from typing import Any, Optional

import urllib3
from urllib3.util import parse_url

from dxpy._urls import split_base

logger = logging.getLogger(__name__)

#: Connections kept per host in each pool.
POOL_MAXSIZE = 32

_pools: dict[tuple[Any, ...], urllib3.PoolManager] = {}
_pools_lock = threading.Lock()
_timeouts: dict[Any, urllib3.Timeout] = {}
_direct: dict[tuple[str, Any], urllib3.HTTPConnectionPool] = {}
_MAX_DIRECT = 64
#: Pool managers kept at once (one per TLS/proxy combination); the oldest is closed past it.
_MAX_POOLS = 16


def _reset_after_fork() -> None:
    """In a forked child: forget the parent's pools (their sockets and locks are the parent's).

    The connections are dropped, not closed: closing a TLS connection could send a
    close_notify on the parent's session.
    """
    global _pools, _pools_lock, _direct
    _pools = {}
    _direct = {}
    _pools_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


class TLSOptions:
    """How to verify servers and which client certificate to present.

    :param verify: ``True`` (verify with the default bundle), ``False`` (no verification)
        or the path of a CA bundle.
    :param cert_file: client certificate (PEM) path, or ``None``.
    :param key_file: client key (PEM) path, or ``None``.
    :param use_os_ca_bundle: verify against the operating system's trust store instead
        of certifi's bundle.
    :param ssl_context: a ready :class:`ssl.SSLContext` to use as is.
    """

    __slots__ = ("verify", "cert_file", "key_file", "use_os_ca_bundle", "ssl_context", "key")

    def __init__(self, verify: Any = True, cert_file: Optional[str] = None, key_file: Optional[str] = None,
                 use_os_ca_bundle: bool = False, ssl_context: Any = None) -> None:
        self.verify = verify
        self.cert_file = cert_file
        self.key_file = key_file
        self.use_os_ca_bundle = use_os_ca_bundle
        self.ssl_context = ssl_context
        self.key = (verify, cert_file, key_file, use_os_ca_bundle, id(ssl_context) if ssl_context else None)

    def pool_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :class:`urllib3.PoolManager` implementing these options.

        :returns: a dict (``cert_reqs``, ``ca_certs``, ``cert_file``, ``key_file``, ``ssl_context``).
        """
        kwargs: dict[str, Any] = {}
        if self.ssl_context is not None:
            kwargs["ssl_context"] = self.ssl_context
        if self.verify is False:
            kwargs["cert_reqs"] = "CERT_NONE"
        else:
            kwargs["cert_reqs"] = "CERT_REQUIRED"
            if isinstance(self.verify, str):
                kwargs["ca_certs"] = self.verify
            elif not self.use_os_ca_bundle and self.ssl_context is None:
                kwargs["ca_certs"] = _default_ca_bundle()
        if self.cert_file:
            kwargs["cert_file"] = self.cert_file
        if self.key_file:
            kwargs["key_file"] = self.key_file
        return kwargs


def _default_ca_bundle() -> Optional[str]:
    try:
        import certifi
    except ImportError:  # pragma: no cover - certifi comes with requests
        return None
    return str(certifi.where())


def tls_options(ca_cert: Optional[str], use_os_ca_bundle: bool, kwargs: dict[str, Any]) -> TLSOptions:
    """Combine the configured CA settings with per-call keyword arguments.

    ``verify`` given by the caller wins over ``DX_CA_CERT``; ``DX_CA_CERT=NOVERIFY``
    disables verification.

    :param ca_cert: the configured ``DX_CA_CERT`` (path, ``"NOVERIFY"`` or ``None``).
    :param use_os_ca_bundle: the configured ``DX_USE_OS_CA_BUNDLE``.
    :param kwargs: the call's keyword arguments (``verify``, ``cert_file``, ``key_file``,
        ``ssl_context``, ``cert``).
    :returns: the options.
    """
    verify: Any = kwargs.get("verify", None)
    if verify is None:
        if ca_cert == "NOVERIFY":
            verify = False
        elif ca_cert:
            verify = ca_cert
        else:
            verify = True
    cert_file, key_file = kwargs.get("cert_file"), kwargs.get("key_file")
    cert = kwargs.get("cert")
    if cert and not cert_file:
        cert_file, key_file = (cert, None) if isinstance(cert, str) else (cert[0], cert[1])
    return TLSOptions(verify, cert_file, key_file, use_os_ca_bundle, kwargs.get("ssl_context"))


DEFAULT_TLS = TLSOptions()


def _env(lower: str) -> Optional[str]:
    env = os.environ
    value = env.get(lower)
    if value is None:
        value = env.get(lower.upper())
    return value or None


def _host_matches_no_proxy(host: str, port: Optional[int], no_proxy: str) -> bool:
    host = host.lower().strip("[]")
    for entry in no_proxy.replace(" ", "").split(","):
        if not entry:
            continue
        if entry == "*":
            return True
        entry = entry.lower()
        name, _, entry_port = entry.rpartition(":") if entry.count(":") == 1 else (entry, "", "")
        if entry_port and port is not None and entry_port != str(port):
            continue
        name = name.lstrip(".").strip("[]")
        if host == name or host.endswith("." + name):
            return True
    return False


def proxy_for(url: str) -> Optional[str]:
    """The proxy URL to use for ``url`` according to the environment.

    :param url: the request URL.
    :returns: the proxy URL, or ``None`` for a direct connection.
    """
    scheme = "https" if url[:6].lower() == "https:" else "http"
    proxy = _env(scheme + "_proxy")
    if proxy is None:
        return None
    no_proxy = _env("no_proxy")
    if no_proxy:
        parsed = parse_url(url)
        if parsed.host and _host_matches_no_proxy(parsed.host, parsed.port, no_proxy):
            return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    return proxy


def redact_proxy(proxy: str) -> str:
    """Hide the password of a proxy URL.

    :param proxy: a proxy URL, possibly with ``user:password@``.
    :returns: the URL with the password replaced by ``***``.
    """
    parsed = parse_url(proxy)
    if not parsed.auth:
        return proxy
    user = parsed.auth.split(":", 1)[0]
    return parsed._replace(auth=user + ":***").url


def _build_pool(tls: TLSOptions, proxy: Optional[str]) -> urllib3.PoolManager:
    kwargs = tls.pool_kwargs()
    kwargs.update(num_pools=32, maxsize=POOL_MAXSIZE, block=False, retries=False)
    if proxy is None:
        return urllib3.PoolManager(**kwargs)
    parsed = parse_url(proxy)
    headers = None
    if parsed.auth:
        headers = urllib3.make_headers(proxy_basic_auth=_unquote(parsed.auth))
        proxy = parsed._replace(auth=None).url
    logger.info("using proxy %s", redact_proxy(str(parsed.url)))
    return urllib3.ProxyManager(proxy, proxy_headers=headers, **kwargs)


def _unquote(text: str) -> str:
    from urllib.parse import unquote

    return unquote(text)


def pool_for(url: str, tls: TLSOptions = DEFAULT_TLS, proxy: Any = False) -> urllib3.PoolManager:
    """The shared pool manager for a URL (direct or through the environment's proxy).

    :param url: the request URL (selects the proxy).
    :param tls: TLS options.
    :param proxy: the proxy URL if already known (``None`` = direct); by default it is
        looked up with :func:`proxy_for`.
    :returns: a cached :class:`urllib3.PoolManager` or :class:`urllib3.ProxyManager`.
    """
    if proxy is False:
        proxy = proxy_for(url)
    key = (tls.key, proxy)
    pool = _pools.get(key)
    if pool is None:
        with _pools_lock:
            pool = _pools.get(key)
            if pool is None:
                while len(_pools) >= _MAX_POOLS:
                    _pools.pop(next(iter(_pools))).clear()
                pool = _pools[key] = _build_pool(tls, proxy)
    return pool


def timeout_for(timeout: Any) -> Any:
    """A :class:`urllib3.Timeout` for a number of seconds (cached), or the value as given.

    :param timeout: seconds (int/float), ``None``, a ``(connect, read)`` tuple or a Timeout.
    :returns: what urllib3 accepts as ``timeout``.
    """
    if isinstance(timeout, urllib3.Timeout):
        return timeout
    found = _timeouts.get(timeout)
    if found is None:
        if isinstance(timeout, tuple):
            found = urllib3.Timeout(connect=timeout[0], read=timeout[1])
        else:
            found = urllib3.Timeout(connect=timeout, read=timeout)
        if len(_timeouts) < 64:
            _timeouts[timeout] = found
    return found


def send(method: str, url: str, body: Any, headers: dict[str, str], timeout: Any,
         tls: TLSOptions = DEFAULT_TLS) -> urllib3.BaseHTTPResponse:
    """Make one attempt; the body of the answer is left unread.

    Direct connections (no proxy) go straight to a cached per-origin connection pool,
    which skips the pool manager's URL parsing and pool lookup on every call.

    :param method: HTTP method.
    :param url: absolute URL.
    :param body: ``bytes``, a file-like object or ``None``.
    :param headers: request headers.
    :param timeout: what :func:`timeout_for` returned.
    :param tls: TLS options.
    :returns: the urllib3 response (status and headers read).
    :raises urllib3.exceptions.HTTPError: connection level failures (not retried here).
    """
    proxy = proxy_for(url)
    if proxy is None:
        base, path = split_base(url)
        key = (base, tls.key)
        direct = _direct.get(key) or _direct_pool(key, tls)
        if direct is not None:
            return direct.urlopen(method, path, body=body, headers=headers, timeout=timeout,
                                  retries=False, redirect=False, preload_content=False,
                                  assert_same_host=False)
    manager = pool_for(url, tls, proxy)
    return manager.urlopen(method, url, body=body, headers=headers, timeout=timeout, retries=False,
                           redirect=False, preload_content=False, assert_same_host=False)


def _direct_pool(key: tuple[str, Any], tls: TLSOptions) -> Optional[urllib3.HTTPConnectionPool]:
    origin = key[0]
    if "@" in origin or len(_direct) >= _MAX_DIRECT:
        return None
    with _pools_lock:
        found = _direct.get(key)
        if found is None:
            kwargs = tls.pool_kwargs()
            kwargs.update(maxsize=POOL_MAXSIZE, block=False, retries=False)
            if origin.startswith("http:"):
                for name in ("cert_reqs", "ca_certs", "cert_file", "key_file", "ssl_context"):
                    kwargs.pop(name, None)
            found = _direct[key] = urllib3.connection_from_url(origin, **kwargs)
    return found


def read_body(response: urllib3.BaseHTTPResponse) -> bytes:
    """Read the whole (decoded) body and give the connection back to its pool.

    :param response: a response returned by :func:`send`.
    :returns: the body.
    :raises urllib3.exceptions.ProtocolError: if the connection broke or the body is shorter
        than ``Content-Length`` (``IncompleteRead``).
    """
    try:
        return response.read()
    finally:
        response.release_conn()


def discard(response: urllib3.BaseHTTPResponse) -> None:
    """Drop a response whose body will not be used (the connection is closed, not reused).

    :param response: the response.
    """
    with contextlib.suppress(Exception):
        response.drain_conn()
    response.release_conn()


def clear_pools() -> None:
    """Close every pooled connection and forget the pool managers (tests, after fork)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
        direct = list(_direct.values())
        _direct.clear()
    for pool in pools:
        pool.clear()
    for conn_pool in direct:
        conn_pool.close()
