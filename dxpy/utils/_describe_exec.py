"""Execution pieces of :mod:`dxpy.utils.describe`: job-based references, input/output values
and input/output specs as text.

Kept apart from the data-object renderings so each module stays small; every public name is
re-exported by :mod:`dxpy.utils.describe`, its upstream home.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Mapping
from typing import Any

#: label column width used by :func:`get_io_field` (upstream's description label width)
_FIELD_NAME_WIDTH = 34


def _width() -> int:
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _fill(text: str, initial_indent: str = "", subsequent_indent: str = "", width_adjustment: int = 0) -> str:
    return textwrap.fill(text, width=_width() + width_adjustment, initial_indent=initial_indent,
                         subsequent_indent=subsequent_indent, break_long_words=False)


def is_job_ref(thing: Any, reftype: Any = dict) -> bool:
    """Tell whether *thing* is a job-based object reference.

    :param thing: any value
    :param reftype: the mapping type to accept (upstream's parameter)
    :returns: ``True`` for ``{"job": id, "field": name}`` and for
        ``{"$dnanexus_link": {"job": id, "field": name, ...}}``
    """
    if not isinstance(thing, reftype):
        return False
    ref: Any = thing
    if len(ref) == 2 and isinstance(ref.get("field"), str) and isinstance(ref.get("job"), str):
        return True
    inner: Any = ref.get("$dnanexus_link") if len(ref) == 1 else None
    return (isinstance(inner, reftype) and isinstance(inner.get("field"), str)
            and isinstance(inner.get("job"), str))


def is_metadata_ref(thing: Any, reftype: Any = dict) -> bool:
    """Tell whether *thing* is a link into an object's metadata (``{"$dnanexus_link": {"metadata": ...}}``).

    :param thing: any value
    :param reftype: the mapping type to accept
    :returns: ``True`` for a metadata reference
    """
    ref: Any = thing
    if not isinstance(ref, reftype) or len(ref) != 1:
        return False
    inner: Any = ref.get("$dnanexus_link")
    return isinstance(inner, reftype) and isinstance(inner.get("metadata"), str)


def get_job_from_jbor(thing: Mapping[str, Any]) -> Any:
    """Return the job ID of a job-based reference.

    :param thing: a job-based reference (either form)
    :returns: the job ID
    """
    return (thing["$dnanexus_link"] if "$dnanexus_link" in thing else thing)["job"]


def get_field_from_jbor(thing: Mapping[str, Any]) -> Any:
    """Return the output field name of a job-based reference.

    :param thing: a job-based reference (either form)
    :returns: the field name
    """
    return (thing["$dnanexus_link"] if "$dnanexus_link" in thing else thing)["field"]


def get_index_from_jbor(thing: Mapping[str, Any]) -> Any:
    """Return the array index of a job-based reference.

    :param thing: a job-based reference
    :returns: the index, or ``None`` (always ``None`` for the short form)
    """
    if "$dnanexus_link" in thing:
        return thing["$dnanexus_link"].get("index")
    return None


def jbor_to_str(val: Mapping[str, Any]) -> str:
    """Render a job-based reference as ``job-xxxx:field`` (``.index`` appended when set).

    :param val: a job-based reference
    :returns: the text
    """
    text = f"{get_job_from_jbor(val)}:{get_field_from_jbor(val)}"
    index = get_index_from_jbor(val)
    return text if index is None else f"{text}.{index}"


def io_val_to_str(val: Any) -> str:
    """Render an input or output value the way ``dx describe`` shows it.

    :param val: the value (links become IDs or ``project:id``, references ``job:field``)
    :returns: the text
    """
    if is_job_ref(val):
        return jbor_to_str(val)
    if isinstance(val, dict) and "$dnanexus_link" in val:
        inner = val["$dnanexus_link"]
        if isinstance(inner, str):
            return inner
        if isinstance(inner, dict) and "project" in inner and "id" in inner:
            return f"{inner['project']}:{inner['id']}"
        return json.dumps(val)
    if isinstance(val, list):
        return "[ " + ", ".join(io_val_to_str(item) for item in val) + " ]" if val else "[]"
    if isinstance(val, dict):
        return "{ " + ", ".join(f"{key}: {io_val_to_str(value)}" for key, value in val.items()) + " }"
    return json.dumps(val)


def job_output_to_str(job_output: Mapping[str, Any], prefix: str = "\n", title: str = "Output: ",
                      title_len: int | None = None) -> str:
    """Render a job's output mapping, one ``field = value`` per line.

    :param job_output: the output mapping
    :param prefix: text put before the title and between lines
    :param title: heading of the first line
    :param title_len: indentation of the following lines (default: the title's length)
    :returns: the text (``"-"`` after the title for an empty output)
    """
    if not job_output:
        return prefix + title + "-"
    indent = len(title) if title_len is None else title_len
    lines = [_fill(f"{key} = {io_val_to_str(value)}", subsequent_indent=" " * 9)
             for key, value in job_output.items()]
    return prefix + title + (prefix + " " * indent).join(lines)


def _highlight(text: str) -> str:
    if sys.stdout.isatty():
        return "\033[93m" + text + "\033[0m"
    return text


def get_io_field(io_hash: Mapping[str, Any] | None, defaults: Mapping[str, Any] | None = None,
                 delim: str = "=", highlight_fields: Any = ()) -> str:
    """Render an input/output mapping for a description (defaults in brackets).

    :param io_hash: the values, or ``None``
    :param defaults: default values to show as ``[name = value]``
    :param delim: separator between name and value
    :param highlight_fields: names whose values are highlighted on a terminal
    :returns: the text, ``"-"`` when there is nothing to show
    """
    defaults = defaults or {}
    if io_hash is None or (not io_hash and not defaults):
        return "-"
    indent = " " * _FIELD_NAME_WIDTH

    def line(text: str) -> str:
        return _fill(text, initial_indent=indent, subsequent_indent=indent + " ")

    lines = []
    for key, value in io_hash.items():
        shown = io_val_to_str(value)
        lines.append(line(f"{key} {delim} {_highlight(shown) if key in highlight_fields else shown}"))
    lines += [line(f"[{key} {delim} {io_val_to_str(value)}]") for key, value in defaults.items()]
    return "\n".join(lines)[_FIELD_NAME_WIDTH:]


def parse_typespec(thing: Any) -> str:
    """Render a type constraint (``"Foo"``, ``{"$and": [...]}``, ``{"$or": [...]}``).

    :param thing: the constraint
    :returns: the text, e.g. ``(A AND (B OR C))``
    """
    if isinstance(thing, str):
        return thing
    if "$and" in thing:
        return "(" + " AND ".join(parse_typespec(t) for t in thing["$and"]) + ")"
    if "$or" in thing:
        return "(" + " OR ".join(parse_typespec(t) for t in thing["$or"]) + ")"
    return "Type spec could not be parsed"


def get_io_desc(parameter: Mapping[str, Any], include_class: bool = True, show_opt: bool = True,
                app_help_version: bool = False) -> str:
    """Render one input/output spec entry, e.g. ``[reads (array:file, default=[])]``.

    :param parameter: the spec entry (``name``, ``class``, optional ``type``, ``default``, ``optional``)
    :param include_class: show the class
    :param show_opt: put optional parameters in brackets
    :param app_help_version: the ``dx run -h`` form (``-iname=(class)``, arrays as repeatable)
    :returns: the text
    """
    optional = "default" in parameter or bool(parameter.get("optional"))
    if app_help_version and parameter["class"].startswith("array"):
        scalar = dict(parameter, **{"class": parameter["class"][6:]})
        text = get_io_desc(scalar, include_class=include_class, show_opt=False, app_help_version=True)
        text += f" [-i{parameter['name']}=... [...]]"
        return f"[{text}]" if optional else text
    parts = []
    if include_class:
        parts.append(parameter["class"])
    if "type" in parameter:
        parts.append("type " + parse_typespec(parameter["type"]))
    if "default" in parameter:
        parts.append("default=" + json.dumps(parameter["default"]))
    text = ("-i" if app_help_version else "") + parameter["name"]
    if include_class or "type" in parameter or "default" in parameter:
        text += ("=" if app_help_version else " ") + "(" + ", ".join(parts) + ")"
    return f"[{text}]" if show_opt and optional else text


def get_io_spec(spec: list[Mapping[str, Any]] | None, skip_fields: list[str] | None = None) -> str:
    """Render an input or output spec, grouped as the platform groups it.

    :param spec: the spec entries, or ``None``
    :param skip_fields: names to leave out (a note says advanced inputs are hidden)
    :returns: the text (``"null"`` for ``None``, ``"-"`` for an empty spec)
    """
    if spec is None:
        return "null"
    skip = skip_fields or []
    groups: dict[Any, list[Mapping[str, Any]]] = {}
    for param in spec:
        if param["name"] not in skip:
            groups.setdefault(param.get("group"), []).append(param)
    entries = [get_io_desc(p) for p in groups.get(None, [])]
    for group, params in groups.items():
        if group is not None:
            entries.append(f"{group}:")
            entries += ["    " + get_io_desc(p) for p in params]
    if skip:
        entries.append("<advanced inputs hidden; use --verbose to see more>")
    if not entries:
        return "-"
    return ("\n" + " " * 16).join(_fill(e, subsequent_indent=" " * 18, width_adjustment=-18) for e in entries)


__all__ = [
    "is_job_ref", "is_metadata_ref", "get_job_from_jbor", "get_field_from_jbor", "get_index_from_jbor",
    "jbor_to_str", "io_val_to_str", "job_output_to_str", "get_io_field", "parse_typespec", "get_io_desc",
    "get_io_spec",
]
