"""Utilities shared by the bindings (upstream path ``dxpy.utils``)."""

from __future__ import annotations

from .._nonce import Nonce

__all__ = ["Nonce"]
