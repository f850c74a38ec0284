"""End-to-end client scenario: build, run, wait on and read back an applet, a workflow and an app.

Written the way platform users write it, with nothing but the public dxpy API, so that the same
file runs unchanged under upstream dxpy 0.417 and under ours (``tests/integration/test_upstream_dxpy.py``
runs it with each interpreter against an emulator). The process must be configured through the
environment (``DX_APISERVER_*``, ``DX_SECURITY_CONTEXT``, ``DX_PROJECT_CONTEXT_ID``).

It prints one JSON document (the last line of stdout) holding what it observed; the test checks it.
Usage: ``python e2e_client.py WORKDIR``.
"""

from __future__ import annotations

import json
import os
import sys
import uuid

import dxpy

# A python3 applet: main downloads its file input, fans out one 'count' subjob per chunk of lines and
# gathers their outputs in a 'gather' subjob through job-based references; files go up with
# upload_local_file and come down with download_dxfile.
PY_CODE = r'''
import dxpy


@dxpy.entry_point("count")
def count(chunk):
    dxpy.download_dxfile(chunk, "chunk.txt")
    with open("chunk.txt") as fh:
        return {"lines": sum(1 for _ in fh)}


@dxpy.entry_point("gather")
def gather(counts, label):
    with open("summary.txt", "w") as fh:
        fh.write(label + ": " + "+".join(str(c) for c in counts) + "=" + str(sum(counts)) + "\n")
    summary = dxpy.upload_local_file("summary.txt")
    return {"total": sum(counts), "summary": dxpy.dxlink(summary)}


@dxpy.entry_point("main")
def main(reads, chunks=2, label="lines"):
    dxpy.download_dxfile(reads, "reads.txt")
    with open("reads.txt") as fh:
        lines = fh.readlines()
    size = -(-len(lines) // chunks)
    subjobs = []
    for i in range(chunks):
        name = "chunk%d.txt" % i
        with open(name, "w") as fh:
            fh.writelines(lines[i * size:(i + 1) * size])
        part = dxpy.upload_local_file(name)
        subjobs.append(dxpy.new_dxjob({"chunk": dxpy.dxlink(part)}, "count"))
    gathered = dxpy.new_dxjob({"counts": [j.get_output_ref("lines") for j in subjobs], "label": label},
                              "gather")
    with open("upper.txt", "w") as fh:
        fh.write("".join(lines).upper())
    upper = dxpy.upload_local_file("upper.txt")
    return {"total": gathered.get_output_ref("total"), "summary": gathered.get_output_ref("summary"),
            "upper": dxpy.dxlink(upper)}
'''
PY_IO = {
    "inputSpec": [{"name": "reads", "class": "file"},
                  {"name": "chunks", "class": "int", "optional": True, "default": 2},
                  {"name": "label", "class": "string", "optional": True, "default": "lines"}],
    "outputSpec": [{"name": "total", "class": "int"}, {"name": "summary", "class": "file"},
                   {"name": "upper", "class": "file"}],
}

# A bash applet using the job helpers: inputs downloaded into ~/in, outputs uploaded from ~/out.
SH_CODE = r'''#!/bin/bash
main() {
    echo "annotating $report_name with $prefix"
    dx-download-all-inputs
    chars=$(wc -c < "$report_path")
    mkdir -p ~/out/annotated
    { echo "$prefix ($report_name)"; cat "$report_path"; } > ~/out/annotated/annotated.txt
    dx-upload-all-outputs
    dx-jobutil-add-output chars "$chars" --class=int
}
'''
SH_IO = {
    "inputSpec": [{"name": "report", "class": "file"}, {"name": "prefix", "class": "string"}],
    "outputSpec": [{"name": "chars", "class": "int"}, {"name": "annotated", "class": "file"}],
}

READS = "".join(f"read {i}\n" for i in range(7))
TIMEOUT = 120


def new_applet(project: str, name: str, interpreter: str, code: str, io: dict) -> dxpy.DXApplet:
    """Create an applet with ``DXApplet.new`` (as ``dx build`` would, without the builder)."""
    applet = dxpy.DXApplet()
    applet.new(project=project, name=name, dxapi="1.0.0",
               runSpec={"interpreter": interpreter, "code": code, "distribution": "Ubuntu",
                        "release": "24.04", "version": "0"}, **io)
    return applet


