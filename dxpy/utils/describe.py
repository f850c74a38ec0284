"""Text renderings of descriptions for command-line scripts (upstream path ``dxpy.utils.describe``).

Only the pieces scripts commonly import are provided: size and time formatting,
the one-line and long ``ls`` renderings of data objects, the ``dx find executions``
style rendering of jobs/analyses, and :func:`print_desc` for a field-per-line
dump of any description. The ``print_*`` helpers write to ``sys.stdout`` (or the
given stream) because that is their purpose; everything else returns strings.
"""

from __future__ import annotations

import datetime
import json
import sys
import time
from collections.abc import Mapping
from typing import IO, Any

#: units used by :func:`get_size_str`
SIZE_LEVEL = ["bytes", "KB", "MB", "GB", "TB"]
#: width of the label column in :func:`print_desc`
FIELD_NAME_WIDTH = 22


def get_size_str(size: float) -> str:
    """Render a byte count with a binary unit (``"1.50 KB"``; below 1 KiB: ``"12 bytes"``).

    :param size: number of bytes
    :returns: the rendering
    """
    if size < 1024:
        return f"{int(size)} bytes"
    value = float(size)
    level = 0
    while value >= 1024 and level < len(SIZE_LEVEL) - 1:
        value /= 1024
        level += 1
    return f"{value:.2f} {SIZE_LEVEL[level]}"


