"""The documentation builds with Sphinx, warnings as errors and every reference checked.

A docstring with broken reST, or a cross-reference to a name that does not exist,
fails this test (and CI) rather than a later ``tox -e docs``.
"""

from __future__ import annotations

from tests._support.docs import DOCS, build_docs, require_sphinx


def test_docs_build_without_a_warning() -> None:
    require_sphinx()
    build = build_docs()
    assert build.returncode == 0, f"sphinx-build -W -n failed:\n{build.output}"
    assert "WARNING" not in build.output and "ERROR" not in build.output, build.output
    assert (build.html_dir / "index.html").is_file()


def test_every_guide_is_in_the_html() -> None:
    require_sphinx()
    build = build_docs()
    assert build.returncode == 0, build.output
    for page in DOCS.glob("*.rst"):
        assert (build.html_dir / f"{page.stem}.html").is_file(), f"{page.name} was not built"
    assert (build.html_dir / "reference" / "dxpy.api.html").is_file()


def test_strictness_is_configured() -> None:
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert "nitpicky = True" in conf and 'html_theme = "furo"' in conf
    tox = (DOCS.parent / "tox.ini").read_text(encoding="utf-8")
    assert "sphinx-build -W -n --keep-going -b html docs docs/_build/html" in tox
