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
import shutil
import sys
import textwrap
import time
from collections.abc import Mapping
from typing import IO, Any

# Execution pieces (job-based references, input/output values and specs) live in their own module.
from ._describe_exec import (
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

#: units used by :func:`get_size_str`
SIZE_LEVEL = ["bytes", "KB", "MB", "GB", "TB"]
#: width of the label column in :func:`print_desc`
FIELD_NAME_WIDTH = 34


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


def _runtime(desc: Mapping[str, Any]) -> str | None:
    started, stopped = desc.get("startedRunning"), desc.get("stoppedRunning")
    if not started or not stopped:
        return None
    return str(datetime.timedelta(seconds=(stopped - started) // 1000))


def _timing_notes(desc: Mapping[str, Any], is_cached_result: bool) -> list[str]:
    """``cached``, ``runtime H:MM:SS`` (finished jobs) or ``running for ...`` (running jobs)."""
    notes = ["cached"] if is_cached_result else []
    started = desc.get("startedRunning")
    if desc.get("class") != "job" or not started:
        return notes
    finished = desc.get("state") in ("done", "failed", "terminated", "waiting_on_output")
    if finished and desc.get("stoppedRunning"):
        notes.append(f"runtime {_runtime(desc)}")
    elif desc.get("state") == "running":
        elapsed = max(int(time.time()) - int(started) // 1000, 0)
        notes.append(f"running for {datetime.timedelta(seconds=elapsed)}")
    return notes


def _execution_title(desc: Mapping[str, Any], is_cached_result: bool) -> str:
    canonical = str(desc.get("executableName") or "")
    if desc.get("class") == "job":
        canonical += ":" + str(desc.get("function") or "main")
    name = str(desc.get("name", "<no name>"))
    # the executable is shown only when the execution's name does not already say it
    title = name if canonical in (name, name + ":main") else f"{name} ({canonical})"
    return f"[{title}]" if is_cached_result else title


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

    A root execution (an analysis, a job without a parent, or any execution with
    *single_result*) starts with ``"* "`` and its further lines are indented (with a
    tree bar when it has children); a subjob inside a tree gets neither, the caller
    drawing the tree around it.

    :param desc: the execution's description
    :param has_children: continuation lines get a tree bar (the execution has children below it)
    :param single_result: render as a result of its own, not as part of a tree
    :param show_outputs: add the output fields, if any
    :param is_cached_result: mark the execution as a reused (cached) result
    :param show_try: add the try number of restarted jobs
    :param as_try_group_root: render only the first line, as the head of a group of tries
    :returns: the lines joined by newlines (no trailing newline)
    """
    root = desc.get("parentJob") is None or desc.get("class") == "analysis" or single_result
    head = ("* " if root else "") + _execution_title(desc, is_cached_result)
    head += f" ({JOB_STATES(str(desc.get('state')))}) {desc.get('id')}"
    if as_try_group_root:
        return head + " tries"
    if show_try and desc.get("try") is not None:
        head += f" try {desc['try']}"
    bar = ("│ " if has_children else "  ") if root else ""
    detail = f"{_user(desc.get('launchedBy'))} {render_short_timestamp(int(desc.get('created') or 0))}"
    notes = _timing_notes(desc, is_cached_result)
    if notes:
        detail += " (" + ", ".join(notes) + ")"
    lines = [head, bar + detail]
    output = desc.get("output")
    if show_outputs and isinstance(output, Mapping) and output:
        for i, (key, value) in enumerate(output.items()):
            label = "Output: " if i == 0 else " " * len("Output: ")
            lines.append(f"{bar}{label}{key} = {io_val_to_str(value)}")
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


def _json(value: Any) -> str:
    return json.dumps(value)


def _dash_list(value: Any) -> str:
    return ", ".join(str(v) for v in value) if value else "-"


def _props(value: Any) -> str:
    return ", ".join(f"{k}={v}" for k, v in value.items()) if value else "-"


def _time(value: Any) -> str:
    return render_timestamp(int(value)) if value else "-"


def _created_by(value: Any) -> str:
    if not isinstance(value, Mapping):
        return _user(value)
    text = _user(value.get("user"))
    if value.get("job"):
        text += f" via the job {value['job']}"
        if value.get("executable"):
            text += f" ({value['executable']})"
    return text


def _gb(value: Any) -> str:
    return f"{float(value or 0):.2f} GB"


def _or_dash(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)


def _lower_bool(value: Any) -> str:
    return "true" if value else "false"


def _interpreter(value: Any) -> str:
    return str(value.get("interpreter", "-")) if isinstance(value, Mapping) else "-"


def _stopped(desc: Mapping[str, Any]) -> str:
    stopped = desc.get("stoppedRunning")
    if not stopped:
        return "-"
    text = render_timestamp(int(stopped))
    runtime = _runtime(desc)
    return text + (f" (Runtime: {runtime})" if runtime is not None else "")


def _stage_pairs(desc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``Stage N`` blocks of a workflow or an analysis: the stage, its executable, its execution."""
    stages = desc.get("stages")
    if not isinstance(stages, list):
        return []
    workflow = desc.get("workflow")
    defined = workflow.get("stages") if isinstance(workflow, Mapping) else None
    pairs = []
    for index, stage in enumerate(stages):
        spec = defined[index] if isinstance(defined, list) and index < len(defined) else stage
        execution = stage.get("execution") if isinstance(stage.get("execution"), Mapping) else None
        stage_id, name = spec.get("id", stage.get("id")), spec.get("name")
        title = f"{name} ({stage_id})" if name and name != stage_id else str(stage_id)
        pairs.append((f"Stage {index}", title))
        executable = spec.get("executable") or (execution or {}).get("executable") or "-"
        pairs.append(("  Executable", str(executable)))
        if execution is not None:
            state = execution.get("state")
            shown = f"{execution.get('id')} ({state})" if state else str(execution.get("id"))
            pairs.append(("  Execution", shown))
    return pairs


def _finished(desc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``Finished`` of an analysis that reached a final state, with its wall-clock time."""
    transitions = desc.get("stateTransitions") or []
    last = transitions[-1] if transitions else None
    if not isinstance(last, Mapping) or last.get("newState") not in ("done", "failed", "terminated"):
        return []
    at = int(last.get("setAt") or 0)
    wall = datetime.timedelta(seconds=(at - int(desc.get("created") or at)) // 1000)
    return [("Finished", f"{render_timestamp(at)} (Wall-clock time: {wall})")]


def _preserve(desc: Mapping[str, Any]) -> str:
    value = desc.get("preserveJobOutputs")
    return "-" if value is None else json.dumps(value)


# A field is (key, label, renderer); the renderer gets the value, or, when the key starts
# with "*", the whole description (the line is shown even when the key is missing, and
# the key after the "*" is not repeated among the unlabelled fields); such a renderer may
# return a list of (label, value) pairs instead of one value.
_Field = tuple[str, str, Any]

_OBJECT_HEAD: list[_Field] = [
    ("id", "ID", str), ("class", "Class", str), ("project", "Project", str), ("folder", "Folder", str),
    ("name", "Name", str), ("state", "State", DATA_STATES),
    ("hidden", "Visibility", lambda v: "hidden" if v else "visible"),
    ("types", "Types", _dash_list), ("properties", "Properties", _props), ("tags", "Tags", _dash_list),
    ("details", "Details", _json), ("links", "Outgoing links", _dash_list),
    ("created", "Created", _time), ("createdBy", "Created by", _created_by),
    ("modified", "Last modified", _time),
]
_CLASS_TAIL: dict[str, list[_Field]] = {
    "file": [("media", "Media type", str), ("size", "Size", get_size_str)],
    "applet": [("access", "Access", _json), ("dxapi", "API version", str),
               ("inputSpec", "Input Spec", get_io_spec), ("outputSpec", "Output Spec", get_io_spec),
               ("runSpec", "Interpreter", _interpreter)],
    "workflow": [("editVersion", "Edit Version", str), ("title", "Title", str), ("summary", "Summary", str),
                 ("description", "Description", str), ("outputFolder", "Output Folder", str),
                 ("inputSpec", "Input Spec", get_io_spec), ("outputSpec", "Output Spec", get_io_spec),
                 ("inputs", "Workflow Inputs", get_io_spec), ("outputs", "Workflow Outputs", get_io_spec),
                 ("*stages", "", _stage_pairs)],
}
_CONTAINER: list[_Field] = [
    ("id", "ID", str), ("class", "Class", str), ("name", "Name", str), ("summary", "Summary", str),
    ("description", "Description", str), ("billTo", "Billed to", _user), ("level", "Access level", str),
    ("region", "Region", str), ("protected", "Protected", _lower_bool),
    ("restricted", "Restricted", _lower_bool), ("containsPHI", "Contains PHI", _lower_bool),
    ("created", "Created", _time), ("createdBy", "Created by", _created_by),
    ("modified", "Last modified", _time), ("dataUsage", "Data usage", _gb),
    ("sponsoredDataUsage", "Sponsored data", _gb), ("tags", "Tags", _dash_list),
    ("properties", "Properties", _props),
]
_EXECUTION: list[_Field] = [
    ("id", "ID", str), ("class", "Class", str), ("name", "Job name", str),
    ("executableName", "Executable name", str), ("project", "Project context", str),
    ("region", "Region", str), ("billTo", "Billed to", _user), ("workspace", "Workspace", str),
    ("applet", "Applet", str), ("app", "App", str), ("workflow", "Workflow", lambda v: v.get("id", "-")
                                                        if isinstance(v, Mapping) else str(v)),
    ("instanceType", "Instance Type", str), ("priority", "Priority", str), ("state", "State", JOB_STATES),
    ("rootExecution", "Root execution", str), ("originJob", "Origin job", str),
    ("parentJob", "Parent job", _or_dash), ("parentAnalysis", "Parent analysis", _or_dash),
    ("analysis", "Analysis", str), ("stage", "Stage", str), ("*stages", "", _stage_pairs),
    ("function", "Function", str), ("input", "Input", get_io_field), ("output", "Output", get_io_field),
    ("folder", "Output folder", str), ("*preserveJobOutputs", "Preserve Job Outputs Folder", _preserve),
    ("launchedBy", "Launched by", _user), ("created", "Created", _time),
    ("startedRunning", "Started running", _time), ("*stoppedRunning", "Stopped running", _stopped),
    ("modified", "Last modified", _time), ("dependsOn", "Depends on", _dash_list),
    ("failureReason", "Failure reason", str), ("failureMessage", "Failure message", str),
    ("tags", "Tags", _dash_list), ("properties", "Properties", _props),
    ("systemRequirements", "Sys Requirements", _json),
]
_GLOBAL_EXECUTABLE: list[_Field] = [
    ("id", "ID", str), ("class", "Class", str), ("billTo", "Billed to", _user), ("name", "Name", str),
    ("version", "Version", str), ("aliases", "Aliases", _dash_list),
    ("createdBy", "Created by", _created_by), ("created", "Created", _time),
    ("modified", "Last modified", _time), ("applet", "Created from", str),
    ("installed", "Installed", _lower_bool), ("openSource", "Open source", _lower_bool),
    ("deleted", "Deleted", _lower_bool), ("published", "Published", _time), ("title", "Title", str),
    ("summary", "Summary", str), ("description", "Description", str),
    ("developerNotes", "Developer notes", str), ("categories", "Categories", _dash_list),
    ("details", "Details", _json), ("access", "Access", _json), ("dxapi", "API version", str),
    ("inputSpec", "Input Spec", get_io_spec), ("outputSpec", "Output Spec", get_io_spec),
    ("runSpec", "Interpreter", _interpreter), ("resources", "Resources", str),
    ("installs", "# Installs", str), ("authorizedUsers", "AuthorizedUsers", _dash_list),
]
_USER: list[_Field] = [
    ("id", "ID", str), ("*name", "Name", lambda d: " ".join(
        str(d[k]) for k in ("first", "middle", "last") if d.get(k)) or _user(d.get("handle") or d["id"])),
    ("email", "Email", str), ("billTo", "Default bill to", str),
]
_ORG: list[_Field] = [
    ("id", "ID", str), ("name", "Name", str), ("level", "Member access level", str),
    ("handle", "Handle", str), ("billTo", "Billed to", str), ("created", "Created", _time),
]
#: keys consumed by a rendering without their own line, or too internal to show unless verbose
_QUIET = {"class", "executable", "sponsored", "handle", "first", "middle", "last", "stateTransitions",
          "stoppedRunning", "runInput", "originalInput", "sponsoredUntil", "analysis", "stage", "totalPrice",
          "isFree", "delayWorkspaceDestruction", "version", "pendingTransfer", "externalUploadRestricted",
          "databaseUIViewOnly", "databaseResultsRestricted"}


def get_desc_fields(desc: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    """The labelled fields :func:`print_desc` shows for *desc*, chosen by its class.

    :param desc: any description (the class is taken from ``class`` or the ID prefix)
    :returns: ``(key, label, renderer)`` triples; a key starting with ``*`` means the
        renderer takes the whole description
    """
    kind = str(desc.get("class") or str(desc.get("id", "")).split("-", 1)[0])
    if kind in ("project", "container"):
        return _CONTAINER
    if kind in ("job", "analysis"):
        fields = list(_EXECUTION)
        if kind == "analysis":
            # an analysis stops with its last state transition, not when it stopped running
            fields = [("*stateTransitions", "", _finished) if f[0] == "*stoppedRunning" else f
                      for f in fields]
        return fields
    if kind in ("app", "globalworkflow"):
        return _GLOBAL_EXECUTABLE
    if kind == "user":
        return _USER
    if kind == "org":
        return _ORG
    return _OBJECT_HEAD + _CLASS_TAIL.get(kind, [])


def get_desc_lines(desc: Mapping[str, Any], verbose: bool = False) -> list[str]:
    """The lines :func:`print_desc` writes: labelled fields, then the others by their key.

    Fields without a label of their own follow under their API name with a JSON value, as
    upstream's ``dx describe`` shows them; a few internal ones only with *verbose*.

    :param desc: any description
    :param verbose: also show internal fields (state transitions, original inputs ...)
    :returns: ``"<label padded>  <value>"`` lines (a value may continue on indented lines)
    """
    lines = []
    used = set()
    for key, label, render in get_desc_fields(desc):
        if key.startswith("*"):
            used.add(key[1:])
            shown = render(desc)
            # a renderer without a label of its own gives (label, value) pairs (stage blocks ...)
            lines += [get_field_str(*pair) for pair in shown] if isinstance(shown, list) \
                else [get_field_str(label, shown)]
            continue
        used.add(key)
        if key in ("description", "developerNotes") and not desc.get(key):
            continue
        if key in desc and desc[key] is not None:
            lines.append(get_field_str(label, render(desc[key])))
        elif key in ("parentJob", "dependsOn") and key in desc:
            lines.append(get_field_str(label, "-"))
    if not verbose and str(desc.get("id", "")).startswith("user-"):
        return lines  # as upstream, a user is its name, email and billing account
    for key in desc:
        if key in used or key == "describe" or (key in _QUIET and not verbose):
            continue
        lines.append(get_field_str(key, json.dumps(desc[key]), wrap=True))
    return lines


def get_field_str(label: str, value: str, wrap: bool = False) -> str:
    """One field of a description: *label* padded to :data:`FIELD_NAME_WIDTH`, then *value*.

    :param label: the field's name
    :param value: its rendering (further lines are expected to be indented already)
    :param wrap: fold a long *value* at the terminal width, continuation lines indented
    :returns: the text, without a trailing newline
    """
    head = f"{label:<{FIELD_NAME_WIDTH - 1}} "
    if not wrap:
        return head + value
    width = max(FIELD_NAME_WIDTH + 20, shutil.get_terminal_size((100, 24)).columns)
    return textwrap.fill(value, width=width, initial_indent=head, subsequent_indent=" " * FIELD_NAME_WIDTH,
                         break_long_words=False, break_on_hyphens=False)


def print_field(label: str, value: str, file: IO[str] | None = None) -> None:
    """Write one labelled field (see :func:`get_field_str`).

    :param label: the field's name
    :param value: its rendering
    :param file: stream to write to (default ``sys.stdout``)
    """
    (file if file is not None else sys.stdout).write(get_field_str(label, value) + "\n")


def print_json_field(label: str, json_value: Any, file: IO[str] | None = None) -> None:
    """Write one field whose value is shown as JSON (wrapped at the terminal width).

    :param label: the field's name
    :param json_value: a JSON-serialisable value
    :param file: stream to write to (default ``sys.stdout``)
    """
    text = get_field_str(label, json.dumps(json_value), wrap=True)
    (file if file is not None else sys.stdout).write(text + "\n")


def print_desc(desc: Mapping[str, Any], verbose: bool = False, file: IO[str] | None = None) -> None:
    """Write a description the way ``dx describe`` shows it, one field per line.

    The fields and their order depend on the class: data objects (with extras for files,
    applets and workflows), projects and containers, jobs and analyses, apps and global
    workflows, users and organisations.

    :param desc: any description
    :param verbose: also show internal fields
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
    "get_desc_fields",
    "get_desc_lines",
    "get_field_str",
    "print_field",
    "print_json_field",
    "print_desc",
    "print_ls_desc",
    "print_ls_l_desc",
]


__all__ += [
    "get_field_from_jbor", "get_index_from_jbor", "get_io_desc", "get_io_field", "get_io_spec",
    "get_job_from_jbor", "io_val_to_str", "is_job_ref", "is_metadata_ref", "jbor_to_str", "job_output_to_str",
    "parse_typespec",
]
