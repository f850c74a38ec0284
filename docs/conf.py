"""Sphinx configuration for the dxpy documentation."""

from __future__ import annotations

import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

project = "dxpy"
author = "dxpy developers"
release = re.search(r'__version__ = "([^"]+)"', (ROOT / "dxpy" / "_version.py").read_text()).group(1)  # type: ignore[union-attr]
version = release
extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
# Links into the Python docs need network access, and an unreachable inventory is a warning
# (an error under -W): the default build works offline; DXPY_DOCS_INTERSPHINX=1 adds the links.
if os.environ.get("DXPY_DOCS_INTERSPHINX"):
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {"python": ("https://docs.python.org/3", None)}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
