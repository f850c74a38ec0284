"""Build the Sphinx documentation once per test session (strict: ``-W -n``).

``tests/test_docs_build.py`` checks that the build succeeds and
``tests/test_docs_reference.py`` reads the object inventory it writes; both call
:func:`build_docs`, which builds at most once per process.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class DocsBuild:
    """The outcome of one documentation build."""

    returncode: int
    output: str
    html_dir: Path

    def inventory(self) -> dict[str, str]:
        """The objects the build documented: ``{"dxpy.api.system_whoami": "py:function", ...}``.

        :returns: object name -> ``domain:role``, from ``objects.inv``.
        """
        data = (self.html_dir / "objects.inv").read_bytes()
        body = b"\n".join(data.split(b"\n")[4:])  # after the four header lines
        entries: dict[str, str] = {}
        for line in zlib.decompress(body).decode("utf-8").splitlines():
            name, role = line.split(" ", 2)[:2]
            entries.setdefault(name, role)
        return entries


def require_sphinx() -> None:
    """Skip the calling test when Sphinx is not installed (it is part of the ``test`` extra)."""
    if importlib.util.find_spec("sphinx") is None:
        pytest.skip("sphinx is not installed: pip install -e '.[test]' installs it")


@functools.cache
def build_docs() -> DocsBuild:
    """Build the HTML documentation into a temporary directory, warnings as errors.

    :returns: the build's status, its output and where the HTML went.
    """
    out = Path(tempfile.mkdtemp(prefix="dxpy-docs-"))
    atexit.register(shutil.rmtree, out, True)
    cmd = [
        sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html",
        "-d", str(out / "doctrees"), str(DOCS), str(out / "html"),
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    return DocsBuild(proc.returncode, proc.stdout + proc.stderr, out / "html")
