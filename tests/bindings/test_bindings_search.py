"""dxpy.bindings.search: query building, paging, find_one semantics, and the time-input helpers."""

from __future__ import annotations

import time
from typing import Any

import pytest
from _bindhelp import PROJ, new_project

import dxpy
from dxpy.exceptions import DXError, DXSearchError
from dxpy.utils import normalize_time_input, normalize_timedelta
from tests._support.testserver import reply

JOB = "job-" + "a" * 24
ANALYSIS = "analysis-" + "a" * 24
APPLET = "applet-" + "a" * 24


def _page(ids: list[str], nxt: Any = None, project: str = PROJ) -> Any:
    return reply(json={"results": [{"id": i, "project": project} for i in ids], "next": nxt})


def _empty_pages(server: Any, count: int) -> None:
    server.queue(*[_page([]) for _ in range(count)])


# -- through the emulator ---------------------------------------------------------------------


@pytest.fixture
def populated(dx_project: str) -> dict[str, dxpy.DXRecord]:
    p = dxpy.DXProject(dx_project)
    p.new_folder("/sub/deeper", parents=True)
    target = dxpy.new_dxrecord(name="target", close=True)
    made = {
        "target": target,
        "alpha": dxpy.new_dxrecord(name="alpha.txt", tags=["red", "big"], types=["TypeA"],
                                   properties={"color": "red"}, close=True),
        "beta": dxpy.new_dxrecord(name="beta.txt", tags=["red"], properties={"color": "blue"}, folder="/sub"),
        "gamma": dxpy.new_dxrecord(name="Gamma.bin", hidden=True, folder="/sub/deeper",
                                   details={"l": dxpy.dxlink(target.get_id())}),
    }
    return made


def _ids(results: Any) -> set[str]:
    return {r["id"] for r in results}


def test_find_data_objects_filters(populated: dict[str, dxpy.DXRecord], dx_project: str) -> None:
    ids = {k: v.get_id() for k, v in populated.items()}
    find = dxpy.find_data_objects
    assert _ids(find(project=dx_project)) == {ids["target"], ids["alpha"], ids["beta"]}
    assert _ids(find(project=dx_project, visibility="either")) == set(ids.values())
    assert _ids(find(project=dx_project, visibility="hidden")) == {ids["gamma"]}
    assert _ids(find(classname="record", state="open", project=dx_project)) == {ids["beta"]}
    assert _ids(find(name="alpha.txt", project=dx_project)) == {ids["alpha"]}
    assert _ids(find(name="*.txt", name_mode="glob", project=dx_project)) == {ids["alpha"], ids["beta"]}
    assert _ids(find(name="^gam", name_mode="regexp", project=dx_project, visibility="either")) == set()
    assert _ids(find(name={"regexp": "^gam", "flags": "i"}, name_mode="regexp", project=dx_project,
                     visibility="either")) == {ids["gamma"]}
    assert _ids(find(tags=["red", "big"], project=dx_project)) == {ids["alpha"]}
    assert _ids(find(tags={"$or": ["big", "nope"]}, project=dx_project)) == {ids["alpha"]}
    assert _ids(find(tag="red", project=dx_project)) == {ids["alpha"], ids["beta"]}
    assert _ids(find(typename="TypeA", project=dx_project)) == {ids["alpha"]}
    assert _ids(find(properties={"color": "red"}, project=dx_project)) == {ids["alpha"]}
    assert _ids(find(properties={"color": True}, project=dx_project)) == {ids["alpha"], ids["beta"]}
    assert _ids(find(link=ids["target"], project=dx_project, visibility="either")) == {ids["gamma"]}
    assert _ids(find(project=dx_project, folder="/sub", visibility="either")) == {ids["beta"], ids["gamma"]}
    assert _ids(find(project=dx_project, folder="/sub", recurse=False)) == {ids["beta"]}
    assert _ids(find(folder="/sub/deeper", visibility="either")) == {ids["gamma"]}
    assert _ids(find(project=dx_project, level="ADMINISTER")) == {ids["target"], ids["alpha"], ids["beta"]}


