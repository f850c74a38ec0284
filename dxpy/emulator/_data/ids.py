"""Entity IDs: generation with the platform alphabet and lenient validation.

The platform generates the 24 characters after ``class-`` from a 32-symbol
alphabet; clients (and we) accept any 24 ASCII letters or digits.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from typing import Optional, Union

__all__ = ["ALPHABET", "new_id", "is_id", "parse_id", "id_class"]

#: The symbols the platform uses when it generates IDs.
ALPHABET = "0123456789BFGJKPQVXYZbfgjkpqvxyz"

_ID_RE = re.compile(r"^([a-z]+)-([0-9A-Za-z]{24})$")


def new_id(cls: str) -> str:
    """Generate a fresh random ID of the given class.

    :param cls: the class prefix, e.g. ``"record"`` or ``"project"``.
    :returns: ``"<cls>-"`` followed by 24 symbols from :data:`ALPHABET`.
    :raises ValueError: if ``cls`` is not a lowercase word.
    """
    if not re.fullmatch(r"[a-z]+", cls or ""):
        raise ValueError(f"invalid ID class {cls!r}")
    return cls + "-" + "".join(secrets.choice(ALPHABET) for _ in range(24))


def is_id(value: object, cls: Union[str, Collection[str], None] = None) -> bool:
    """Tell whether ``value`` is a well-formed ID (optionally of class ``cls``).

    :param value: anything; non-strings are never IDs.
    :param cls: a class prefix, or a tuple/list/set of accepted prefixes, or None for any.
    :returns: True when ``value`` matches ``<class>-[0-9A-Za-z]{24}``.
    """
    if not isinstance(value, str):
        return False
    match = _ID_RE.match(value)
    if match is None:
        return False
    if cls is None:
        return True
    if isinstance(cls, str):
        return match.group(1) == cls
    return match.group(1) in cls


def parse_id(value: object) -> Optional[tuple[str, str]]:
    """Split a well-formed ID into its class and its 24-character suffix.

    :param value: the candidate ID.
    :returns: ``(cls, suffix)`` or None when ``value`` is not a well-formed ID.
    """
    if not isinstance(value, str):
        return None
    match = _ID_RE.match(value)
    if match is None:
        return None
    return match.group(1), match.group(2)


def id_class(value: str) -> str:
    """Return the class prefix of an entity string (text before the first ``-``).

    Works for IDs and for handle-style names (``user-alice``, ``app-bwa``).

    :param value: the entity string.
    :returns: the prefix, or ``""`` when there is no ``-``.
    """
    head, sep, _ = value.partition("-")
    return head if sep else ""
