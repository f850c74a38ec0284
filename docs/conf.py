"""Sphinx configuration for the dxpy documentation.

The build is strict: ``nitpicky`` is on and ``tox -e docs`` (and the test suite) build
with ``-W -n``, so every cross-reference to a dxpy name must resolve. The reference
pages under ``docs/reference/`` are written at build time by ``_ext/dxpy_reference.py``.
"""

from __future__ import annotations

import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

project = "dxpy"
author = "dxpy developers"
copyright = "dxpy developers"  # noqa: A001 (Sphinx's name)
release = re.search(r'__version__ = "([^"]+)"', (ROOT / "dxpy" / "_version.py").read_text()).group(1)  # type: ignore[union-attr]
version = release
extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode", "dxpy_reference"]
# Links into the Python and requests docs need network access, and an unreachable
# inventory is a warning (an error under -W): the default build works offline;
# DXPY_DOCS_INTERSPHINX=1 adds the links.
if os.environ.get("DXPY_DOCS_INTERSPHINX"):
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "requests": ("https://requests.readthedocs.io/en/latest", None),
    }
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"show-inheritance": True}
exclude_patterns = ["_build"]
templates_path: list[str] = []
html_theme = "furo"
html_title = f"dxpy {release}"
pygments_style = "sphinx"

# Every reference to a dxpy name must resolve. Names outside dxpy (the standard
# library, requests, urllib3) resolve only when intersphinx is on; they are not
# errors otherwise, since their documentation is not ours to check.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(?!dxpy\b)[A-Za-z_][\w.]*(\[.*\])?"),
    (r"py:.*", r"dxpy(\.\w+)*\._[\w.]*"),  # private modules and classes (bases, prose)
    # JavaScript's built-in types (parameter types of the JS client's reference)
    (r"js:class", r"string|object|number|boolean|function|Error|TypeError|Promise|AbortSignal"),
]
