"""Build one of the example applets in the emulator, run it and print its output.

Usage (with dxpy pointed at an emulator, e.g. after ``source dx.env``)::

    python examples/applets/run_in_emulator.py wordcount_py
    python examples/applets/run_in_emulator.py linecount_sh
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import dxpy

HERE = Path(__file__).resolve().parent


def build(name: str, project: str) -> dxpy.DXApplet:
    """Create applet *name* from its ``dxapp.json`` and code file."""
    app = json.loads((HERE / name / "dxapp.json").read_text())
    run_spec = dict(app["runSpec"])
    run_spec["code"] = (HERE / name / run_spec.pop("file")).read_text()
    fields = ("name", "title", "dxapi", "version", "inputSpec", "outputSpec")
    req = {key: app[key] for key in fields if key in app}
    req.update(project=project, runSpec=run_spec)
    return dxpy.DXApplet(dxpy.api.applet_new(req)["id"], project=project)


def example_input(name: str) -> dict:
    """Upload small input files for the example and return its input."""
    if name == "wordcount_py":
        fox = "the quick brown fox jumps over the lazy dog"
        text = dxpy.upload_string(fox, name="fox.txt", wait_on_close=True)
        return {"text": dxpy.dxlink(text), "min_length": 4}
    reads = [dxpy.upload_string("r\n" * (i + 1), name=f"reads{i}.txt", wait_on_close=True) for i in range(3)]
    return {"reads": [dxpy.dxlink(r) for r in reads], "label": "demo"}


def main(name: str) -> dict:
    """Build, run and wait for example *name*; return the job's output."""
    project = dxpy.PROJECT_CONTEXT_ID
    applet = build(name, project)
    job = applet.run(example_input(name), project=project)
    job.wait_on_done()
    return job.describe()["output"]


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1] if len(sys.argv) > 1 else "wordcount_py"), indent=2))
