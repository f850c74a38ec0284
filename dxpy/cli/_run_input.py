"""``dx run``'s inputs: ``-i name=value`` parsing with the input spec's classes, JSON
inputs, required-input checks and the interactive prompts for missing inputs.

The type rules follow upstream's ``dx run``: with a known class, ``int``/``float`` are
parsed as numbers, ``boolean`` accepts ``true``/``false`` (any case), ``hash`` is JSON,
data-object classes take an ID, a path or name (resolved to a link naming its project)
or a job-based reference ``job-xxxx:field`` (``field.N`` picks one element of an array
output); an ``array:`` class collects every ``-i`` given for the field.  A field
without a known class is guessed: JSON scalars and objects as such, IDs as links, job
references as such, anything else as a string.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..exceptions import DXCLIError

#: classes whose values are links to data objects
DATA_CLASSES = ("file", "record", "applet", "workflow", "database", "gtable")
_JBOR = re.compile(r"^(job-[0-9A-Za-z]{24}):(.+)$")
_ID = re.compile(r"^(file|record|applet|workflow|database|gtable)-[0-9A-Za-z]{24}$")
_TRUE = ("true", "t", "1")
_FALSE = ("false", "f", "0")


def _bad(name: str, klass: str, why: str) -> DXCLIError:
    return DXCLIError(f'Value provided for input field "{name}" could not be parsed as {klass}: {why}')


def _jbor(raw: str) -> dict[str, Any] | None:
    match = _JBOR.match(raw)
    if not match:
        return None
    job, field = match.groups()
    base, dot, index = field.rpartition(".")
    if dot and index.isdigit():
        return {"$dnanexus_link": {"job": job, "field": base, "index": int(index)}}
    return {"$dnanexus_link": {"job": job, "field": field}}


def _object_link(name: str, klass: str, raw: str) -> dict[str, Any]:
    from ..utils.resolver import ResolutionError, resolve_existing_path

    ref = _jbor(raw)
    if ref is not None:
        return ref
    if raw.lstrip().startswith("{"):
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise _bad(name, klass, str(exc)) from None
        if isinstance(value, dict) and "$dnanexus_link" in value:
            return value
    try:
        project, _folder, results = resolve_existing_path(
            raw,
            expected="entity",
            ask_to_resolve=False,
            expected_classes=[klass] if klass in DATA_CLASSES else None,
            describe={"fields": {"id": True, "project": True, "class": True}},
        )
    except ResolutionError as exc:
        raise _bad(name, klass, str(exc)) from None
    if not results:
        raise _bad(name, klass, f'could not resolve "{raw}" to a name or ID')
    if len(results) > 1:
        raise _bad(name, klass, f'"{raw}" matches {len(results)} objects; give an ID')
    found = results[0]
    obj_project = found.get("describe", {}).get("project") or project
    if obj_project:
        return {"$dnanexus_link": {"project": obj_project, "id": found["id"]}}
    return {"$dnanexus_link": found["id"]}


def parse_value(name: str, klass: str | None, raw: str) -> Any:
    """Turn one ``-i name=raw`` value into JSON by the field's class.

    :param name: the input field (for error messages)
    :param klass: its class without ``array:`` (None: unknown, guess)
    :param raw: the text after ``=``
    :returns: the JSON value
    :raises DXCLIError: when ``raw`` does not fit ``klass``
    """
    if klass is None:
        return _guess(raw)
    if klass == "int":
        try:
            return int(raw)
        except ValueError as exc:
            raise _bad(name, klass, str(exc)) from None
    if klass == "float":
        try:
            return float(raw)
        except ValueError as exc:
            raise _bad(name, klass, str(exc)) from None
    if klass == "boolean":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise DXCLIError(f'Could not resolve "{raw}" to a boolean')
    if klass == "hash":
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise _bad(name, klass, str(exc)) from None
        if not isinstance(value, dict):
            raise _bad(name, klass, "not a JSON object")
        return value
    if klass == "string":
        return raw
    return _object_link(name, klass, raw)


def _guess(raw: str) -> Any:
    ref = _jbor(raw)
    if ref is not None:
        return ref
    if _ID.match(raw):
        return {"$dnanexus_link": raw}
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, (int, float, bool, dict, list)) else raw


def spec_classes(input_spec: Sequence[dict[str, Any]] | None) -> dict[str, str] | None:
    """Map field names to classes.

    :param input_spec: an executable's ``inputSpec`` (None when it has none)
    :returns: ``{name: class}``, or None when there is no spec
    """
    if input_spec is None:
        return None
    return {field["name"]: field.get("class", "") for field in input_spec}


def parse_keyvals(pairs: Sequence[str], classes: dict[str, str] | None) -> dict[str, Any]:
    """Parse every ``-i`` argument; an ``array:`` field collects repeated values.

    :param pairs: the ``name=value`` arguments, in order
    :param classes: ``{name: class}`` from the spec (None: no spec, every value guessed)
    :returns: the input mapping
    :raises DXCLIError: for bad syntax, an unknown field or a value that does not fit
    """
    from ..utils.resolver import parse_input_keyval

    inputs: dict[str, Any] = {}
    for pair in pairs:
        name, raw = parse_input_keyval(pair)
        if classes is not None and name not in classes:
            raise DXCLIError(f'Input field called "{name}" was not found in the input spec')
        klass = classes.get(name) if classes is not None else None
        if klass and klass.startswith("array:"):
            inputs.setdefault(name, []).append(parse_value(name, klass[len("array:") :], raw))
        elif klass is None and name in inputs:
            previous = inputs[name]
            inputs[name] = (previous if isinstance(previous, list) else [previous]) + [_guess(raw)]
        else:
            inputs[name] = parse_value(name, klass, raw)
    return inputs


def load_json_input(text: str, source: str) -> dict[str, Any]:
    """Decode a JSON input object (``--input-json`` or the contents of ``-f``).

    :param text: the JSON text
    :param source: where it came from, for the error message
    :returns: the input mapping
    :raises DXCLIError: when it is not a JSON object
    """
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise DXCLIError(f"Error while parsing {source} as JSON: {exc}") from None
    if not isinstance(value, dict):
        raise DXCLIError(f"{source} must be a JSON object, not {type(value).__name__}")
    return value


def missing_required(input_spec: Sequence[dict[str, Any]] | None, inputs: dict[str, Any]) -> list[str]:
    """List the required fields (no ``optional``, no ``default``) that ``inputs`` lacks, in spec order.

    :param input_spec: the executable's ``inputSpec``
    :param inputs: the inputs given so far
    :returns: the missing field names
    """
    return [
        field["name"]
        for field in input_spec or []
        if not field.get("optional") and "default" not in field and field["name"] not in inputs
    ]


def prompt_missing(
    input_spec: Sequence[dict[str, Any]],
    missing: list[str],
    inputs: dict[str, Any],
    read: Callable[[str], str] = input,
) -> None:
    """Ask, on the terminal, for each missing required input (an array takes values until an empty line).

    :param input_spec: the executable's ``inputSpec``
    :param missing: the fields to ask for
    :param inputs: the input mapping, filled in place
    :param read: the line reader (``input``)
    :raises DXCLIError: when the terminal closes before every input is given
    """
    by_name = {field["name"]: field for field in input_spec}
    sys.stdout.write("Entering interactive mode for input selection.\n")
    for name in missing:
        field = by_name[name]
        klass = field.get("class", "string")
        base = klass[len("array:") :] if klass.startswith("array:") else klass
        label = f" ({field['label']})" if field.get("label") else ""
        sys.stdout.write(f"\nInput:   {name}{label}\nClass:   {klass}\n")
        if field.get("help"):
            sys.stdout.write(f"Help:    {field['help']}\n")
        values: list[Any] = []
        while True:
            try:
                raw = read(f"{name}[{len(values)}]: " if base != klass else f"{name}: ")
            except EOFError:
                raise DXCLIError(f"No value given for the input {name}") from None
            if not raw:
                if values:
                    break
                sys.stdout.write(f"A value is required for {name}.\n")
                continue
            try:
                value = parse_value(name, base, raw)
            except DXCLIError as exc:
                sys.stdout.write(f"{exc}\n")
                continue
            if base == klass:
                inputs[name] = value
                break
            values.append(value)
        if values:
            inputs[name] = values
