"""Applet source directories (``dxapp.json``, code, ``resources/``) for the build and run tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

RUN_SPEC = {"distribution": "Ubuntu", "release": "24.04", "version": "0"}

PY_CODE = """\
import dxpy

@dxpy.entry_point("main")
def main(who, n=1, xs=None):
    print("hello", who, n, xs)
    if who == "fail":
        raise dxpy.AppError("asked to fail")
    return {"greeting": "hello " + who, "total": n + sum(xs or [])}

dxpy.run()
"""

BASH_CODE = """\
main() {
    echo "bash says $who"
    echo "to stderr" >&2
    if [ "$who" = sleep ]; then sleep 60; fi
    dx-jobutil-add-output greeting "hi $who" --class string
}
"""

PY_INPUTS = [
    {"name": "who", "class": "string", "label": "Who to greet"},
    {"name": "n", "class": "int", "optional": True},
    {"name": "xs", "class": "array:int", "optional": True},
]


def write_source(
    root: Path,
    name: str = "hello",
    interpreter: str = "python3",
    inputs: list[dict[str, Any]] | None = None,
    resources: bool = True,
    **extra: Any,
) -> Path:
    """Write an applet source directory under ``root`` and return it.

    :param root: parent directory
    :param name: applet (and directory) name
    :param interpreter: ``python3`` or ``bash``
    :param inputs: the inputSpec (default: who/n/xs for python3, who for bash)
    :param resources: add ``resources/opt/data.txt``
    :param extra: more ``dxapp.json`` fields
    """
    src = root / name
    (src / "src").mkdir(parents=True)
    code_file = "src/code.py" if interpreter == "python3" else "src/code.sh"
    (src / code_file).write_text(PY_CODE if interpreter == "python3" else BASH_CODE)
    if inputs is None:
        inputs = PY_INPUTS if interpreter == "python3" else [{"name": "who", "class": "string"}]
    outputs = [{"name": "greeting", "class": "string"}]
    if interpreter == "python3":
        outputs.append({"name": "total", "class": "int"})
    spec = {
        "name": name,
        "title": name.title(),
        "summary": "a test applet",
        "version": "0.0.1",
        "inputSpec": inputs,
        "outputSpec": outputs,
        "runSpec": dict(RUN_SPEC, interpreter=interpreter, file=code_file),
    }
    spec.update(extra)
    (src / "dxapp.json").write_text(json.dumps(spec, indent=2))
    if resources:
        (src / "resources" / "opt").mkdir(parents=True)
        (src / "resources" / "opt" / "data.txt").write_text("resource data\n")
        os.symlink("data.txt", src / "resources" / "opt" / "link.txt")
    return src


def build_applet(tmp_path: Path, project: str, **kwargs: Any) -> str:
    """Write a source directory (see :func:`write_source`) and create its applet in-process.

    :param tmp_path: parent directory
    :param project: destination project
    :param kwargs: passed to :func:`write_source`
    :returns: the applet ID
    """
    from dxpy import app_builder

    kwargs.setdefault("resources", False)
    src = write_source(tmp_path, **kwargs)
    applet_id, _ = app_builder.upload_applet(str(src), [], project=project)
    assert applet_id is not None
    return applet_id