def test_find_data_objects_time_ranges_and_describe(
    populated: dict[str, dxpy.DXRecord], dx_project: str
) -> None:
    created = populated["alpha"].describe()["created"]
    assert _ids(dxpy.find_data_objects(project=dx_project, created_after=created + 10**9)) == set()
    assert len(_ids(dxpy.find_data_objects(project=dx_project, created_before=created + 10**9))) == 3
    recent = dxpy.find_data_objects(project=dx_project, created_after="-1d", modified_after="-1h")
    assert len(_ids(recent)) == 3
    assert _ids(dxpy.find_data_objects(project=dx_project, modified_before=1)) == set()
    only_name = {"fields": {"name": True}}
    described = dxpy.find_data_objects(project=dx_project, name="alpha.txt", describe=only_name)
    results = list(described)
    assert results[0]["describe"] == {"id": populated["alpha"].get_id(), "name": "alpha.txt"}
    handlers = list(dxpy.find_data_objects(project=dx_project, name="beta.txt", return_handler=True))
    assert isinstance(handlers[0], dxpy.DXRecord)
    assert (handlers[0].get_id(), handlers[0].get_proj_id()) == (populated["beta"].get_id(), dx_project)


def test_paging_across_many_pages(dx_project: str) -> None:
    made = {dxpy.new_dxrecord(name=f"p{i:02d}").get_id() for i in range(23)}
    seen = [r["id"] for r in dxpy.find_data_objects(project=dx_project, first_page_size=2)]
    assert len(seen) == 23 and set(seen) == made
    limited = [r["id"] for r in dxpy.find_data_objects(project=dx_project, first_page_size=2, limit=9)]
    assert len(limited) == 9 and len(set(limited)) == 9


def test_malformed_answer_is_a_dxerror(dx_test_context: Any) -> None:
    dx_test_context.queue(reply(json={"nothing": True}))
    with pytest.raises(DXError, match="results"):
        list(dxpy.find_data_objects(project=PROJ))


def test_find_one_data_object(dx_project: str) -> None:
    assert dxpy.find_one_data_object(project=dx_project, zero_ok=True) is None
    with pytest.raises(DXSearchError, match="none"):
        dxpy.find_one_data_object(project=dx_project)
    a = dxpy.new_dxrecord(name="one")
    assert dxpy.find_one_data_object(project=dx_project)["id"] == a.get_id()
    dxpy.new_dxrecord(name="two")
    assert dxpy.find_one_data_object(project=dx_project, more_ok=True)["project"] == dx_project
    with pytest.raises(DXSearchError, match="more"):
        dxpy.find_one_data_object(project=dx_project, more_ok=False)
    handler = dxpy.find_one_data_object(name="one", project=dx_project, return_handler=True)
    assert handler.get_id() == a.get_id()


def test_find_projects(dx_project: str) -> None:
    p = new_project("searchable-xyz", tags=["st"], properties={"pk": "pv"})
    try:
        pid = p.get_id()
        assert _ids(dxpy.find_projects(name="searchable-xyz")) == {pid}
        assert _ids(dxpy.find_projects(name="searchable-*", name_mode="glob")) == {pid}
        assert _ids(dxpy.find_projects(name="^searchable-x", name_mode="regexp")) == {pid}
        assert pid in _ids(dxpy.find_projects(tags=["st"], properties={"pk": "pv"}, level="ADMINISTER"))
        assert pid in _ids(dxpy.find_projects(explicit_perms=True, public=False, created_after="-1h"))
        found = list(dxpy.find_projects(name="searchable-xyz", describe=True))
        assert found[0]["level"] == "ADMINISTER" and found[0]["describe"]["name"] == "searchable-xyz"
        handler = dxpy.find_one_project(name="searchable-xyz", return_handler=True)
        assert isinstance(handler, dxpy.DXProject) and handler.get_id() == pid
        assert dxpy.find_one_project(name="no such project", zero_ok=True) is None
        with pytest.raises(DXSearchError):
            dxpy.find_one_project(name="no such project")
    finally:
        p.destroy()


