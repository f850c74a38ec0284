#!/usr/bin/env python3
"""Generate ``dxpy/api.py`` from the platform's route table.

Usage::

    python tools/generate_api.py            # rewrite dxpy/api.py (only if it changed)
    python tools/generate_api.py --check    # exit 1 if dxpy/api.py is not what the table gives
    python tools/generate_api.py --output -  # print the module instead

The table (``tools/api_routes/wrapper_table.json``, see ``ORIGIN.md`` next to it)
is a JSON array of ``[route, signature, options]`` entries. Every entry becomes
one function; the naming rule and the three function shapes are described in the
module docstring written below (and in ``docs/api.rst``). The output depends only
on the table, so regenerating is deterministic.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import keyword
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TABLE = ROOT / "tools" / "api_routes" / "wrapper_table.json"
DEFAULT_OUTPUT = ROOT / "dxpy" / "api.py"

_ROUTE_RE = re.compile(r"^/([a-z]+)(-xxxx)?/([A-Za-z]+)$")
_SIGNATURE_RE = re.compile(r"^([a-z][A-Za-z]*)\((req|req, objectId)\)$")
_KNOWN_OPTIONS = {"objectMethod", "retryable", "acceptNonce", "wikiLink"}
# Subjects whose object routes can address a name and a version alias instead of an ID.
_ALIASED_SUBJECTS = {"app": "app_name_or_id", "globalworkflow": "name_or_id"}


class TableError(ValueError):
    """The route table is malformed; the message names the offending entry."""


def python_name(camel: str) -> str:
    """Turn a signature name into the Python function name.

    Every run of capital letters becomes ``_`` followed by the run in lower case:
    ``systemFindDataObjects`` -> ``system_find_data_objects``, ``systemShortenURL``
    -> ``system_shorten_url``.

    :param camel: the camelCase name (the signature's text before ``(``).
    :returns: the snake_case name.
    """
    return re.sub(r"[A-Z]+", lambda m: "_" + m.group(0).lower(), camel)


@dataclass(frozen=True)
class Route:
    """One entry of the route table.

    :param path: route template, e.g. ``/file-xxxx/upload`` or ``/system/whoami``.
    :param signature_name: camelCase name from the signature column, e.g. ``fileUpload``.
    :param object_method: whether the route acts on an existing entity (takes an ID).
    :param retryable: whether the route is idempotent.
    :param accept_nonce: whether the route accepts a ``nonce`` input.
    :param wiki_link: documentation URL, or ``None``.
    """

    path: str
    signature_name: str
    object_method: bool
    retryable: bool
    accept_nonce: bool
    wiki_link: str | None

    @property
    def func_name(self) -> str:
        """:returns: the Python function name."""
        return python_name(self.signature_name)

    @property
    def subject(self) -> str:
        """:returns: the entity class or ``system``/``notifications`` (``file`` for ``/file-xxxx/upload``)."""
        return self.path.split("/")[1].split("-")[0]

    @property
    def method(self) -> str:
        """:returns: the last path segment (``upload`` for ``/file-xxxx/upload``)."""
        return self.path.rsplit("/", 1)[1]

    @property
    def id_param(self) -> str | None:
        """:returns: name of the first (ID) parameter, or ``None`` for class routes."""
        if not self.object_method:
            return None
        return _ALIASED_SUBJECTS.get(self.subject, "object_id")

    @property
    def aliased(self) -> bool:
        """:returns: whether the function takes an ``alias`` (app / global workflow object routes)."""
        return self.object_method and self.subject in _ALIASED_SUBJECTS

    @property
    def always_retry(self) -> bool:
        """:returns: default of ``always_retry``: retryable, or made replay-safe by a nonce."""
        return self.retryable or self.accept_nonce


def _entry_error(index: int, entry: Any, why: str) -> TableError:
    return TableError(f"route table entry {index} ({json.dumps(entry)[:120]}): {why}")


def parse_entry(index: int, entry: Any) -> Route:
    """Validate one table entry and turn it into a :class:`Route`.

    :param index: position in the table (for error messages).
    :param entry: the raw JSON entry.
    :returns: the route.
    :raises TableError: if the entry is malformed or inconsistent.
    """
    if not (isinstance(entry, list) and len(entry) == 3):
        raise _entry_error(index, entry, "expected [route, signature, options]")
    path, signature, options = entry
    route_m = _ROUTE_RE.match(path) if isinstance(path, str) else None
    sig_m = _SIGNATURE_RE.match(signature) if isinstance(signature, str) else None
    if route_m is None:
        raise _entry_error(index, entry, "route must look like /subject/method or /subject-xxxx/method")
    if sig_m is None:
        raise _entry_error(index, entry, "signature must look like name(req) or name(req, objectId)")
    if not isinstance(options, dict):
        raise _entry_error(index, entry, "options must be a JSON object")
    unknown = sorted(set(options) - _KNOWN_OPTIONS)
    if unknown:
        raise _entry_error(index, entry, f"unknown option(s) {unknown}")
    for key in ("objectMethod", "retryable"):
        if not isinstance(options.get(key), bool):
            raise _entry_error(index, entry, f"option {key} must be true or false")
    if not isinstance(options.get("acceptNonce", False), bool):
        raise _entry_error(index, entry, "option acceptNonce must be true or false")
    link = options.get("wikiLink") or None  # the table has one "" besides the nulls
    if link is not None and not (isinstance(link, str) and link.startswith("https://")):
        raise _entry_error(index, entry, "wikiLink must be an https URL, empty or null")
    object_method = options["objectMethod"]
    if object_method != bool(route_m.group(2)) or object_method != (sig_m.group(2) != "req"):
        raise _entry_error(index, entry, "objectMethod disagrees with the route or the signature")
    route = Route(path, sig_m.group(1), object_method, options["retryable"],
                  options.get("acceptNonce", False), link)
    if not route.func_name.isidentifier() or keyword.iskeyword(route.func_name):
        raise _entry_error(index, entry, f"{route.func_name!r} is not a usable Python name")
    return route


def load_table(path: Path) -> tuple[list[Route], str]:
    """Read and validate the route table.

    :param path: the JSON file.
    :returns: the routes in table order, and the SHA-256 of the table's canonical JSON
        (independent of whitespace and key order).
    :raises TableError: if the file is not valid JSON or an entry is malformed, or two
        routes map to the same function name.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise TableError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(raw, list) or not raw:
        raise TableError(f"{path}: expected a non-empty JSON array")
    routes = [parse_entry(i, entry) for i, entry in enumerate(raw)]
    seen: dict[str, str] = {}
    for route in routes:
        if route.func_name in seen:
            raise TableError(f"{route.path} and {seen[route.func_name]} both map to {route.func_name}")
        seen[route.func_name] = route.path
    canonical = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return routes, hashlib.sha256(canonical.encode("ascii")).hexdigest()


_MODULE_DOC = '''"""Low-level wrappers for the DNAnexus API: one function per route.

Each function sends one ``POST`` with a JSON body through :func:`dxpy.DXHTTPRequest`
and returns the decoded JSON reply. The bindings (:class:`dxpy.DXFile`,
:class:`dxpy.DXProject`, ...) are built on these functions; call them directly
to reach a route the bindings do not cover.

Naming rule
-----------

A function is named after its route's subject and method, in snake_case: the
route table's camelCase name has every run of capital letters replaced by ``_``
and the run in lower case.

============================================  ======================================
route                                         function
============================================  ======================================
``/system/findDataObjects``                   ``system_find_data_objects``
``/file-xxxx/upload``                         ``file_upload``
``/globalworkflow-xxxx/describe``             ``global_workflow_describe``
``/record/new``                               ``record_new``
``/system/shortenURL``                        ``system_shorten_url``
============================================  ======================================

Signatures
----------

* Class and system routes (``/record/new``, ``/system/whoami``):
  ``f(input_params={}, always_retry=<default>, **kwargs)``.
* Object routes (``/file-xxxx/upload``):
  ``f(object_id, input_params={}, always_retry=<default>, **kwargs)``; the request
  goes to ``/<object_id>/<method>``, whatever the ID's class (so
  ``project_describe("container-...")`` describes a container).
* App and global workflow object routes (``/app-xxxx/run``):
  ``f(app_name_or_id, alias=None, input_params={}, always_retry=<default>, **kwargs)``
  (the first parameter is ``name_or_id`` for global workflows); the request goes to
  ``/<app_name_or_id>/<method>`` or, with an alias such as a version or tag,
  ``/<app_name_or_id>/<alias>/<method>``.

``input_params`` is never modified. ``**kwargs`` go to :func:`dxpy.DXHTTPRequest`
unchanged (``timeout``, ``headers``, ``max_retries``, ``want_full_response``, ...).

Retries and nonces
------------------

``always_retry`` says whether the call may be repeated after an *ambiguous*
failure (the request may have reached the server but no complete reply came
back). It defaults to ``True`` for idempotent routes and for routes that accept a
``nonce``, and to ``False`` for the few routes that are neither (``project_new``,
``project_clone``, ``project_move``, ...). Server errors (5xx, 503 throttling)
are retried for every route regardless; see :func:`dxpy.DXHTTPRequest`.

Routes that accept a nonce (``file_new``, ``applet_run``, ...) send a copy of
``input_params`` with a fresh ``nonce`` unless the caller supplied a non-empty
one (see :class:`dxpy.utils.Nonce`). The nonce is chosen once per call, so every
retry of that call carries the same value and the server never performs the
operation twice.

Example::

    import dxpy
    files = dxpy.api.system_find_data_objects({"class": "file", "limit": 10})
    desc = dxpy.api.file_describe("file-B0VJ5kQ0000000000000000", {"fields": {"name": True}})
    job = dxpy.api.app_run("app-bwa", alias="1.0.0", input_params={"input": {}})
"""'''

_HELPERS = '''

def _object_route(object_id: str, method: str) -> str:
    if not isinstance(object_id, str) or not object_id:
        raise DXError(f"object_id must be a non-empty string ID, not {object_id!r}")
    return f"/{object_id}/{method}"


def _aliased_route(name_or_id: str, alias: str | None, method: str) -> str:
    if not isinstance(name_or_id, str) or not name_or_id:
        raise DXError(f"the name or ID must be a non-empty string, not {name_or_id!r}")
    if alias is None or alias == "":
        return f"/{name_or_id}/{method}"
    if not isinstance(alias, str):
        raise DXError(f"alias must be a string or None, not {alias!r}")
    return f"/{name_or_id}/{alias}/{method}"
'''


def _header(table_name: str, digest: str, count: int) -> str:
    return (
        f"# GENERATED FILE -- do not edit. Written by tools/generate_api.py from\n"
        f"# {table_name} ({count} routes, canonical JSON sha256 {digest[:16]}).\n"
        f"# To change it, edit the table or the generator and run:  python tools/generate_api.py\n"
        f"# (python tools/generate_api.py --check fails if this file and the table disagree.)\n"
    )


def _retry_reason(route: Route) -> str:
    if route.retryable:
        return "``True`` (idempotent route)"
    if route.accept_nonce:
        return "``True`` (the nonce makes replays harmless)"
    return "``False``: the route is not idempotent"


def _docstring(route: Route) -> list[str]:
    lines: list[str] = []
    if route.object_method:
        lines.append(f"Call the ``{route.path}`` API method on the given entity.")
    else:
        lines.append(f"Call the ``{route.path}`` API method.")
    lines.append("")
    if route.wiki_link:
        lines.append(f"Documentation: {route.wiki_link}")
    else:
        lines.append("The platform documentation has no page for this route.")
    lines.append("")
    if route.aliased:
        lines += [
            f":param {route.id_param}: ID or name (``{route.subject}-<name>``) to call.",
            ":param alias: version or tag to address; ``None`` for the default.",
        ]
    elif route.object_method:
        lines.append(f":param object_id: ID of the entity; request goes to ``/<object_id>/{route.method}``.")
    if route.accept_nonce:
        lines.append(":param input_params: the method's JSON input (never modified; a copy gets a fresh")
        lines.append("    ``nonce`` unless it has a non-empty one).")
    else:
        lines.append(":param input_params: the method's JSON input (never modified).")
    lines.append(f":param always_retry: retry after an ambiguous failure; default {_retry_reason(route)}.")
    lines.append(":param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,")
    lines.append("    ``want_full_response``, ...).")
    lines.append(":returns: the decoded JSON reply (or what ``kwargs`` ask for).")
    lines.append(":raises dxpy.exceptions.DXAPIError: if the platform answers with an error.")
    bad_input = []
    if route.object_method:
        if route.aliased:
            bad_input.append("the name or ID is empty or the alias is not a string")
        else:
            bad_input.append("the ID is empty or not a string")
    if route.accept_nonce:
        bad_input.append("``input_params`` is not a JSON object")
    if bad_input:
        lines.append(f":raises dxpy.exceptions.DXError: if {' or '.join(bad_input)} (nothing is sent).")
    return lines


def render_function(route: Route) -> str:
    """Render the Python source of one wrapper function.

    :param route: the route.
    :returns: the function's source (no leading or trailing blank lines).
    """
    params: list[str] = []
    if route.id_param:
        params.append(f"{route.id_param}: str")
    if route.aliased:
        params.append("alias: str | None = None")
    params += ["input_params: Any = {}", f"always_retry: bool = {route.always_retry}", "**kwargs: Any"]
    if route.aliased:
        target = f"_aliased_route({route.id_param}, alias, {json.dumps(route.method)})"
    elif route.object_method:
        target = f"_object_route(object_id, {json.dumps(route.method)})"
    else:
        target = json.dumps(route.path)
    body_input = "Nonce.update_nonce(input_params)" if route.accept_nonce else "input_params"
    doc = _docstring(route)
    out = [f"def {route.func_name}({', '.join(params)}) -> Any:  # noqa: B006", f'    """{doc[0]}']
    out += [f"    {line}" if line else "" for line in doc[1:]]
    out.append('    """')
    out.append(f"    return DXHTTPRequest({target}, {body_input}, always_retry=always_retry, **kwargs)")
    return "\n".join(out)


def render_module(routes: list[Route], table_name: str, digest: str) -> str:
    """Render the whole ``dxpy/api.py``.

    :param routes: the routes, in table order (the output keeps that order).
    :param table_name: how the header names the table.
    :param digest: the table's canonical SHA-256 (from :func:`load_table`).
    :returns: the module source.
    """
    names = "".join(f'    "{route.func_name}",\n' for route in routes)
    head = (
        _header(table_name, digest, len(routes)) + _MODULE_DOC + "\n\n"
        "from __future__ import annotations\n\nfrom typing import Any\n\n"
        "from ._http import DXHTTPRequest\nfrom ._nonce import Nonce\nfrom .exceptions import DXError\n\n"
        f"__all__ = [\n{names}]\n"
    )
    return "\n\n".join([head + _HELPERS] + [render_function(route) + "\n" for route in routes])


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    fd, tmp = tempfile.mkstemp(prefix=".api-", suffix=".py", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True


def _check(path: Path, text: str) -> int:
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current == text:
        print(f"{path}: up to date")
        return 0
    diff = list(
        difflib.unified_diff(current.splitlines(), text.splitlines(), str(path), "generated", lineterm="")
    )
    shown = "\n".join(diff[:60]) + ("\n..." if len(diff) > 60 else "")
    print(f"{path} differs from what the route table generates; run: python tools/generate_api.py\n{shown}",
          file=sys.stderr)
    return 1


def _table_label(table: Path) -> str:
    try:
        return table.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return table.name


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    :param argv: arguments (default ``sys.argv[1:]``).
    :returns: the exit status: 0 on success, 1 on drift (``--check``), 2 on a bad table.
    """
    parser = argparse.ArgumentParser(description="Generate dxpy/api.py from the API route table.")
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="route table JSON")
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="file to write, or - for stdout")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    args = parser.parse_args(argv)
    try:
        routes, digest = load_table(args.table)
    except (OSError, TableError) as exc:
        print(f"generate_api: {exc}", file=sys.stderr)
        return 2
    text = render_module(routes, _table_label(args.table), digest)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    output = Path(args.output)
    if args.check:
        return _check(output, text)
    changed = _write_if_changed(output, text)
    print(f"{output}: {'written' if changed else 'unchanged'} ({len(routes)} routes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
