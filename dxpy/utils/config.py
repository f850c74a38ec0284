"""Upstream path of the configuration mapping: ``dxpy.utils.config.DXConfig``.

The implementation lives in :mod:`dxpy._config`; ``dxpy.config`` is the instance
that ``import dxpy`` uses.
"""

from __future__ import annotations

from .._config import DXConfig

__all__ = ["DXConfig"]