def render_timestamp(timestamp: int) -> str:
    """Render a millisecond timestamp in local time, ``ctime`` style.

    :param timestamp: ms since the epoch
    :returns: e.g. ``"Wed Jan  1 10:00:00 2020"``
    """
    return time.ctime(timestamp // 1000)


def render_short_timestamp(timestamp: int) -> str:
    """Render a millisecond timestamp in local time as ``YYYY-MM-DD HH:MM:SS``.

    :param timestamp: ms since the epoch
    :returns: the rendering
    """
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp // 1000))


def JOB_STATES(state: str) -> str:  # noqa: N802 (upstream name)
    """Render an execution state (plain text; no terminal colours here).

    :param state: the state
    :returns: the rendering
    """
    return str(state)


def DATA_STATES(state: str) -> str:  # noqa: N802 (upstream name)
    """Render a data-object state (plain text; no terminal colours here).

    :param state: the state
    :returns: the rendering
    """
    return str(state)


def _user(user_id: Any) -> str:
    text = str(user_id or "")
    return text[len("user-"):] if text.startswith("user-") else text


def _value_str(value: Any) -> str:
    if isinstance(value, Mapping) and "$dnanexus_link" in value:
        link = value["$dnanexus_link"]
        if isinstance(link, Mapping):
            if "job" in link:
                return f"{link['job']}:{link.get('field')}"
            return str(link.get("id"))
        return str(link)
    if isinstance(value, list):
        return "[" + ", ".join(_value_str(v) for v in value) + "]"
    return json.dumps(value) if isinstance(value, (Mapping, bool)) or value is None else str(value)


def _runtime(desc: Mapping[str, Any]) -> str | None:
    started, stopped = desc.get("startedRunning"), desc.get("stoppedRunning")
    if not started or not stopped:
        return None
    return str(datetime.timedelta(seconds=(stopped - started) // 1000))


def get_find_executions_string(
    desc: Mapping[str, Any],
    has_children: bool,
    single_result: bool = False,
    show_outputs: bool = True,
    is_cached_result: bool = False,
    show_try: bool = False,
    as_try_group_root: bool = False,
) -> str:
    """Render a job or analysis description as ``dx find executions`` lists it.

    :param desc: the execution's description
    :param has_children: continuation lines get a tree bar (the execution has children below it)
    :param single_result: accepted for compatibility (the layout is the same)
    :param show_outputs: add the output fields, if any
    :param is_cached_result: mark the execution as a reused (cached) result
    :param show_try: add the try number of restarted jobs
    :param as_try_group_root: render only the first line (head of a group of tries)
    :returns: two or more lines (no trailing newline)
    """
    executable = str(desc.get("executableName") or "")
    if desc.get("class") == "job" and desc.get("function"):
        executable += ":" + str(desc["function"])
    head = f"* {desc.get('name', desc.get('id'))} ({executable}) ({JOB_STATES(str(desc.get('state')))})"
    head += f" {desc.get('id')}"
    if show_try and desc.get("try") is not None:
        head += f" try {desc['try']}"
    if is_cached_result:
        head += " [cached]"
    if as_try_group_root:
        return head
    bar = "│ " if has_children else "  "
    detail = f"{_user(desc.get('launchedBy'))} {render_short_timestamp(int(desc.get('created') or 0))}"
    runtime = _runtime(desc)
    if runtime is not None:
        detail += f" (runtime {runtime})"
    lines = [head, bar + detail]
    if desc.get("failureReason"):
        lines.append(f"{bar}{desc['failureReason']}: {desc.get('failureMessage', '')}")
    output = desc.get("output")
    if show_outputs and isinstance(output, Mapping) and output:
        for i, (key, value) in enumerate(output.items()):
            label = "Output: " if i == 0 else " " * len("Output: ")
            lines.append(f"{bar}{label}{key} = {_value_str(value)}")
    return "\n".join(lines)


def get_ls_desc(desc: Mapping[str, Any], print_id: bool = False) -> str:
    """Short ``ls`` rendering of a data object: its name (and ID).

    :param desc: the object's description
    :param print_id: append ``" : <id>"``
    :returns: the rendering
    """
    name = str(desc.get("name", desc.get("id")))
    return f"{name} : {desc['id']}" if print_id else name


def get_ls_l_header() -> str:
    """Header line of :func:`get_ls_l_desc`.

    :returns: the header
    """
    return f"{'State':<8}{'Last modified':<20}{'Size':<10}Name (ID)"


def get_ls_l_desc_fields() -> dict[str, bool]:
    """Describe fields :func:`get_ls_l_desc` needs (pass as ``describe={"fields": ...}``).

    :returns: a ``fields`` mapping
    """
    return {name: True for name in ("id", "class", "folder", "name", "project", "size", "state", "modified")}


def get_ls_l_desc(
    desc: Mapping[str, Any], include_folder: bool = False, include_project: bool = False
) -> str:
    """Long ``ls -l`` rendering: state, last modification, size (files) and name with ID.

    :param desc: the object's description
    :param include_folder: prefix the name with its folder
    :param include_project: prefix the ID with the project
    :returns: the rendering
    """
    size = get_size_str(desc["size"]) if "size" in desc else ""
    name = str(desc.get("name", ""))
    if include_folder:
        folder = str(desc.get("folder", "/"))
        name = folder.rstrip("/") + "/" + name
    ident = f"{desc.get('project')}:{desc['id']}" if include_project else str(desc["id"])
    modified = render_short_timestamp(int(desc.get("modified") or 0))
    return f"{DATA_STATES(str(desc.get('state', ''))):<8}{modified:<20}{size:<10}{name} ({ident})"


_LABELS = [
    ("id", "ID"), ("class", "Class"), ("project", "Project"), ("folder", "Folder"), ("name", "Name"),
    ("state", "State"), ("hidden", "Visibility"), ("types", "Types"), ("size", "Size"),
    ("level", "Access level"),
    ("billTo", "Billed to"), ("region", "Region"), ("summary", "Summary"), ("description", "Description"),
    ("executableName", "Executable name"), ("launchedBy", "Launched by"), ("tags", "Tags"),
    ("properties", "Properties"), ("created", "Created"), ("modified", "Last modified"),
    ("details", "Details"), ("links", "Outgoing links"), ("input", "Input"), ("output", "Output"),
]


def _render_field(key: str, value: Any) -> str:
    if key in ("created", "modified"):
        return render_timestamp(int(value))
    if key == "hidden":
        return "hidden" if value else "visible"
    if key == "size":
        return get_size_str(value)
    if key in ("tags", "types", "links") and isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "-"
    if key == "properties" and isinstance(value, Mapping):
        return ", ".join(f"{k}={v}" for k, v in value.items()) if value else "-"
    if isinstance(value, (Mapping, list)):
        return json.dumps(value, sort_keys=True)
    return str(value)


def get_desc_lines(desc: Mapping[str, Any], verbose: bool = False) -> list[str]:
    """The lines :func:`print_desc` writes.

    :param desc: any description
    :param verbose: also list fields without a known label (as JSON)
    :returns: ``"<label padded>  <value>"`` lines
    """
    lines = []
    known = set()
    for key, label in _LABELS:
        known.add(key)
        if key in desc and desc[key] is not None:
            lines.append(f"{label:<{FIELD_NAME_WIDTH}}{_render_field(key, desc[key])}")
    if verbose:
        for key in sorted(set(desc) - known):
            lines.append(f"{key:<{FIELD_NAME_WIDTH}}{_render_field(key, desc[key])}")
    return lines


def print_desc(desc: Mapping[str, Any], verbose: bool = False, file: IO[str] | None = None) -> None:
    """Write a description one field per line (labels padded to :data:`FIELD_NAME_WIDTH`).

    :param desc: any description (data object, project, execution, user ...)
    :param verbose: also list fields without a known label
    :param file: stream to write to (default ``sys.stdout``)
    """
    stream = file if file is not None else sys.stdout
    for line in get_desc_lines(desc, verbose):
        stream.write(line + "\n")


def print_ls_desc(desc: Mapping[str, Any], file: IO[str] | None = None, **kwargs: Any) -> None:
    """Write :func:`get_ls_desc` of *desc* as one line.

    :param desc: the object's description
    :param file: stream (default ``sys.stdout``)
    :param kwargs: :func:`get_ls_desc` options
    """
    (file if file is not None else sys.stdout).write(get_ls_desc(desc, **kwargs) + "\n")


def print_ls_l_desc(desc: Mapping[str, Any], file: IO[str] | None = None, **kwargs: Any) -> None:
    """Write :func:`get_ls_l_desc` of *desc* as one line.

    :param desc: the object's description
    :param file: stream (default ``sys.stdout``)
    :param kwargs: :func:`get_ls_l_desc` options
    """
    (file if file is not None else sys.stdout).write(get_ls_l_desc(desc, **kwargs) + "\n")


__all__ = [
    "SIZE_LEVEL",
    "FIELD_NAME_WIDTH",
    "get_size_str",
    "render_timestamp",
    "render_short_timestamp",
    "JOB_STATES",
    "DATA_STATES",
    "get_find_executions_string",
    "get_ls_desc",
    "get_ls_l_header",
    "get_ls_l_desc_fields",
    "get_ls_l_desc",
    "get_desc_lines",
    "print_desc",
    "print_ls_desc",
    "print_ls_l_desc",
]

# Execution pieces (job-based references, input/output values and specs) live in their own module.
from ._describe_exec import (  # noqa: E402
    get_field_from_jbor,
    get_index_from_jbor,
    get_io_desc,
    get_io_field,
    get_io_spec,
    get_job_from_jbor,
    io_val_to_str,
    is_job_ref,
    is_metadata_ref,
    jbor_to_str,
    job_output_to_str,
    parse_typespec,
)

__all__ += [
    "get_field_from_jbor", "get_index_from_jbor", "get_io_desc", "get_io_field", "get_io_spec",
    "get_job_from_jbor", "io_val_to_str", "is_job_ref", "is_metadata_ref", "jbor_to_str", "job_output_to_str",
    "parse_typespec",
]
