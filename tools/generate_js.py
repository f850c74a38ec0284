#!/usr/bin/env python3
"""Generate the JavaScript client's derived files.

Usage::

    python tools/generate_js.py            # rewrite the generated files (only those that changed)
    python tools/generate_js.py --check    # exit 1 if a generated file is not what its sources give

Two files under ``js/`` are generated; never edit them by hand:

``js/src/routes.js``
    the retry flags of every route (``retryable``, ``acceptNonce``) from the platform's
    route table ``tools/api_routes/wrapper_table.json``, the same table ``dxpy/api.py``
    is generated from, so both clients decide the same way which calls are safe to
    send again. The table is read and validated by ``tools/generate_api.py``.
``js/dist/dx-api.js``
    the classic-script build (for ``<script src>``; defines the global ``DX``): the
    ES modules ``js/src/routes.js`` and ``js/src/dx.js`` with their ``import`` lines
    and ``export`` keywords removed, wrapped in one function. The sources keep every
    ``import``/``export`` at the start of a line; anything else is refused.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_api import DEFAULT_TABLE, ROOT, Route, TableError, load_table  # noqa: E402

DEFAULT_JS_DIR = ROOT / "js"
RETRYABLE = 1
ACCEPT_NONCE = 2

_IMPORT_RE = re.compile(r'^import \{[\w\s,]+\} from "\./[\w-]+\.js";$')
_EXPORT_DEFAULT_RE = re.compile(r"^export default \w+;$")
_EXPORT_RE = re.compile(r"^export (?=(const|function|class|async function) )")
_LEFTOVER_RE = re.compile(r"^\s*(import|export)\b")


class SourceError(ValueError):
    """A JavaScript source cannot be turned into the classic build; the message says where."""


def _label(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def render_routes(routes: list[Route], table_name: str, digest: str) -> str:
    """Render ``js/src/routes.js``.

    :param routes: the validated routes, in table order.
    :param table_name: the table's path, for the header.
    :param digest: the SHA-256 of the table's canonical JSON.
    :returns: the module text.
    """
    lines = [
        "// GENERATED FILE -- do not edit. Written by tools/generate_js.py from",
        f"// {table_name} ({len(routes)} routes, canonical JSON sha256 {digest[:16]}),",
        "// the route table dxpy/api.py is generated from. To change it, edit the table and run:",
        "//   python tools/generate_js.py",
        "",
        "/** The route is idempotent: it may be sent again after a failure that left its fate unknown. */",
        f"export const RETRYABLE = {RETRYABLE};",
        "/** The route accepts a nonce: DX.Api adds one, which makes sending it again safe. */",
        f"export const ACCEPT_NONCE = {ACCEPT_NONCE};",
        "",
        '/** Route ("/subject/method" or "/subject-xxxx/method") -> RETRYABLE | ACCEPT_NONCE bits. */',
        "export const ROUTE_FLAGS = Object.freeze({",
    ]
    for route in routes:
        bits = (RETRYABLE if route.retryable else 0) | (ACCEPT_NONCE if route.accept_nonce else 0)
        lines.append(f"  {json.dumps(route.path)}: {bits},")
    lines += ["});", ""]
    return "\n".join(lines)


def strip_module(text: str, name: str) -> str:
    """Turn one ES module into plain script text (imports dropped, ``export`` keywords removed).

    :param text: the module source.
    :param name: the file name, for error messages.
    :returns: the script text.
    :raises SourceError: for an ``import``/``export`` form the build does not handle.
    """
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if _IMPORT_RE.match(line) or _EXPORT_DEFAULT_RE.match(line):
            continue
        stripped = _EXPORT_RE.sub("", line)
        if _LEFTOVER_RE.match(stripped):
            raise SourceError(f"{name}:{number}: unsupported import/export form for the classic build: "
                              f"{line.strip()[:80]!r}")
        out.append(stripped)
    return "\n".join(out).strip("\n") + "\n"


def render_classic(sources: list[tuple[str, str]]) -> str:
    """Render ``js/dist/dx-api.js`` from the ES modules.

    :param sources: ``(name, text)`` of each module, dependencies first.
    :returns: the classic script.
    :raises SourceError: when a module cannot be converted.
    """
    names = " and ".join(name for name, _ in sources)
    head = (
        f"// GENERATED FILE -- do not edit. Written by tools/generate_js.py from {names}.\n"
        "// The DX.Api client as a classic script: <script src=\"dx-api.js\"></script> defines DX.\n"
        "(function (root) {\n"
        "\"use strict\";\n\n"
    )
    body = "\n".join(strip_module(text, name) for name, text in sources)
    return head + body + "\nroot.DX = DX;\n}(typeof globalThis !== \"undefined\" ? globalThis : this));\n"


def generate(table: Path, js_dir: Path) -> dict[Path, str]:
    """Compute every generated file.

    :param table: the route table.
    :param js_dir: the ``js/`` directory (sources in ``src/``).
    :returns: path -> expected text.
    :raises TableError: for a bad table.
    :raises SourceError: for a source the classic build cannot handle.
    :raises OSError: when ``js/src/dx.js`` cannot be read.
    """
    routes, digest = load_table(table)
    routes_js = render_routes(routes, _label(table), digest)
    dx_js = (js_dir / "src" / "dx.js").read_text(encoding="utf-8")
    classic = render_classic([("js/src/routes.js", routes_js), ("js/src/dx.js", dx_js)])
    return {js_dir / "src" / "routes.js": routes_js, js_dir / "dist" / "dx-api.js": classic}


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gen-", suffix=".js", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True


def _drift(path: Path, text: str) -> str:
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current == text:
        return ""
    diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(), str(path), "generated",
                                     lineterm=""))
    return "\n".join(diff[:40]) + ("\n..." if len(diff) > 40 else "")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    :param argv: arguments (default ``sys.argv[1:]``).
    :returns: 0 on success, 1 on drift (``--check``), 2 on a bad table or source.
    """
    parser = argparse.ArgumentParser(description="Generate js/src/routes.js and js/dist/dx-api.js.")
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="route table JSON")
    parser.add_argument("--js-dir", type=Path, default=DEFAULT_JS_DIR, help="the js/ directory")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    args = parser.parse_args(argv)
    try:
        files = generate(args.table, args.js_dir)
    except (OSError, TableError, SourceError) as exc:
        print(f"generate_js: {exc}", file=sys.stderr)
        return 2
    if args.check:
        drifts = [d for d in (_drift(path, text) for path, text in files.items()) if d]
        for diff in drifts:
            print(diff, file=sys.stderr)
        if drifts:
            print("generated JavaScript is out of date; run: python tools/generate_js.py", file=sys.stderr)
            return 1
        print("generated JavaScript is up to date")
        return 0
    for path, text in files.items():
        changed = _write_if_changed(path, text)
        print(f"{path}: {'written' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
