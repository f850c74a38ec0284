"""A local DNAnexus API server (``dxpy.emulator``), standard library only.

``import dxpy`` never imports this package.
"""

from __future__ import annotations
