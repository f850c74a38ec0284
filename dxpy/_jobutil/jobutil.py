"""``dx-print-bash-vars``, ``dx-jobutil-add-output``, ``-parse-link``, ``-new-job``, ``-report-error``,
``-get-identity-token``: the helpers bash applets call.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import logging
import os
import sys
from typing import Any

_OBJECT_CLASSES = ("file", "record", "applet", "workflow")
_CLASSES = ["int", "float", "string", "boolean", "hash", *_OBJECT_CLASSES, "jobref", "analysisref", "auto"]


def print_bash_vars(argv: list[str] | None = None) -> int:
    """``dx-print-bash-vars``: print ``export name=value`` lines for ``$HOME/job_input.json``.

    :param argv: arguments (none are accepted besides ``--help``)
    :returns: exit status
    """
    argparse.ArgumentParser(
        description="Parses $HOME/job_input.json and prints the bash variables that "
        "would be available in the execution environment."
    ).parse_args(argv)
    logging.basicConfig(format="%(message)s")
    from ..utils import file_load_utils

    for key, value in file_load_utils.gen_bash_vars(file_load_utils.get_input_json_file()).items():
        if len(value) >= 16 * 1024:
            print(f'echo "warning: variable {key} is long ({len(value)} bytes)"')
        print(f"export {key}={value}")
    return 0


def _ref(value: str, allow_analysis: bool) -> Any:
    from ..utils.resolver import is_analysis_id, is_job_id, is_localjob_id, split_unescaped, unescape_name_str

    parts = split_unescaped(":", value)
    if len(parts) != 2:
        return None
    if allow_analysis and is_analysis_id(parts[0]):
        return {"$dnanexus_link": {"analysis": parts[0], "field": parts[1]}}
    if is_job_id(parts[0]) or is_localjob_id(parts[0]):
        return {"job": parts[0], "field": unescape_name_str(parts[1])}
    return None


def _auto(value: str) -> Any:
    from ..utils.resolver import is_data_obj_id

    if is_data_obj_id(value):
        return {"$dnanexus_link": value}
    ref = _ref(value, allow_analysis=True)
    if ref is not None:
        return ref
    try:
        return json.loads(value)
    except ValueError:
        return value


def _boolean(value: str) -> bool:
    if value.lower().startswith("t") or value == "1":
        return True
    if value.lower().startswith("f") or value == "0":
        return False
    raise ValueError(value)


def _object(value: str) -> Any:
    from ..utils.resolver import is_data_obj_id

    if is_data_obj_id(value):
        return {"$dnanexus_link": value}
    parsed = json.loads(value)
    if not isinstance(parsed, dict) or parsed.get("$dnanexus_link") is None:
        raise ValueError(value)
    return parsed


def _required(parse: Any) -> Any:
    def wrapped(value: str) -> Any:
        result = parse(value)
        if result is None:
            raise ValueError(value)
        return result

    return wrapped


_PARSERS: dict[str, tuple[Any, str]] = {
    "int": (int, "an int"),
    "float": (float, "a float"),
    "string": (str, "a string"),
    "boolean": (_boolean, "a boolean"),
    "hash": (json.loads, "a hash"),
    "dxobject": (_object, 'a data object ID or hash with key "$dnanexus_link"'),
    "jobref": (
        _required(lambda v: _ref(v, allow_analysis=False)),
        "a job-based object reference with format <job ID>:<job output field name>",
    ),
    "analysisref": (
        _required(lambda v: (r := _ref(v, True)) and "$dnanexus_link" in r and r or None),
        "an analysis reference with format <analysis ID>:<analysis output field name>",
    ),
    "auto": (_auto, "a value"),
}


def parse_output_value(value: str, classname: str) -> Any:
    """Convert a command-line output value as ``dx-jobutil-add-output`` does.

    :param value: the text
    :param classname: ``int``, ``float``, ``string``, ``boolean``, ``hash``, a data object class,
        ``jobref``, ``analysisref`` or ``auto`` (IDs become links, ``job-x:field`` a job reference,
        JSON is parsed, anything else is a string)
    :returns: the JSON value
    :raises ValueError: if *value* does not parse as *classname*
    """
    key = "dxobject" if classname in _OBJECT_CLASSES else classname
    parse, what = _PARSERS[key]
    try:
        return parse(value)
    except (ValueError, TypeError):
        raise ValueError(f"Value could not be parsed as {what}") from None


def add_output(argv: list[str] | None = None) -> int:
    """``dx-jobutil-add-output NAME VALUE [--class C] [--array]``: record an output in ``~/job_output.json``.

    :param argv: arguments
    :returns: exit status (3 for a value that does not parse)
    """
    parser = argparse.ArgumentParser(
        description="Sets key NAME of ~/job_output.json to VALUE (with --array, appends to an array)."
    )
    parser.add_argument("name", help="Name of the output field")
    parser.add_argument("value", help="Value of the output field")
    parser.add_argument(
        "--class",
        dest="classname",
        nargs="?",
        default="auto",
        choices=_CLASSES + ["array:" + c for c in _CLASSES if c != "hash"],
        help='Class of the output, e.g. "int"; default "auto"',
    )
    parser.add_argument("--array", action="store_true", help="Output field is an array")
    parser.add_argument(
        "-o",
        "--output",
        help=argparse.SUPPRESS,
        default=os.path.join(os.path.expanduser("~"), "job_output.json"),
    )
    args = parser.parse_args(argv)
    classname = args.classname
    if classname.startswith("array:"):
        args.array, classname = True, classname[len("array:") :]
    try:
        value = parse_output_value(args.value, classname)
    except ValueError as exc:
        parser.exit(3, f"{exc}\n")
    with open(args.output, "a+") as fh:
        fcntl.flock(
            fh, fcntl.LOCK_EX
        )  # parallel add-output calls in one job must not lose each other's fields
        try:
            fh.seek(0)
            text = fh.read()
            output = json.loads(text) if text.strip() else {}
            if args.array:
                current = output.get(args.name, [])
                output[args.name] = (current if isinstance(current, list) else [current]) + [value]
            else:
                output[args.name] = value
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps(output, indent=4) + "\n")
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    return 0


def parse_link(argv: list[str] | None = None) -> int:
    """``dx-jobutil-parse-link LINK [--no-project]``: print the object ID (or ``project:id``) of a link.

    :param argv: arguments
    :returns: exit status
    """
    parser = argparse.ArgumentParser(
        description="Parse a dxlink JSON hash into an object ID or project:object-id tuple"
    )
    parser.add_argument("dxlink", help="Link to parse")
    parser.add_argument(
        "--no-project",
        action="store_true",
        help="Ignore project ID in an extended dxlink - just print the object ID",
    )
    args = parser.parse_args(argv)
    try:
        link = json.loads(args.dxlink)["$dnanexus_link"]
    except (ValueError, TypeError):
        parser.exit(1, "Unable to parse link as JSON\n")
    except KeyError:
        parser.exit(1, "Unable to parse link: no $dnanexus_link key\n")
    if isinstance(link, dict):
        print(link["id"] if args.no_project or "project" not in link else f"{link['project']}:{link['id']}")
    else:
        print(link)
    return 0


def _input_pairs(pairs: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"Input {pair!r} is not of the form name=value")
        parsed = _auto(value)
        if name in result:
            result[name] = (result[name] if isinstance(result[name], list) else [result[name]]) + [parsed]
        else:
            result[name] = parsed
    return result


def new_job(argv: list[str] | None = None) -> int:
    """``dx-jobutil-new-job FUNCTION [-i name=value ...] [-j JSON]``: start a subjob and print its ID.

    Outside a job (``DX_JOB_ID`` unset) the subjob runs in local debug mode.

    :param argv: arguments
    :returns: exit status
    """
    parser = argparse.ArgumentParser(
        description="Creates a new job to run the named function with the "
        "specified input. If successful, prints the ID of the new job."
    )
    parser.add_argument("function", help="Name of the function to run")
    parser.add_argument(
        "-i",
        "--input",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="An input field (repeat for arrays); IDs become links, job-xxxx:field references",
    )
    parser.add_argument("-j", "--input-json", help="The whole input as a JSON hash (merged under -i)")
    parser.add_argument("--name", help="Name for the new job")
    parser.add_argument("--depends-on", metavar="JOB_OR_OBJECT_ID", nargs="*")
    parser.add_argument("--instance-type", help="Instance type for the new job")
    parser.add_argument("--tag", dest="tags", action="append", metavar="TAG")
    parser.add_argument("--property", dest="properties", action="append", metavar="KEY=VALUE")
    parser.add_argument("--test", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        fn_input = json.loads(args.input_json) if args.input_json else {}
        fn_input.update(_input_pairs(args.input))
    except ValueError as exc:
        parser.exit(3, f"{exc}\n")
    req: dict[str, Any] = {"function": args.function, "input": fn_input}
    for key, value in (("name", args.name), ("dependsOn", args.depends_on), ("tags", args.tags)):
        if value is not None:
            req[key] = value
    if args.properties:
        req["properties"] = dict(p.partition("=")[::2] for p in args.properties)
    if args.instance_type:
        req["systemRequirements"] = {args.function: {"instanceType": args.instance_type}}
    if args.test:
        print(json.dumps(req))
        return 0
    if "DX_JOB_ID" in os.environ:
        from .. import api

        print(api.job_new(req)["id"])
    else:
        from ..utils.local_exec_utils import queue_entry_point

        print(
            queue_entry_point(
                function=args.function, input_hash=fn_input, depends_on=args.depends_on or [], name=args.name
            )
        )
    return 0


def report_error(argv: list[str] | None = None) -> int:
    """``dx-jobutil-report-error MESSAGE [AppError|AppInternalError]``: write ``~/job_error.json`` and exit 1.

    :param argv: arguments
    :returns: never returns normally (exits with status 1)
    """
    parser = argparse.ArgumentParser(
        description="Creates job_error.json in your home directory, a JSON file "
        "to include the error type and message for the running job."
    )
    parser.add_argument("message", help="Error message for the job")
    parser.add_argument(
        "type", choices=["AppInternalError", "AppError"], nargs="?", default="AppError", help="Error type"
    )
    args = parser.parse_args(argv)
    with open(os.path.join(os.path.expanduser("~"), "job_error.json"), "w") as fh:
        fh.write(json.dumps({"error": {"type": args.type, "message": args.message}}, indent=4) + "\n")
    parser.exit(1, "Exiting with nonzero exit code to report error\n")
    return 1


def get_identity_token(argv: list[str] | None = None) -> int:
    """``dx-jobutil-get-identity-token --aud URI [--subject_claims C]``: print the job's identity token (JWT).

    :param argv: arguments
    :returns: exit status (1 outside a job)
    """
    parser = argparse.ArgumentParser(
        description="calls job-xxxx/getIdentityToken and retrieves a JWT token "
        "based on aud and subject claims input"
    )
    parser.add_argument("--aud", required=True, help="Audience URI the JWT is intended for")
    parser.add_argument(
        "--subject_claims",
        action="append",
        metavar="<subject_claims>",
        help="Defines the subject claims to be validated by the cloud provider",
    )
    args = parser.parse_args(argv)
    req: dict[str, Any] = {"audience": args.aud}
    if args.subject_claims is not None:
        req["subject_claims"] = [c for claims in args.subject_claims for c in claims.split(",")]
    if "DX_JOB_ID" not in os.environ:
        print("This script should be run from within a job environment.")
        return 1
    from .. import api

    sys.stdout.write(api.job_get_identity_token(os.environ["DX_JOB_ID"], req)["Token"])
    return 0


def _entry(function: Any) -> Any:
    def main() -> None:
        sys.exit(function(sys.argv[1:]))

    main.__doc__ = f"Console entry point running :func:`{function.__name__}`."
    return main


main_print_bash_vars = _entry(print_bash_vars)
main_add_output = _entry(add_output)
main_parse_link = _entry(parse_link)
main_new_job = _entry(new_job)
main_report_error = _entry(report_error)
main_get_identity_token = _entry(get_identity_token)
