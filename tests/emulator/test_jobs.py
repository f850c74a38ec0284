"""Jobs through the HTTP API: bash entry points with dx-print-bash-vars, input checks, findExecutions filters,
describe/tags/properties and the job routes' permissions."""

from __future__ import annotations

import pytest

from dxpy.emulator import EmulatorCallError
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._runner.specs import check_input
from tests.emulator.test_runner import bash, emu, launch, wait_state  # noqa: F401 - emu is a fixture


def test_bash_entry_point_sees_its_inputs_as_variables(emu):  # noqa: F811
    code = 'main() {\n  echo "{\\"doubled\\": $((n * 2)), \\"said\\": \\"$word\\"}" > job_output.json\n}\n'
    desc = wait_state(emu, launch(emu, bash(code), {"n": 21, "word": "hi"}), {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"] == {"doubled": 42, "said": "hi"}


def test_bash_error_in_a_pipeline_fails_the_job(emu):  # noqa: F811
    code = "main() {\n  false | cat\n  echo '{}' > job_output.json\n}\n"
    desc = wait_state(emu, launch(emu, bash(code)), {"done", "failed"})
    assert desc["state"] == "failed" and desc["failureReason"] == "AppInternalError"


SPEC = [
    {"name": "n", "class": "int"},
    {"name": "mode", "class": "string", "choices": ["fast", "slow"], "default": "fast"},
    {"name": "maybe", "class": "float", "optional": True},
    {"name": "reads", "class": "array:file", "optional": True, "patterns": ["*.fq"]},
]


@pytest.mark.parametrize(
    "given, field",
    [
        ({}, "n"),
        ({"n": "1"}, "n"),
        ({"n": True}, "n"),
        ({"n": 1, "mode": "medium"}, "mode"),
        ({"n": 1, "maybe": "x"}, "maybe"),
        ({"n": 1, "extra": 1}, "extra"),
        ({"n": 1, "reads": {"$dnanexus_link": "file-" + "0" * 24}}, "reads"),
        ({"n": 1, "reads": [{"$dnanexus_link": "file-" + "0" * 24}]}, "reads"),
        ({"n": 1, "reads": [{"$dnanexus_link": "record-" + "0" * 24}]}, "reads"),
    ],
)
def test_input_spec_violations_name_the_field(emu, given, field):  # noqa: F811
    with emu.server.store.read() as db, pytest.raises(APIError) as err:
        check_input(db, emu.user_id, given, SPEC)
    assert err.value.type == "InvalidInput" and repr(field) in err.value.message


def test_input_defaults_links_and_job_references(emu):  # noqa: F811
    rec = emu.call("record/new", {"project": emu.project_id, "name": "r.fq", "close": True})["id"]
    with emu.server.store.read() as db:
        assert check_input(db, emu.user_id, {"n": 1}, SPEC) == {"n": 1, "mode": "fast"}
        ref = {"$dnanexus_link": {"job": "job-" + "1" * 24, "field": "x"}}
        assert check_input(db, emu.user_id, {"n": ref}, SPEC)["n"] == ref
    spec = [{"name": "r", "class": "record", "patterns": ["*.fq"]}]
    with emu.server.store.read() as db:
        assert check_input(db, emu.user_id, {"r": {"$dnanexus_link": rec}}, spec)
    other = emu.call("record/new", {"project": emu.project_id, "name": "open"})["id"]
    with emu.server.store.read() as db, pytest.raises(APIError) as err:
        check_input(db, emu.user_id, {"r": {"$dnanexus_link": other}}, [{"name": "r", "class": "record"}])
    assert "not closed" in err.value.message


def test_an_applet_without_an_input_spec_takes_any_input_and_an_empty_one_takes_none(emu):  # noqa: F811
    code = 'main() {\n  echo "{\\"got\\": $x}" > job_output.json\n}\n'
    loose = emu.call("applet/new", {"project": emu.project_id, "dxapi": "1.0.0",
                                    "runSpec": {"interpreter": "bash", "code": code}})["id"]
    job = emu.call(f"{loose}/run", {"project": emu.project_id, "input": {"x": 7}})["id"]
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"] == {"got": 7}
    strict = emu.call("applet/new", {"project": emu.project_id, "dxapi": "1.0.0", "inputSpec": [],
                                     "runSpec": {"interpreter": "bash", "code": code}})["id"]
    with pytest.raises(EmulatorCallError) as err:
        emu.call(f"{strict}/run", {"project": emu.project_id, "input": {"x": 7}})
    assert err.value.error_type == "InvalidInput" and "'x'" in err.value.message


def test_find_executions_filters(emu):  # noqa: F811
    ok = launch(
        emu, bash("echo '{}' > job_output.json"), name="alpha-one", tags=["t1"], properties={"k": "v"}
    )
    bad = launch(emu, bash("exit 1"), name="beta-two")
    wait_state(emu, ok, {"done"})
    wait_state(emu, bad, {"failed"})

    def ids(**query):
        return [r["id"] for r in emu.call("system/findExecutions", query)["results"]]

    assert ids(project=emu.project_id) == [bad, ok]  # newest first
    assert ids(state="failed") == [bad] and ids(state=["done"]) == [ok]
    assert ids(name={"glob": "alpha*"}) == [ok] and ids(name={"regexp": "^BETA", "flags": "i"}) == [bad]
    assert ids(name="beta-two") == [bad]
    assert ids(tags={"$and": ["t1"]}) == [ok] and ids(properties={"k": True}) == [ok]
    assert ids(properties={"k": "other"}) == []
    assert ids(launchedBy=emu.user_id, parentJob=None, project=emu.project_id) == [bad, ok]
    assert ids(originJob=ok) == [ok] and ids(rootExecution=bad) == [bad]
    assert ids(executable="applet-" + "x" * 24, project=emu.project_id) == [bad, ok]
    assert ids(**{"class": "analysis"}) == []
    desc = emu.call("system/findJobs", {"id": [ok], "describe": {"io": False}})["results"][0]["describe"]
    assert desc["name"] == "alpha-one" and "input" not in desc
    page = emu.call("system/findExecutions", {"project": emu.project_id, "limit": 1})
    assert [r["id"] for r in page["results"]] == [bad]
    rest = emu.call("system/findExecutions", {"project": emu.project_id, "starting": page["next"]})
    assert [r["id"] for r in rest["results"]] == [ok] and rest["next"] is None
    with pytest.raises(EmulatorCallError) as err:
        emu.call("system/findExecutions", {"bogus": 1})
    assert err.value.error_type == "InvalidInput"


def test_tags_properties_and_other_users(emu):  # noqa: F811
    job = launch(emu, bash("echo '{}' > job_output.json"))
    emu.call(f"{job}/addTags", {"tags": ["a", "b"]})
    emu.call(f"{job}/removeTags", {"tags": ["a"]})
    emu.call(f"{job}/setProperties", {"properties": {"x": "1", "y": "2"}})
    emu.call(f"{job}/setProperties", {"properties": {"y": None}})
    desc = emu.call(f"{job}/describe")
    assert desc["tags"] == ["b"] and desc["properties"] == {"x": "1"}
    _, token = emu.new_user("stranger")
    for route in ("describe", "getLog", "terminate", "addTags"):
        with pytest.raises(EmulatorCallError) as err:
            emu.call(f"{job}/{route}", {"tags": ["z"]} if route == "addTags" else {}, token=token)
        assert err.value.error_type == "ResourceNotFound", route  # no access at all, as for data objects
    with pytest.raises(EmulatorCallError) as err:
        emu.call("job-" + "0" * 24 + "/describe")
    assert err.value.error_type == "ResourceNotFound"
    wait_state(emu, job, {"done"})


def test_depends_on_waits_for_the_dependency_and_fails_with_it(emu, tmp_path):  # noqa: F811
    gate = tmp_path / "go"
    first = launch(emu, bash(f"while [ ! -e {gate} ]; do sleep 0.05; done\necho '{{}}' > job_output.json\n"))
    second = launch(emu, bash("echo '{}' > job_output.json"), dependsOn=[first])
    ref = {"$dnanexus_link": {"job": first, "field": "missing"}}
    third = launch(emu, bash("echo '{}' > job_output.json"), {"x": ref})
    assert wait_state(emu, second, {"waiting_on_input"})["dependsOn"] == [first]
    wait_state(emu, first, {"running"})
    assert emu.call(f"{second}/describe")["state"] == "waiting_on_input"
    gate.write_text("")
    assert wait_state(emu, second, {"done", "failed"})["state"] == "done"
    desc = wait_state(emu, third, {"done", "failed"})  # its source finished without the referenced field
    assert desc["state"] == "failed" and desc["failureReason"] == "DependencyError"
    doomed = launch(emu, bash("exit 1"))
    after = launch(emu, bash("echo '{}' > job_output.json"), dependsOn=[doomed])
    desc = wait_state(emu, after, {"done", "failed"})
    assert desc["failureReason"] == "DependencyError" and doomed in desc["failureMessage"]


def test_find_executions_takes_every_documented_filter(emu):  # noqa: F811
    parent_code = (
        "main() {\n"
        "  python3 -c \"import dxpy; dxpy.api.job_new({'function': 'child', 'input': {}, 'name': 'kid'})\"\n"
        "  echo '{}' > job_output.json\n"
        "}\n"
        "child() {\n  echo '{}' > job_output.json\n}\n"
    )
    parent = launch(emu, bash(parent_code), name="parent", tags=["a", "b"], properties={"p": "1", "q": "2"})
    wait_state(emu, parent, {"done", "failed"})

    def ids(**query):
        return [r["id"] for r in emu.call("system/findExecutions", query)["results"]]

    tree = ids(rootExecution=parent)
    assert len(tree) == 2 and parent in tree
    child = next(i for i in tree if i != parent)
    assert ids(parentJob=parent) == [child] and ids(origin=parent) == tree
    assert ids(rootExecution=parent, includeSubjobs=False) == [parent]
    assert ids(id=child) == [child] and ids(id=[parent, child]) == tree
    assert ids(rootExecution=parent, state=["done", "failed"]) == tree
    created = emu.call(f"{parent}/describe")["created"]
    assert ids(rootExecution=parent, created={"before": created - 1}) == []
    assert parent in ids(created={"after": created}) and parent in ids(modified={"after": -3600 * 1000})
    assert ids(rootExecution=parent, tags={"$or": ["a", "zz"]}) == [parent]
    assert ids(rootExecution=parent, tags="b") == [parent]
    assert ids(rootExecution=parent, tags={"$and": ["a", "zz"]}) == []
    assert ids(rootExecution=parent, properties={"$and": [{"p": "1"}, {"q": True}]}) == [parent]
    assert ids(rootExecution=parent, name={"regexp": "^KID$", "flags": "i"}) == [child]
    assert ids(rootExecution=parent, parentAnalysis=None, includeRestarted=True, noCache=True) == tree
    assert ids(**{"class": "job", "rootExecution": parent}) == tree
    found = emu.call("system/findJobs", {"id": [child], "describe": {"fields": {"parentJob": True}}})
    assert found["results"] == [{"id": child, "describe": {"id": child, "parentJob": parent}}]
    for bad in ({"state": 1}, {"id": []}, {"parentJob": 5}, {"includeSubjobs": "no"},
                {"created": {"after": "yesterday"}}, {"created": 5}, {"modified": {"since": 1}},
                {"starting": "x"}, {"describe": "yes"}, {"limit": 0}, {"name": 3}, {"tags": [1]},
                {"properties": "p"}, {"class": "workflow"}, {"launchedBy": 1}):
        with pytest.raises(EmulatorCallError) as err:
            emu.call("system/findExecutions", bad)
        assert err.value.error_type == "InvalidInput", bad
        assert next(iter(bad)) in err.value.message, (bad, err.value.message)
