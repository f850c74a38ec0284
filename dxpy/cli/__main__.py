"""``python -m dxpy.cli``: the same as the ``dx`` command."""

from __future__ import annotations

from .main import entry

entry()
