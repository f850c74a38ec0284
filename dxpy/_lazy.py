"""Lazy attribute access for dxpy's packages: submodules by attribute, and the names
``from dxpy import *`` exports (upstream exports them from ``dxpy/__init__.py`` at import
time; we compute them when asked, so that ``import dxpy`` stays light)."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from types import ModuleType
from typing import Optional

#: Exception classes ``from dxpy import *`` gives, as upstream's does.
STAR_EXCEPTIONS = (
    "DXError", "DXAPIError", "DXFileError", "DXSearchError", "DXAppletError", "DXJobFailureError",
    "DXCLIError", "AppError", "AppInternalError", "AppInsufficientResourceError",
)


def submodule(package: str, name: str) -> Optional[ModuleType]:
    """Import ``<package>.<name>`` if such a public submodule exists.

    :param package: a package's dotted name (``"dxpy.utils"``).
    :param name: the attribute asked for.
    :returns: the module, or ``None`` when there is no such submodule (nothing is imported).
    """
    if name.startswith("_"):
        return None
    full = f"{package}.{name}"
    found = sys.modules.get(full)
    if found is not None:
        return found
    try:
        spec = importlib.util.find_spec(full)
    except (ImportError, ValueError):
        return None
    return None if spec is None else importlib.import_module(full)


def public_submodules(package: ModuleType) -> list[str]:
    """The names of a package's public submodules (found on disk, not imported).

    :param package: an imported package.
    :returns: sorted names without a leading underscore.
    """
    paths = getattr(package, "__path__", None) or []
    return sorted(m.name for m in pkgutil.iter_modules(paths) if not m.name.startswith("_"))