def test_resolve_data_objects_batches(dx_project: str) -> None:
    dxpy.DXProject(dx_project).new_folder("/f")
    a = dxpy.new_dxrecord(name="a")
    b = dxpy.new_dxrecord(name="b", folder="/f")
    queries = [{"name": "a"}, {"name": "b", "folder": "/f"}, {"name": "zz"}, {"name": "a"}, {"name": "b"}]
    results = dxpy.resolve_data_objects(queries, project=dx_project, folder="/", batchsize=2)
    expected = [[a.get_id()], [b.get_id()], [], [a.get_id()], []]
    assert [[r["id"] for r in found] for found in results] == expected
    with pytest.raises(DXError, match="batchsize"):
        dxpy.resolve_data_objects(queries, batchsize=0)
    with pytest.raises(DXError, match="name"):
        dxpy.resolve_data_objects([{"folder": "/"}])


# -- request shapes against the scripted server --------------------------------------------------


def test_page_sizes_double_and_cursor_is_followed(dx_test_context: Any) -> None:
    server = dx_test_context
    server.queue(_page(["record-" + "1" * 24] * 2, {"c": 1}), _page(["record-" + "2" * 24] * 4, {"c": 2}),
                 _page(["record-" + "3" * 24] * 8, {"c": 3}), _page(["record-" + "4" * 24] * 3, None))
    assert len(list(dxpy.find_data_objects(project=PROJ, first_page_size=2))) == 17
    sent = [q.json() for q in server.requests]
    assert [q["limit"] for q in sent] == [2, 4, 8, 16]
    assert [q.get("starting") for q in sent] == [None, {"c": 1}, {"c": 2}, {"c": 3}]
    server.reset()
    server.queue(_page(["record-" + "1" * 24] * 2, {"c": 1}), _page(["record-" + "2" * 24] * 3, {"c": 2}))
    assert len(list(dxpy.find_data_objects(project=PROJ, first_page_size=2, limit=5))) == 5
    assert [q.json()["limit"] for q in server.requests] == [2, 3]


def test_describe_option_forms(dx_test_context: Any) -> None:
    server = dx_test_context
    _empty_pages(server, 3)
    for describe in (False, {}, True):
        list(dxpy.find_data_objects(project=PROJ, describe=describe))
    assert [q.json().get("describe", "absent") for q in server.requests] == ["absent", {}, True]


def test_page_size_is_capped_at_1000(dx_test_context: Any) -> None:
    server = dx_test_context
    server.queue(_page([], {"c": 1}), _page([], None))
    assert list(dxpy.find_data_objects(project=PROJ, first_page_size=1000)) == []
    assert [q.json()["limit"] for q in server.requests] == [1000, 1000]


def test_find_data_objects_query_shape(dx_test_context: Any) -> None:
    _empty_pages(dx_test_context, 1)
    server = dx_test_context
    list(dxpy.find_data_objects(
        classname="file", state="closed", visibility="either", name="a*", name_mode="glob",
        properties={"k": "v"}, typename={"$or": ["A", "B"]}, tags=["t1"], link="record-" + "L" * 24,
        project=PROJ, folder="/f", recurse=False, modified_after=5, modified_before=10, created_after=1,
        created_before=2, describe={"fields": {"name": True}}, limit=3, level="VIEW", region=["r1"],
        archival_state="live", first_page_size=7, headers={"X-Probe": "q"},
    ))
    sent = server.requests[0]
    assert sent.path == "/system/findDataObjects" and sent.headers["x-probe"] == "q"
    assert sent.json() == {
        "class": "file", "state": "closed", "visibility": "either", "name": {"glob": "a*"},
        "properties": {"k": "v"}, "type": {"$or": ["A", "B"]}, "tags": {"$and": ["t1"]},
        "link": "record-" + "L" * 24, "scope": {"project": PROJ, "folder": "/f", "recurse": False},
        "modified": {"after": 5, "before": 10}, "created": {"after": 1, "before": 2},
        "describe": {"fields": {"name": True}}, "level": "VIEW", "region": ["r1"], "archivalState": "live",
        "limit": 3,
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tag": "a", "tags": ["b"]},
        {"name": "x", "name_mode": "fuzzy"},
        {"state": "half-open"},
        {"visibility": "sometimes"},
        {"level": "OWNER"},
        {"limit": -1},
        {"first_page_size": 0},
        {"first_page_size": 1001},
        {"archival_state": "live", "project": PROJ},
        {"archival_state": "live", "classname": "file"},
        {"created_after": "yesterday-ish"},
    ],
)
def test_bad_arguments_raise_before_any_request(dx_test_context: Any, kwargs: dict) -> None:
    with pytest.raises(DXError):
        dxpy.find_data_objects(**kwargs)
    assert dx_test_context.requests == []


