"""Text renderings for console output: trees, tables, durations.

Upstream path ``dxpy.utils.pretty_print``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .printing import BLUE, BOLD, ENDC, GREEN, WHITE, YELLOW

#: unit names (upstream's spelling) and how many of each make the next
TIME_UNITS = [("miliseconds", 1000), ("seconds", 60), ("minutes", 60), ("hours", 24), ("days", 365),
              ("years", None)]
_FRIENDLY = {9: "\\t", 10: "\\n", 13: "\\r"}
_CONTROL = re.compile("([\x00-\x1f\\\\\x7f])")


def escape_unicode_string(u: str) -> str:
    """Make control characters (0-31, 127) and backslashes visible.

    :param u: the text
    :returns: the text with ``\\t``, ``\\n``, ``\\r``, ``\\\\`` or ``\\xNN`` in their place
    """
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group(1))
        if code == 92:
            return "\\\\"
        return _FRIENDLY.get(code, f"\\x{code:02x}")
    return _CONTROL.sub(escape, u)


def format_tree(tree: Mapping[str, Any], root: str | None = None) -> str:
    """Draw a nested mapping as a tree (keys are the nodes; mapping values are subtrees).

    :param tree: the mapping (use an ordered one to fix the order)
    :param root: a first line above the tree
    :returns: the drawing
    """
    lines = [root] if root is not None else []

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        keys = list(node)
        for index, key in enumerate(keys):
            last = index == len(keys) - 1 and len(prefix) > 1
            head = prefix[:-4] + ("└── " if last else "├── ")
            cont = prefix[:-4] + ("    " if last else "│   ")
            for number, line in enumerate(key.splitlines()):
                lines.append((head if number == 0 else cont) + line)
            if isinstance(node[key], Mapping):
                sub = prefix
                if index < len(keys) - 1 and len(prefix) > 1 and prefix.endswith("    "):
                    sub = prefix[:-4] + "│   "
                walk(node[key], sub + "    ")
    walk(tree, "    ")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


_TYPE_COLOURS = {"boolean": BLUE, "integer": YELLOW, "float": WHITE, "double": WHITE, "string": GREEN,
                 **{t: YELLOW for t in ("uint8", "int16", "uint16", "int32", "uint32", "int64")}}


def format_table(table: list[list[Any]], column_names: list[str] | None = None,
                 column_specs: list[dict[str, str]] | None = None, max_col_width: int = 32,
                 report_dimensions: bool = False) -> Any:
    """Draw rows as a box table.

    :param table: list of rows
    :param column_names: header names
    :param column_specs: ``[{"name", "type"}]`` (a ``Row`` column is put first; headers coloured by type)
    :param max_col_width: longer cells are cut with ``…``
    :param report_dimensions: also return the number of lines and the width
    :returns: the drawing, or ``(drawing, lines, width)``
    """
    if table:
        widths = [0] * len(table[0])
    else:
        widths = [0] * (len(column_specs) + 1 if column_specs is not None else len(column_names or []))
    if column_specs is not None:
        column_names = ["Row"] + [c["name"] for c in column_specs]
        column_specs = [{"name": "Row", "type": "float"}] + column_specs
    names = [_cut(str(n), max_col_width) for n in column_names or []]
    for i, name in enumerate(names):
        widths[i] = max(widths[i], len(name))
    rows = [[_cut(escape_unicode_string(str(cell)), max_col_width) for cell in row] for row in table]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def border(ch: str) -> str:
        return WHITE() + ch + ENDC()

    def head(i: int) -> str:
        colour = _TYPE_COLOURS[column_specs[i]["type"]]() if column_specs is not None else WHITE()
        return BOLD() + colour + names[i] + ENDC()

    def rule(left: str, mid: str, right: str) -> str:
        return border(left) + border(mid).join(border("─") * w for w in widths) + border(right)

    out = [rule("┌", "┬", "┐")]
    if names:
        cells = [head(i) + " " * (widths[i] - len(n)) for i, n in enumerate(names)]
        out.append(border("│") + border("│").join(cells) + border("│"))
        out.append(rule("├", "┼", "┤"))
    for row in rows:
        out.append(border("│") + border("│").join(c + " " * (widths[i] - len(c)) for i, c in enumerate(row))
                   + border("│"))
    out.append(rule("└", "┴", "┘"))
    if report_dimensions:
        return "\n".join(out), len(out), sum(widths) + len(widths) + 1
    return "\n".join(out)


def flatten_json_array(json_string: str, array_name: str) -> str:
    """Put every array named *array_name* of an indented JSON text on one line.

    :param json_string: JSON text (e.g. from ``json.dumps(..., indent=4)``)
    :param array_name: the key whose arrays are flattened
    :returns: the text
    """
    key = re.escape(f'"{array_name}": [')
    plain = f'"{array_name}": ['
    result = re.sub(key + r"\r?\n\s*", plain.replace("\\", "\\\\"), json_string)
    inner = re.compile(key + r"(.*)(?<=,)\r?\n\s*")
    while inner.search(result):
        result = inner.sub(lambda m: plain + m.group(1) + " ", result)
    return re.sub(key + r"(.*)\r?\n\s*\]", lambda m: plain + m.group(1) + "]", result)


def format_timedelta(timedelta: int, in_seconds: bool = False, largest_units: str | None = None,
                     auto_singulars: bool = False) -> str:
    """Write a duration as ``1 hours, 2 minutes, 3 seconds``.

    :param timedelta: the duration in milliseconds (or seconds with *in_seconds*)
    :param in_seconds: *timedelta* is in seconds
    :param largest_units: biggest unit to use (``miliseconds``, ``seconds`` ... ``years``)
    :param auto_singulars: write ``1 hour`` rather than ``1 hours``
    :returns: the text (zero units left out)
    :raises ValueError: for an unknown *largest_units*
    """
    units = TIME_UNITS[1:] if in_seconds else TIME_UNITS
    if largest_units is None:
        largest_units = units[-1][0]
    elif largest_units not in [name for name, _ in units]:
        raise ValueError("Invalid largest units specified")
    if timedelta == 0:
        return "0 " + units[0][0]
    parts: list[str] = []
    for name, divisor in units:
        if timedelta == 0:
            break
        if name == largest_units:
            divisor = None
        value = timedelta % divisor if divisor else timedelta
        if value:
            parts.insert(0, f"{value} {name[:-1] if auto_singulars and value == 1 else name}")
        if divisor is None:
            break
        timedelta //= divisor
    return ", ".join(parts)
