"""``dx run``: run an applet, app or workflow (by ID, path or name).

Inputs, in increasing precedence: ``-f FILE`` (``-`` reads stdin), ``-j/--input-json``,
``-i name=value`` (see :mod:`dxpy.cli._run_input` for the type rules), then the
interactive prompts for required inputs still missing (on a terminal only; otherwise
the missing names are an error).  Unless ``--brief``, the input and the destination
are shown before the job starts, and on a terminal ``dx run`` asks for confirmation
unless ``-y``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ._common import fail


def register(subparsers: Any) -> None:
    """Add ``dx run`` to the parser.

    :param subparsers: the ``dx`` sub-command table
    """
    p = subparsers.add_parser(
        "run",
        help="run an applet, app or workflow",
        description="Run an applet, app or workflow, given by ID, path or name.",
    )
    p.add_argument(
        "executable", help="ID, path or name of the applet, app (app-NAME or NAME[/VERSION]) or workflow"
    )
    p.add_argument(
        "-i",
        "--input",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an input (repeat for arrays; workflows: STAGE.NAME=VALUE)",
    )
    p.add_argument("-j", "--input-json", help="input as a JSON object")
    p.add_argument(
        "-f",
        "--input-json-file",
        dest="input_file",
        metavar="FILE",
        help='file holding the input as a JSON object ("-" for stdin)',
    )
    _add_run_options(p)
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--brief", action="store_true", help="print only the job or analysis ID")
    p.add_argument("--wait", action="store_true", help="wait until the execution is done")
    p.add_argument("--watch", action="store_true", help="show the job's log until it finishes")
    p.set_defaults(func=run)


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """The options that shape the execution (destination, name, tags, instance type ...)."""
    p.add_argument(
        "--destination",
        "--folder",
        dest="destination",
        metavar="PATH",
        help="output folder (PROJECT:FOLDER or FOLDER; default the current folder)",
    )
    p.add_argument("--project", help="project to run in (and bill); default the current project")
    p.add_argument("--name", help="name of the job or analysis")
    p.add_argument("--tag", action="append", default=[], dest="tags", help="tag (repeatable)")
    p.add_argument(
        "--property",
        action="append",
        default=[],
        dest="properties",
        metavar="KEY=VALUE",
        help="property (repeatable)",
    )
    p.add_argument("--instance-type", help="instance type, or a JSON object entry point -> instance type")
    p.add_argument(
        "-d",
        "--depends-on",
        action="append",
        default=[],
        metavar="ID",
        help="job or data object to wait for before starting (repeatable)",
    )
    p.add_argument("--alias", "--version", dest="alias", help="app version or tag to run")
    p.add_argument("--priority", choices=("low", "normal", "high"), help="scheduling priority")
    p.add_argument("--ignore-reuse", action="store_true", default=None, help="never reuse earlier results")
    p.add_argument(
        "--delay-workspace-destruction",
        action="store_true",
        default=None,
        help="keep the job's workspace after it ends",
    )
    p.add_argument(
        "--detach", action="store_true", default=None, help="inside a job: start a new root execution"
    )
    p.add_argument("--cost-limit", type=float, help="cost at which the execution is terminated")
    p.add_argument("--extra-args", help="more fields for the run request, as a JSON object")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _load_inputs(args: argparse.Namespace, classes: dict[str, str] | None) -> dict[str, Any]:
    from ._run_input import load_json_input, parse_keyvals

    inputs: dict[str, Any] = {}
    if args.input_file:
        if args.input_file == "-":
            inputs.update(load_json_input(sys.stdin.read(), "standard input"))
        else:
            try:
                with open(args.input_file, encoding="utf-8") as fh:
                    inputs.update(load_json_input(fh.read(), args.input_file))
            except OSError as exc:
                fail(f"Cannot read the input file {args.input_file}: {exc.strerror}")
    if args.input_json:
        inputs.update(load_json_input(args.input_json, "--input-json"))
    inputs.update(parse_keyvals(args.input, classes))
    return inputs


def _workflow_classes(desc: dict[str, Any]) -> dict[str, str] | None:
    """``{key: class}`` for a workflow: its workflow-level inputs, else ``STAGE.field`` of every stage."""
    import dxpy

    if desc.get("inputs") is not None:
        return {field["name"]: field.get("class", "") for field in desc["inputs"]}
    classes: dict[str, str] = {}
    for index, stage in enumerate(desc.get("stages") or []):
        try:
            spec = dxpy.DXHTTPRequest(f"/{stage['executable']}/describe", {"fields": {"inputSpec": True}})
        except dxpy.DXError:
            return None
        for field in spec.get("inputSpec") or []:
            for key in {str(index), stage.get("id"), stage.get("name")} - {None, ""}:
                classes[f"{key}.{field['name']}"] = field.get("class", "")
    return classes


def _destination(args: argparse.Namespace) -> tuple[str, str]:
    import dxpy

    from ..utils.resolver import resolve_path

    if args.destination:
        project, folder, name = resolve_path(args.destination, expected="folder")
        folder = folder or "/"
        return str(project), folder if name is None else f"{folder.rstrip('/')}/{name}"
    if args.project:
        return args.project, "/"
    if not dxpy.PROJECT_CONTEXT_ID:
        fail("No current project: select one with dx select or give --project / --destination")
    project, folder, _ = resolve_path("", expected="folder")
    return str(project), folder or "/"


def _run_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {
        "name": args.name,
        "tags": args.tags or None,
        "depends_on": args.depends_on or None,
        "priority": args.priority,
        "ignore_reuse": args.ignore_reuse,
        "delay_workspace_destruction": args.delay_workspace_destruction,
        "detach": args.detach,
        "cost_limit": args.cost_limit,
    }
    if args.properties:
        props = {}
        for pair in args.properties:
            key, eq, value = pair.partition("=")
            if not eq or not key:
                fail(f"--property takes KEY=VALUE, not {pair!r}")
            props[key] = value
        options["properties"] = props
    if args.instance_type:
        text = args.instance_type.strip()
        options["instance_type"] = _json_option(text, "--instance-type") if text.startswith("{") else text
    if args.extra_args:
        options["extra_args"] = _json_option(args.extra_args, "--extra-args")
    return {key: value for key, value in options.items() if value is not None}


def _json_option(text: str, flag: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        fail(f"{flag} is not valid JSON: {exc}")


def _complete_inputs(spec: list[dict[str, Any]] | None, inputs: dict[str, Any]) -> None:
    from ._run_input import missing_required, prompt_missing

    missing = missing_required(spec, inputs)
    if not missing:
        return
    if not _interactive():
        fail(f"Some inputs ({', '.join(missing)}) are missing, and interactive mode is not available")
    prompt_missing(spec or [], missing, inputs)


def _confirm(
    args: argparse.Namespace, handler: Any, inputs: dict[str, Any], project: str, folder: str
) -> None:
    if args.brief:
        return
    sys.stdout.write("\nUsing input JSON:\n" + json.dumps(inputs, indent=4) + "\n\n")
    sys.stdout.write(f"Calling {handler.get_id()} with output destination\n  {project}:{folder}\n\n")
    if args.yes or not _interactive():
        return
    answer = input("Confirm running the executable with this input [Y/n]: ").strip().lower()
    if answer not in ("", "y", "yes"):
        fail("Not running the executable", code=0)


def run(args: argparse.Namespace) -> int:
    """Handle ``dx run``.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..utils.resolver import get_exec_handler
    from ._run_input import spec_classes

    handler = get_exec_handler(args.executable, args.alias)
    desc = handler.describe()
    is_workflow = desc.get("class") in ("workflow", "globalworkflow")
    spec = desc.get("inputs") if is_workflow else desc.get("inputSpec")
    classes = _workflow_classes(desc) if is_workflow else spec_classes(spec)
    inputs = _load_inputs(args, classes)
    _complete_inputs(spec, inputs)
    project, folder = _destination(args)
    options = _run_options(args)
    _confirm(args, handler, inputs, project, folder)
    execution = handler.run(inputs, project=args.project or project, folder=folder, **options)
    exec_id = execution.get_id()
    if args.brief:
        sys.stdout.write(exec_id + "\n")
    else:
        sys.stdout.write(
            ("Analysis ID: " if exec_id.startswith("analysis-") else "Job ID: ") + exec_id + "\n"
        )
    sys.stdout.flush()
    if args.watch and exec_id.startswith("job-"):
        from .cmd_exec import watch_job

        if not args.brief:
            sys.stdout.write("\nJob Log\n-------\n")
        return watch_job(exec_id, quiet=args.brief)
    if args.wait or args.watch:
        execution.wait_on_done(interval=0.5)
    return 0
