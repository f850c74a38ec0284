"""The example applets run as jobs in the emulator's runner (issue 13 item 6).

The runnable is handed to the runner the way ``/applet-xxxx/run`` does (``create_job``), from the
example's ``dxapp.json`` and code, so this exercises exactly the job environment applet code sees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dxpy
from dxpy.emulator import Emulator
from tests.emulator.test_runner import WAIT_S, launch, wait_state

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "applets"


@pytest.fixture
def emu(tmp_path: Path):
    emulator = Emulator(state_dir=str(tmp_path / "state"))
    emulator.start()
    restore = emulator.configure_dxpy()
    try:
        yield emulator
    finally:
        restore()
        emulator.stop()


def runnable(name: str, code: str | None = None, **overrides) -> dict:
    app = json.loads((EXAMPLES / name / "dxapp.json").read_text())
    run_spec = {
        "interpreter": app["runSpec"]["interpreter"],
        "code": code if code is not None else (EXAMPLES / name / app["runSpec"]["file"]).read_text(),
    }
    desc = {
        "id": "applet-" + "e" * 24,
        "name": name,
        "class": "applet",
        "runSpec": run_spec,
        "inputSpec": app["inputSpec"],
        "outputSpec": app["outputSpec"],
    }
    desc.update(overrides)
    return desc


def registered(emu: Emulator, desc: dict) -> dict:
    """Create the applet through ``/applet/new`` and use its ID (the job reads its inputSpec back)."""
    from dxpy.emulator import EmulatorCallError

    try:
        new = emu.call(
            "applet/new",
            {
                "project": emu.project_id,
                "name": desc["name"],
                "dxapi": "1.0.0",
                "runSpec": dict(desc["runSpec"], distribution="Ubuntu", release="24.04"),
                "inputSpec": desc["inputSpec"],
                "outputSpec": desc["outputSpec"],
            },
        )
    except EmulatorCallError as exc:
        if "could not be found" in str(exc):
            pytest.skip("the emulator has no /applet/new route yet (EMU-EXE, issue 11)")
        raise
    return dict(desc, id=new["id"], project=emu.project_id)


def test_python_applet_with_subjob_file_output_and_logging(emu: Emulator) -> None:
    text = dxpy.upload_string("alpha be gamma delta", name="words.txt", wait_on_close=True)
    job = launch(emu, runnable("wordcount_py"), {"text": dxpy.dxlink(text), "min_length": 3})
    desc = wait_state(emu, job, {"done", "failed"}, timeout=WAIT_S * 2)
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"]["words"] == 3
    assert (
        dxpy.DXFile(desc["output"]["report"]["$dnanexus_link"]).read()
        == "word count of words.txt (min length 3)\n"
    )
    subjobs = emu.call("system/findJobs", {"parentJob": job, "describe": True})["results"]
    assert [s["describe"]["function"] for s in subjobs] == ["count"]
    parent_logs = emu.call(f"{job}/getLog")["logs"]
    assert any(e["msg"] == "report written for words.txt" and e["level"] == "WARNING" for e in parent_logs)
    sub_logs = emu.call(f"{subjobs[0]['id']}/getLog")["logs"]
    assert any(e["msg"] == "counted 3 words of length >= 3" and e["level"] == "INFO" for e in sub_logs)


def test_python_applet_app_error_and_exception(emu: Emulator) -> None:
    text = dxpy.upload_string("x", name="t.txt", wait_on_close=True)
    job = launch(emu, runnable("wordcount_py"), {"text": dxpy.dxlink(text), "min_length": 0})
    desc = wait_state(emu, job, {"done", "failed"})
    assert (desc["state"], desc["failureReason"]) == ("failed", "AppError")
    assert desc["failureMessage"] == "min_length must be at least 1, got 0"
    job = launch(emu, runnable("wordcount_py"), {"text": "not a link", "min_length": 2})
    desc = wait_state(emu, job, {"done", "failed"})
    assert (desc["state"], desc["failureReason"]) == ("failed", "AppInternalError")


def test_output_not_matching_output_spec_fails(emu: Emulator) -> None:
    code = (
        "import dxpy\n@dxpy.entry_point('main')\ndef main(**kw):\n"
        "    return {'words': 'many', 'report': 'not a file'}\ndxpy.run()\n"
    )
    text = dxpy.upload_string("x", name="t.txt", wait_on_close=True)
    job = launch(emu, runnable("wordcount_py", code=code), {"text": dxpy.dxlink(text)})
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "failed"
    assert "words" in desc["failureMessage"] or "report" in desc["failureMessage"]


def test_bash_applet_with_the_job_helpers(emu: Emulator) -> None:
    reads = [dxpy.upload_string("a\n" * (i + 2), name=f"r{i}.txt", wait_on_close=True) for i in range(4)]
    job = launch(
        emu,
        registered(emu, runnable("linecount_sh")),
        {"reads": [dxpy.dxlink(r) for r in reads], "label": "L"},
    )
    desc = wait_state(emu, job, {"done", "failed"}, timeout=WAIT_S * 2)
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"]["lines"] == 2 + 3 + 4 + 5
    summary = dxpy.DXFile(desc["output"]["summary"]["$dnanexus_link"])
    assert summary.read() == "L: 14 lines in 4 files\n"
    logs = [e["msg"] for e in emu.call(f"{job}/getLog")["logs"]]
    assert "label: L, files: r0.txt r1.txt r2.txt r3.txt" in logs


def test_bash_report_error(emu: Emulator) -> None:
    code = 'main() { dx-jobutil-report-error "reads are empty" AppError; }\n'
    job = launch(emu, runnable("linecount_sh", code=code), {"reads": [], "label": "x"})
    desc = wait_state(emu, job, {"done", "failed"})
    assert (desc["state"], desc["failureReason"], desc["failureMessage"]) == (
        "failed",
        "AppError",
        "reads are empty",
    )


@pytest.mark.parametrize("name, key, expected", [("wordcount_py", "words", 5), ("linecount_sh", "lines", 6)])
def test_readme_script_builds_and_runs_the_examples(emu: Emulator, name: str, key: str,
                                                    expected: int) -> None:
    import importlib.util

    from dxpy.emulator import EmulatorCallError

    try:
        emu.call("applet/new", {"project": emu.project_id, "dxapi": "1.0.0",
                                "runSpec": {"interpreter": "bash", "code": "", "distribution": "Ubuntu",
                                            "release": "24.04"}})
    except EmulatorCallError as exc:
        if "could not be found" in str(exc):
            pytest.skip("the emulator has no /applet/new route yet (EMU-EXE, issue 11)")
        raise
    spec = importlib.util.spec_from_file_location("run_in_emulator", EXAMPLES / "run_in_emulator.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(name)[key] == expected
