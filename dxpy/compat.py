"""Python 2/3 compatibility names existing code imports (upstream path ``dxpy.compat``).

dxpy supports Python 3 only; these names keep ``from dxpy.compat import basestring`` and
friends working in code written for upstream.
"""

from __future__ import annotations

import hashlib
import locale
import threading
from typing import Any

try:
    sys_encoding: str = locale.getpreferredencoding(False) or "UTF-8"
except Exception:  # a broken locale must not break ``import dxpy.compat``
    sys_encoding = "UTF-8"

#: always False: dxpy runs on Python 3 only
USING_PYTHON2 = False
#: what upstream treats as a string
basestring = (str, bytes)
#: the longest timeout threading primitives accept
THREAD_TIMEOUT_MAX = threading.TIMEOUT_MAX


def md5_hasher() -> Any:
    """A new MD5 hash object, usable on FIPS-enabled Pythons (not for security).

    :returns: a ``hashlib`` MD5 object
    """
    try:
        return hashlib.new("md5", usedforsecurity=False)
    except TypeError:  # Python builds without the keyword
        return hashlib.new("md5")


__all__ = ["USING_PYTHON2", "THREAD_TIMEOUT_MAX", "basestring", "md5_hasher", "sys_encoding"]
