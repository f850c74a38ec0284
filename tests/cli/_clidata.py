"""Helpers for the data-command tests: real applets and jobs in the emulator."""

from __future__ import annotations

import time
from typing import Any

#: a bash applet whose jobs output ``m = n + 1`` and, for ``n > 0``, launch one subjob with ``n - 1``
TREE_APP = """main() {
    if [ "$n" -gt 0 ]; then
        dx-jobutil-new-job -in=$((n - 1)) main > /dev/null
    fi
    dx-jobutil-add-output m $((n + 1))
}
"""


def new_applet(emulator: Any, project: str, name: str = "tree", code: str = TREE_APP) -> str:
    """Create the bash applet *code* (input ``n: int``, output ``m: int``) and return its ID."""
    return str(emulator.call("applet/new", {
        "project": project, "name": name, "dxapi": "1.0.0",
        "inputSpec": [{"name": "n", "class": "int"}], "outputSpec": [{"name": "m", "class": "int"}],
        "runSpec": {"interpreter": "bash", "code": code, "distribution": "Ubuntu", "release": "24.04"},
    })["id"])


def run_and_wait(emulator: Any, applet: str, project: str, n: int, **body: Any) -> dict:
    """Run *applet* with input ``n`` in *project*, wait until every job of its tree is done."""
    job = emulator.call(f"{applet}/run", dict(body, project=project, input={"n": n}))["id"]
    deadline = time.monotonic() + 120
    while True:
        tree = emulator.call("system/findExecutions", {"rootExecution": job, "describe": True})["results"]
        states = {r["describe"]["state"] for r in tree}
        if len(tree) == n + 1 and states <= {"done", "failed", "terminated"}:
            break
        assert time.monotonic() < deadline, states
        time.sleep(0.1)
    desc = emulator.call(f"{job}/describe")
    assert desc["state"] == "done", desc.get("failureMessage")
    return dict(desc)