def annotate_applet(project: str) -> dxpy.DXApplet:
    """The bash applet (one is created per call)."""
    return new_applet(project, "annotate", "bash", SH_CODE, SH_IO)


def read_file(link: dict, workdir: str, name: str) -> str:
    """Download a file output with ``download_dxfile`` and return its text."""
    path = os.path.join(workdir, name)
    dxpy.download_dxfile(link, path)
    with open(path) as fh:
        return fh.read()


def job_facts(job: dxpy.DXJob, workdir: str, tag: str) -> dict:
    """Wait on *job* and read back its outputs, the files downloaded."""
    job.wait_on_done(interval=0.1, timeout=TIMEOUT)
    desc = job.describe()
    out = desc["output"]
    files = {k: v for k, v in out.items() if isinstance(v, dict)}
    return {"state": desc["state"], "keys": sorted(out),
            "files": {k: read_file(v, workdir, f"{tag}-{k}") for k, v in sorted(files.items())},
            "folders": sorted({dxpy.DXFile(v).describe()["folder"] for v in files.values()}),
            "values": {k: v for k, v in out.items() if k not in files}}


def main(workdir: str) -> None:
    """Launch every scenario, then wait on each and print what was observed as one JSON line.

    Everything is launched before anything is waited on, so the emulator runs the jobs side by side.
    """
    project = dxpy.PROJECT_CONTEXT_ID
    result: dict = {"dxpy": dxpy.__file__}
    with open(os.path.join(workdir, "reads.txt"), "w") as fh:
        fh.write(READS)
    reads = dxpy.upload_local_file(os.path.join(workdir, "reads.txt"), wait_on_close=True)

    counter = new_applet(project, "linestats", "python3", PY_CODE, PY_IO)
    py_job = counter.run({"reads": dxpy.dxlink(reads), "chunks": 3, "label": "py"}, folder="/py")
    # launched before its input exists: a job-based reference made on the client side
    chained = annotate_applet(project).run({"report": py_job.get_output_ref("summary"), "prefix": "chained"})
    annotate = annotate_applet(project)
    sh_job = annotate.run({"report": dxpy.dxlink(reads), "prefix": "sh"})

    workflow = dxpy.new_dxworkflow(title="count then annotate", project=project)
    first = workflow.add_stage(counter, name="count", stage_input={"chunks": 2})
    second = workflow.add_stage(annotate, name="annotate", stage_input={
        "report": {"$dnanexus_link": {"stage": first, "outputField": "summary"}}, "prefix": "wf"})
    analysis = workflow.run({f"{first}.reads": dxpy.dxlink(reads), f"{first}.label": "wf"})

    app_name = "linestats-" + uuid.uuid4().hex[:8]
    app = dxpy.DXApp()
    app.new(applet=counter.get_id(), name=app_name, version="1.0.0", title="Line stats")
    handles = {"by_name": dxpy.DXApp(name=app_name), "by_version": dxpy.DXApp(name=app_name, alias="1.0.0")}
    app_jobs = {how: handle.run({"reads": dxpy.dxlink(reads)}) for how, handle in handles.items()}

    result["python3"] = job_facts(py_job, workdir, "py")
    children = dxpy.find_jobs(parent_job=py_job.get_id(), describe={"fields": {"function": True}})
    result["python3"]["subjobs"] = sorted(c["describe"]["function"] for c in children)
    result["chained"] = job_facts(chained, workdir, "chained")
    result["bash"] = job_facts(sh_job, workdir, "sh")

    analysis.wait_on_done(interval=0.1, timeout=TIMEOUT)
    desc = analysis.describe()
    out = desc["output"]
    result["workflow"] = {
        "state": desc["state"], "stages": [s["id"] for s in desc["stages"]] == [first, second],
        "stage_states": [s["execution"]["state"] for s in desc["stages"]],
        "total": out[f"{first}.total"], "chars": out[f"{second}.chars"],
        "summary": read_file(out[f"{first}.summary"], workdir, "wf-summary"),
        "annotated": read_file(out[f"{second}.annotated"], workdir, "wf-annotated"),
    }

    result["app"] = {"id_matches": {}, "jobs": {}}
    for how, job in app_jobs.items():
        result["app"]["jobs"][how] = job_facts(job, workdir, "app-" + how)
        result["app"]["id_matches"][how] = job.describe()["app"] == app.get_id()
    result["applets"] = {"python3": counter.get_id(), "bash": annotate.get_id(), "reads": reads.get_id()}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