def test_folder_without_project_needs_a_context(dx_test_context: Any, dx_context: Any) -> None:
    dxpy.set_job_id(None)
    dxpy.set_workspace_id(None)
    dxpy.set_project_context(None)
    with pytest.raises(DXError, match="folder"):
        dxpy.find_data_objects(folder="/x")
    assert dx_test_context.requests == []


def test_find_projects_query_shape(dx_test_context: Any) -> None:
    _empty_pages(dx_test_context, 1)
    list(dxpy.find_projects(name="p", name_mode="regexp", properties={"a": "b"}, tags=["t"], level="VIEW",
                            describe=True, explicit_perms=True, region="r", public=False, created_after=1,
                            created_before=2, billed_to="org-x", limit=4, containsPHI=True,
                            externalUploadRestricted=False))
    assert dx_test_context.requests[0].json() == {
        "name": {"regexp": "p"}, "properties": {"a": "b"}, "tags": {"$and": ["t"]}, "level": "VIEW",
        "describe": True, "explicitPermission": True, "public": False, "created": {"after": 1, "before": 2},
        "region": "r", "billTo": "org-x", "containsPHI": True, "externalUploadRestricted": False, "limit": 4,
    }
    with pytest.raises(DXError):
        dxpy.find_projects(level="SUPERUSER")


def test_find_executions_query_shape(dx_test_context: Any) -> None:
    _empty_pages(dx_test_context, 1)
    server = dx_test_context
    list(dxpy.find_executions(classname="job", launched_by="user-x", executable=APPLET, project=PROJ,
                              state="done", origin_job=JOB, parent_job=JOB, parent_analysis=ANALYSIS,
                              root_execution=JOB, created_after=1, created_before=2, describe={"io": False},
                              name="n*", name_mode="glob", tags=["t"], properties={"p": "v"}, limit=5,
                              first_page_size=3, include_subjobs=False, include_restarted=True))
    assert server.requests[0].path == "/system/findExecutions"
    assert server.requests[0].json() == {
        "class": "job", "launchedBy": "user-x", "executable": APPLET, "project": PROJ, "state": "done",
        "originJob": JOB, "parentJob": JOB, "parentAnalysis": ANALYSIS, "rootExecution": JOB,
        "created": {"after": 1, "before": 2}, "describe": {"io": False}, "name": {"glob": "n*"},
        "tags": {"$and": ["t"]}, "properties": {"p": "v"}, "includeSubjobs": False, "includeRestarted": True,
        "limit": 3,
    }
    server.reset()
    _empty_pages(server, 1)
    list(dxpy.find_executions(no_parent_job=True, no_parent_analysis=True))
    assert server.requests[0].json() == {"parentJob": None, "parentAnalysis": None, "limit": 100}
    server.reset()
    _empty_pages(server, 2)
    list(dxpy.find_jobs(project=PROJ))
    list(dxpy.find_analyses(project=PROJ))
    assert [q.json()["class"] for q in server.requests] == ["job", "analysis"]
    for bad in ({"parent_job": JOB, "no_parent_job": True},
                {"parent_analysis": ANALYSIS, "no_parent_analysis": True},
                {"classname": "applet"}):
        with pytest.raises(DXError):
            dxpy.find_executions(**bad)


def test_find_executions_return_handler_uses_the_registry(dx_test_context: Any) -> None:
    dx_test_context.queue(reply(json={"results": [{"id": JOB}], "next": None}))
    results = dxpy.find_jobs(return_handler=True)
    try:
        dxpy.bindings.handler_class_for("job")
    except DXError:
        with pytest.raises(DXError, match="job"):
            list(results)
    else:
        assert [h.get_id() for h in results] == [JOB]


