"""The client's constants, defined once (the facade, the transport and the bindings import
them from here; ``import dxpy`` may import this module, which imports nothing heavy)."""

from __future__ import annotations

from dxpy._version import __version__

#: Version of the API this client speaks (the ``DNAnexus-API`` header).
API_VERSION = "1.0.0"

#: Default timeout (seconds) for connecting and for each read of one attempt.
#: ``DXHTTPRequest``'s default is bound when the function is defined, as upstream's is:
#: assigning ``dxpy.DEFAULT_TIMEOUT`` later does not change it (pass ``timeout=``).
DEFAULT_TIMEOUT = 905

#: Default number of counted retries of one call (``max_retries``).
DEFAULT_RETRIES = 6


#: Keyword arguments that configure a request (DXHTTPRequest's, besides the resource and
#: body): a binding that makes several requests passes exactly these to each of them.
REQUEST_OPTIONS = frozenset((
    "method", "headers", "auth", "timeout", "use_compression", "jsonify_data", "want_full_response",
    "decode_response_body", "prepend_srv", "session_handler", "max_retries", "always_retry",
    "verify", "cert_file", "key_file", "cert", "ssl_context", "retry_time_budget", "retry_policy",
))


def request_options(kwargs: dict) -> dict:
    """The request options among *kwargs* (see :data:`REQUEST_OPTIONS`).

    :param kwargs: a call's keyword arguments.
    :returns: a new dict with only the request options.
    """
    return {k: v for k, v in kwargs.items() if k in REQUEST_OPTIONS}


def default_user_agent() -> str:
    """``dxpy/<version> (<platform>) Python/<version>`` (``platform`` is imported on first use).

    :returns: the string.
    """
    import platform

    return f"dxpy/{__version__} ({platform.platform()}) Python/{platform.python_version()}"
