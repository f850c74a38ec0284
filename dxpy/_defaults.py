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


def default_user_agent() -> str:
    """``dxpy/<version> (<platform>) Python/<version>`` (``platform`` is imported on first use).

    :returns: the string.
    """
    import platform

    return f"dxpy/{__version__} ({platform.platform()}) Python/{platform.python_version()}"