def test_find_apps_and_global_workflows_query_shape(dx_test_context: Any) -> None:
    _empty_pages(dx_test_context, 1)
    server = dx_test_context
    list(dxpy.find_apps(name="bwa*", name_mode="glob", category="c", all_versions=True, published=True,
                        billed_to="org-x", created_by="user-x", developer="user-d", created_after=1,
                        created_before=2, modified_after=3, modified_before=4, describe=True, limit=2,
                        first_page_size=7))
    assert server.requests[0].path == "/system/findApps"
    assert server.requests[0].json() == {
        "name": {"glob": "bwa*"}, "category": "c", "allVersions": True, "published": True, "billTo": "org-x",
        "createdBy": "user-x", "developer": "user-d", "modified": {"after": 3, "before": 4},
        "created": {"after": 1, "before": 2}, "describe": True, "limit": 2,
    }
    server.reset()
    _empty_pages(server, 1)
    list(dxpy.find_global_workflows(name="wf"))
    assert server.requests[0].path == "/system/findGlobalWorkflows"
    assert server.requests[0].json() == {"name": "wf", "limit": 100}
    server.reset()
    two_apps = {"results": [{"id": "app-" + "a" * 24}, {"id": "app-" + "b" * 24}], "next": None}
    server.queue(reply(json=two_apps))
    assert dxpy.find_one_app(name="x")["id"] == "app-" + "a" * 24
    assert server.requests[0].json() == {"name": "x", "limit": 1}
    server.reset()
    server.queue(reply(json=two_apps))
    with pytest.raises(DXSearchError):
        dxpy.find_one_app(name="x", more_ok=False)
    assert server.requests[0].json()["limit"] == 2


def test_org_searches_query_shape(dx_test_context: Any) -> None:
    _empty_pages(dx_test_context, 4)
    server = dx_test_context
    list(dxpy.find_orgs({"level": "ADMIN", "describe": True}))
    list(dxpy.org_find_members("org-acme", level="MEMBER", describe=True))
    list(dxpy.org_find_projects("org-acme", name="p*", name_mode="glob", ids=[PROJ], properties={"a": "b"},
                                tags=["t"], describe=True, public=True, created_after=1, created_before=2,
                                region="r", containsPHI=False))
    list(dxpy.org_find_apps("org-acme", name="a", authorized_user="user-x", all_versions=True, limit=3,
                            first_page_size=2))
    paths = [q.path for q in server.requests]
    assert paths == [
        "/system/findOrgs", "/org-acme/findMembers", "/org-acme/findProjects", "/org-acme/findApps"
    ]
    bodies = [q.json() for q in server.requests]
    assert bodies[0] == {"level": "ADMIN", "describe": True, "limit": 10}
    assert bodies[1] == {"level": "MEMBER", "describe": True, "limit": 100}
    assert bodies[2] == {"name": {"glob": "p*"}, "id": [PROJ], "properties": {"a": "b"},
                         "tags": {"$and": ["t"]}, "describe": True, "public": True,
                         "created": {"after": 1, "before": 2}, "region": "r",
                         "containsPHI": False, "limit": 100}
    assert bodies[3] == {"name": "a", "allVersions": True, "authorizedUser": "user-x", "limit": 2}
    for bad in (lambda: dxpy.org_find_members("acme"), lambda: dxpy.org_find_members("org-a", level="OWNER"),
                lambda: dxpy.find_orgs("MEMBER")):
        with pytest.raises(DXError):
            bad()


# -- time inputs --------------------------------------------------------------------------------------


def test_normalize_time_input() -> None:
    now = int(time.time() * 1000)
    assert normalize_time_input(5) == 5
    assert normalize_time_input("5") == 5
    assert normalize_time_input("2020-01-01") == 1577836800000
    assert normalize_time_input("2020-01-01 10:00") == 1577872800000
    assert normalize_time_input("2020-01-01T10:00:30") == 1577872830000
    assert normalize_time_input("1h") == 3600 * 1000
    day_ago = normalize_time_input("-1d")
    assert abs(day_ago - (now - 86400 * 1000)) < 60 * 1000
    assert abs(normalize_time_input(-10) - (now - 10)) < 60 * 1000
    assert abs(normalize_time_input("2w", future=True) - (now + 14 * 86400 * 1000)) < 60 * 1000
    assert normalize_time_input("3", default_unit="s") == 3000
    for bad in ("soon", "1q", "2020-13-45"):
        with pytest.raises(DXError):
            normalize_time_input(bad)
    with pytest.raises(DXError):
        normalize_time_input(1, default_unit="fortnight")


def test_normalize_timedelta() -> None:
    assert normalize_timedelta(5) == 5000
    assert normalize_timedelta("5") == 5000
    assert normalize_timedelta("1d") == 86400 * 1000
    assert normalize_timedelta("-3h") == -3 * 3600 * 1000
    assert normalize_timedelta("1M") == 30 * 86400 * 1000
    assert normalize_timedelta("1y") == 365 * 86400 * 1000
    with pytest.raises(DXError):
        normalize_timedelta("a while")


def test_id_sort_and_modified_filters_through_the_emulator(dx_project: str) -> None:
    made = [dxpy.new_dxrecord(name=f"s{i}") for i in range(3)]
    wanted = [made[0].get_id(), made[2].get_id()]
    got = [r["id"] for r in dxpy.find_data_objects(project=dx_project, ids=wanted)]
    assert sorted(got) == sorted(wanted)
    dxpy.DXRecord(made[1].get_id()).rename("touched later")  # distinct modified times need not exist,
    fields = {"fields": {"modified": True}}             # so check the order of the returned values
    for ordering, expect_sorted in (("ascending", sorted), ("descending", lambda v: sorted(v, reverse=True))):
        found = list(dxpy.find_data_objects(project=dx_project, describe=fields,
                                            sort_by={"field": "modified", "ordering": ordering}))
        times = [r["describe"]["modified"] for r in found]
        assert len(times) == 3 and times == expect_sorted(times)
    assert [r["id"] for r in dxpy.find_projects(ids=[dx_project])] == [dx_project]
    assert [r["id"] for r in dxpy.find_projects(ids=[dx_project], modified_after=-3600_000)] == [dx_project]
    assert list(dxpy.find_projects(ids=[dx_project], modified_before=1)) == []
    for bad in ({"ids": "record-x"}, {"sort_by": {"field": "name"}},
                {"sort_by": {"field": "created", "ordering": "up"}}):
        with pytest.raises(DXError):
            dxpy.find_data_objects(**bad)
    with pytest.raises(DXError):
        dxpy.find_projects(ids=dx_project)


def test_id_sort_and_modified_query_shape(dx_test_context: Any) -> None:
    _empty_pages(dx_test_context, 2)
    list(dxpy.find_data_objects(project=PROJ, ids=[dxpy.DXRecord("record-" + "1" * 24, project=PROJ)],
                                sort_by={"field": "created", "ordering": "descending"}))
    list(dxpy.find_projects(ids=[PROJ], modified_after=5, modified_before=9))
    first, second = (q.json() for q in dx_test_context.requests)
    assert first["id"] == ["record-" + "1" * 24]
    assert first["sortBy"] == {"field": "created", "ordering": "descending"}
    assert second == {"id": [PROJ], "modified": {"after": 5, "before": 9}, "limit": 100}


def test_app_and_global_workflow_searches_through_the_emulator(dx_project: str) -> None:
    # the emulator has no apps or global workflows: every valid query finds nothing
    assert list(dxpy.find_apps("bwa*", "glob", all_versions=True, describe=True, first_page_size=3)) == []
    assert list(dxpy.find_global_workflows(name="wf", published=True, created_after="-1d")) == []
    assert dxpy.find_one_app(name="bwa", zero_ok=True) is None
    with pytest.raises(DXSearchError, match="none"):
        dxpy.find_one_app(name="bwa")


# -- issue: compatibility, items 5 and 9 ----------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda: dxpy.find_one_project(1),
    lambda: dxpy.find_one_project(zero_ok="yes"),
    lambda: dxpy.find_one_data_object(more_ok=0),
    lambda: dxpy.find_one_app("False"),
])
def test_find_one_refuses_a_non_bool_zero_ok_or_more_ok_before_any_request(dx_test_context, call):
    with pytest.raises(DXError, match="must be True or False"):
        call()
    assert dx_test_context.requests == []


def test_find_one_search_errors_name_the_query(dx_test_context):
    from tests._support.testserver import reply

    dx_test_context.queue(reply(json={"results": [], "next": None}))
    with pytest.raises(DXSearchError) as info:
        dxpy.find_one_data_object(name="missing-thing", classname="record", auth=("user", "pw"))
    assert "Expected one result, but found none: " in str(info.value)
    assert "'name': 'missing-thing'" in str(info.value) and "'classname': 'record'" in str(info.value)
    assert "pw" not in str(info.value)
