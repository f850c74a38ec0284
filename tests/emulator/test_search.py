"""Emulator search routes: findDataObjects, findProjects, resolveDataObjects, describeDataObjects."""

from __future__ import annotations

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from dxpy.emulator._routes import search as _routes_search
from dxpy.emulator._routes.search import glob_to_sqlite
from tests.emulator._datahelp import new_project, new_record, other_user  # noqa: F401


def find(project: str, **query) -> list:
    body = {"scope": {"project": project}}
    body.update(query)
    return [r["id"] for r in api.system_find_data_objects(body)["results"]]


@pytest.fixture(params=["driven", "index walk"])
def plan(request, monkeypatch) -> str:
    """Run a test with both page plans: from the most selective filter, or along the index."""
    if request.param == "index walk":
        monkeypatch.setattr(_routes_search, "DRIVE_THRESHOLD", -1)
    return str(request.param)


@pytest.fixture
def corpus(dx_project: str, plan: str) -> dict:
    """A small varied set of records in dx_project."""
    ids = {}
    api.project_new_folder(dx_project, {"folder": "/a/b", "parents": True})
    ids["alpha"] = new_record(dx_project, name="alpha.bam", tags=["x", "y"], types=["Reads"],
                              properties={"k": "1", "z": "9"}, close=True)
    ids["beta"] = new_record(dx_project, name="beta.bam", tags=["x"], types=["Reads", "BAM"],
                             properties={"k": "2"}, folder="/a")
    ids["gamma"] = new_record(dx_project, name="Gamma.txt", tags=["y"], folder="/a/b",
                              details={"l": {"$dnanexus_link": ids["alpha"]}})
    ids["hidden"] = new_record(dx_project, name="hidden.bam", hidden=True, close=True)
    ids["star"] = new_record(dx_project, name="lit*eral?", folder="/a/b")
    return ids


def test_visibility_and_state(dx_project: str, corpus: dict) -> None:
    visible = {corpus[k] for k in ("alpha", "beta", "gamma", "star")}
    assert set(find(dx_project)) == visible
    assert find(dx_project, visibility="hidden") == [corpus["hidden"]]
    assert set(find(dx_project, visibility="either")) == visible | {corpus["hidden"]}
    assert find(dx_project, state="closed") == [corpus["alpha"]]
    assert set(find(dx_project, state="open")) == visible - {corpus["alpha"]}
    assert find(dx_project, **{"class": "file"}) == []
    assert set(find(dx_project, **{"class": "record"})) == visible
    with pytest.raises(exc.InvalidInput):
        find(dx_project, state="done")
    with pytest.raises(exc.InvalidInput):
        find(dx_project, visibility="all")


def test_name_filters(dx_project: str, corpus: dict) -> None:
    assert find(dx_project, name="alpha.bam") == [corpus["alpha"]]
    assert set(find(dx_project, name={"glob": "*.bam"})) == {corpus["alpha"], corpus["beta"]}
    assert find(dx_project, name={"glob": "?eta.bam"}) == [corpus["beta"]]
    assert find(dx_project, name={"glob": "lit\\*eral\\?"}) == [corpus["star"]]
    assert find(dx_project, name={"glob": "lit\\*eral"}) == []
    assert find(dx_project, name={"regexp": "^gamma"}) == []
    assert find(dx_project, name={"regexp": "^gamma", "flags": "i"}) == [corpus["gamma"]]
    for bad in ({"glob": 1}, {"regexp": "("}, {"regexp": "a", "flags": "q"}, 7):
        with pytest.raises(exc.InvalidInput):
            find(dx_project, name=bad)


def test_glob_translation() -> None:
    assert glob_to_sqlite("a*b?") == "a*b?"
    assert glob_to_sqlite("a\\*b\\?c[d]") == "a[*]b[?]c[[]d]"


def test_id_types_tags_properties_link(dx_project: str, corpus: dict) -> None:
    assert find(dx_project, id=[corpus["beta"], corpus["hidden"]]) == [corpus["beta"]]
    assert set(find(dx_project, type="Reads")) == {corpus["alpha"], corpus["beta"]}
    assert find(dx_project, type={"$and": ["Reads", "BAM"]}) == [corpus["beta"]]
    assert set(find(dx_project, type={"$or": ["BAM", {"$and": ["Reads"]}]})) == {corpus["alpha"],
                                                                               corpus["beta"]}
    assert set(find(dx_project, tags={"$and": ["x", "y"]})) == {corpus["alpha"]}
    either = {corpus["alpha"], corpus["beta"], corpus["gamma"]}
    assert set(find(dx_project, tags={"$or": ["x", "y"]})) == either
    assert set(find(dx_project, tag="y")) == {corpus["alpha"], corpus["gamma"]}
    assert set(find(dx_project, properties={"k": True})) == {corpus["alpha"], corpus["beta"]}
    assert find(dx_project, properties={"k": "2"}) == [corpus["beta"]]
    assert find(dx_project, properties={"k": "1", "z": True}) == [corpus["alpha"]]
    assert set(find(dx_project, properties={"$or": [{"k": "2"}, {"z": "9"}]})) == {corpus["alpha"],
                                                                                 corpus["beta"]}
    assert find(dx_project, properties={"$and": [{"k": True}, {"z": False}]}) == [corpus["beta"]]
    assert find(dx_project, link=corpus["alpha"]) == [corpus["gamma"]]
    for key, bad in (("type", 3), ("tags", {"$xor": ["a"]}), ("tags", {"$and": []}),
                     ("properties", {"k": 3}), ("id", ["nonsense"]), ("link", 5)):
        with pytest.raises(exc.InvalidInput):
            find(dx_project, **{key: bad})


def test_scope_folder_recurse(dx_project: str, corpus: dict) -> None:
    under_a = {corpus["beta"], corpus["gamma"], corpus["star"]}
    assert set(find(dx_project, scope={"project": dx_project, "folder": "/a"})) == under_a
    flat = {"project": dx_project, "folder": "/a", "recurse": False}
    assert find(dx_project, scope=flat) == [corpus["beta"]]
    assert set(find(dx_project, scope={"project": dx_project, "folder": "/", "recurse": False})) == {
        corpus["alpha"]}
    with pytest.raises(exc.InvalidInput):
        find(dx_project, scope={"folder": "/a"})
    with pytest.raises(exc.ResourceNotFound):
        find(dx_project, scope={"project": "project-" + "0" * 24})


def test_created_modified_ranges_and_sort(dx_project: str, corpus: dict) -> None:
    descs = {k: api.record_describe(v) for k, v in corpus.items() if k != "hidden"}
    created = sorted((d["created"], d["id"]) for d in descs.values())
    first, last = created[0][0], created[-1][0]
    assert set(find(dx_project, created={"after": first, "before": last})) == {i for _, i in created}
    assert set(find(dx_project, created={"after": last})) == {i for c, i in created if c >= last}
    assert find(dx_project, created={"before": first - 1}) == []
    assert set(find(dx_project, modified={"after": first})) == {i for _, i in created}
    asc = find(dx_project, sortBy={"field": "created", "ordering": "ascending"})
    assert [descs_key for descs_key in asc] == [i for _, i in sorted(created, key=lambda t: (t[0], t[1]))]
    desc = find(dx_project, sortBy={"field": "created", "ordering": "descending"})
    assert desc == list(reversed(asc))
    with pytest.raises(exc.InvalidInput):
        find(dx_project, sortBy={"field": "name"})
    with pytest.raises(exc.InvalidInput):
        find(dx_project, created={"after": "yesterday"})


def test_default_order_is_newest_modified_first(dx_project: str) -> None:
    ids = [new_record(dx_project, name=str(i)) for i in range(4)]
    api.record_rename(ids[0], {"project": dx_project, "name": "touched"})
    found = find(dx_project)
    mods = [api.record_describe(i)["modified"] for i in found]
    assert mods == sorted(mods, reverse=True)
    newest = [i for i, m in zip(found, mods) if m == mods[0]]  # ties possible within one ms
    assert ids[0] in newest


@pytest.mark.parametrize("sort", [None, {"field": "created", "ordering": "ascending"},
                                  {"field": "modified", "ordering": "ascending"},
                                  {"field": "created", "ordering": "descending"}])
def test_paging_never_repeats(dx_project: str, sort, plan: str) -> None:
    made = {new_record(dx_project, name=f"p{i}", tags=["pg"]) for i in range(23)}
    new_record(dx_project, name="untagged")
    query: dict = {"scope": {"project": dx_project}, "tags": {"$and": ["pg"]}, "limit": 5}
    if sort:
        query["sortBy"] = sort
    seen: list = []
    pages = 0
    while True:
        out = api.system_find_data_objects(query)
        pages += 1
        seen.extend(r["id"] for r in out["results"])
        if out["next"] is None:
            break
        assert len(out["results"]) == 5
        query["starting"] = out["next"]
    assert pages == 5
    assert len(seen) == len(set(seen)) == 23 and set(seen) == made


def test_paging_across_projects(dx_project: str) -> None:
    other = new_project("second")
    mine = {new_record(dx_project) for _ in range(4)} | {new_record(other) for _ in range(4)}
    query: dict = {"limit": 3, "name": {"glob": "record-*"}}
    seen: list = []
    while True:
        out = api.system_find_data_objects(query)
        seen.extend((r["project"], r["id"]) for r in out["results"])
        if not out["next"]:
            break
        query["starting"] = out["next"]
    assert len(seen) == len(set(seen))
    assert mine <= {i for _, i in seen}
    projects = [p for p, _ in seen]
    assert projects == sorted(projects)  # grouped by project
    api.project_destroy(other)


def test_bad_paging_inputs(dx_project: str) -> None:
    for body in ({"limit": 0}, {"limit": "5"}, {"starting": "abc"}, {"starting": {"project": 1}},
                 {"level": "SUPER"}, {"describe": "yes"}):
        with pytest.raises(exc.InvalidInput):
            api.system_find_data_objects(body)


def test_describe_in_results(dx_project: str) -> None:
    rid = new_record(dx_project, name="d", properties={"p": "v"})
    out = api.system_find_data_objects({"scope": {"project": dx_project}, "describe": True})
    assert out["results"][0]["describe"]["name"] == "d" and out["results"][0]["project"] == dx_project
    out = api.system_find_data_objects({"scope": {"project": dx_project},
                                        "describe": {"fields": {"properties": True}}})
    expected = {"id": rid, "properties": {"p": "v"}}
    assert out["results"] == [{"project": dx_project, "id": rid, "describe": expected}]


def test_level_and_region(dx_project: str, other_user) -> None:  # noqa: F811
    rid = new_record(dx_project)
    api.project_invite(dx_project, {"invitee": other_user.user_id, "level": "VIEW"})
    with other_user:
        assert find(dx_project) == [rid]
        assert find(dx_project, level="UPLOAD") == []
        everywhere = api.system_find_data_objects({"level": "VIEW"})["results"]
        assert {r["id"] for r in everywhere} == {rid}
    assert find(dx_project, region="aws:us-east-1") == [rid]
    assert find(dx_project, region=["azure:westus"]) == []


def test_find_projects(dx_project: str, other_user) -> None:  # noqa: F811
    tagged = new_project("findme-1", tags=["blue"], properties={"team": "a"})
    plain = new_project("findme-2")
    names = {"name": {"glob": "findme-*"}}
    found = api.system_find_projects(names)["results"]
    assert {r["id"] for r in found} == {tagged, plain}
    assert all(r["level"] == "ADMINISTER" and r["public"] is False for r in found)
    assert [r["id"] for r in api.system_find_projects({"tags": {"$and": ["blue"]}})["results"]] == [tagged]
    assert [r["id"] for r in api.system_find_projects({"properties": {"team": "a"}})["results"]] == [tagged]
    assert [r["id"] for r in api.system_find_projects({"name": "findme-2"})["results"]] == [plain]
    assert [r["id"] for r in api.system_find_projects({"name": {"regexp": "FINDME-2$", "flags": "i"}})[
        "results"]] == [plain]
    described = api.system_find_projects({"name": "findme-1", "describe": {"fields": {"name": True}}})
    assert described["results"][0]["describe"] == {"id": tagged, "name": "findme-1"}
    created = api.project_describe(tagged)["created"]
    assert tagged in {r["id"] for r in api.system_find_projects({"created": {"after": created}})["results"]}
    api.project_invite(tagged, {"invitee": other_user.user_id, "level": "VIEW"})
    api.project_invite(plain, {"invitee": "PUBLIC", "level": "VIEW"})
    with other_user:
        assert api.system_find_projects(names)["results"] == []  # default level CONTRIBUTE
        view = api.system_find_projects({"level": "VIEW", **names})["results"]
        assert {r["id"] for r in view} == {tagged, plain}
        explicit = api.system_find_projects({"level": "VIEW", "explicitPermission": True, **names})["results"]
        assert [r["id"] for r in explicit] == [tagged]
        public = api.system_find_projects({"level": "VIEW", "public": True, **names})["results"]
        assert [(r["id"], r["public"]) for r in public] == [(plain, True)]
    for bad in ({"level": "X"}, {"limit": -1}, {"billTo": 3}):
        with pytest.raises(exc.InvalidInput):
            api.system_find_projects(bad)
    api.project_destroy(tagged)
    api.project_destroy(plain)


def test_find_projects_paging(dx_project: str) -> None:
    made = {new_project(f"pg-{i}") for i in range(7)}
    query: dict = {"name": {"glob": "pg-*"}, "limit": 3}
    seen: list = []
    while True:
        out = api.system_find_projects(query)
        seen.extend(r["id"] for r in out["results"])
        if out["next"] is None:
            break
        query["starting"] = out["next"]
    assert sorted(seen) == sorted(made)
    for pid in made:
        api.project_destroy(pid)


def test_resolve_data_objects(dx_project: str) -> None:
    api.project_new_folder(dx_project, {"folder": "/r"})
    one = new_record(dx_project, name="one", folder="/r")
    dup1 = new_record(dx_project, name="dup")
    dup2 = new_record(dx_project, name="dup")
    out = api.system_resolve_data_objects({
        "project": dx_project,
        "objects": [{"name": "one", "folder": "/r"}, {"name": "dup"}, {"name": "none"},
                    {"name": "one"}, {"name": "one", "project": dx_project, "folder": "/r/"}],
    })["results"]
    assert out[0] == [{"project": dx_project, "id": one}]
    assert sorted(r["id"] for r in out[1]) == sorted([dup1, dup2])
    assert out[2] == [] and out[3] == []
    assert out[4] == [{"project": dx_project, "id": one}]
    anywhere = api.system_resolve_data_objects({"objects": [{"name": "one"}]})["results"][0]
    assert {"project": dx_project, "id": one} in anywhere
    for bad in ({}, {"objects": [{"folder": "/"}]}, {"objects": [1]}, {"objects": [{"name": "x"}] * 1001}):
        with pytest.raises(exc.InvalidInput):
            api.system_resolve_data_objects(bad)


def test_describe_data_objects(dx_project: str) -> None:
    a = new_record(dx_project, name="a", properties={"p": "1"})
    b = new_record(dx_project, name="b")
    out = api.system_describe_data_objects({"objects": [
        {"id": a, "describe": True},
        {"id": b, "describe": {"name": True}},
        {"id": a, "project": dx_project, "describe": {"fields": {"properties": True}}},
    ]})["results"]
    assert out[0]["describe"]["name"] == "a" and "properties" not in out[0]["describe"]
    assert out[1]["describe"]["name"] == "b" and "state" in out[1]["describe"]
    assert out[2]["describe"] == {"id": a, "properties": {"p": "1"}}
    opts = api.system_describe_data_objects({"objects": [{"id": a}],
                                            "classDescribeOptions": {"record": {"details": True}}})
    assert opts["results"][0]["describe"]["details"] == {}
    with pytest.raises(exc.ResourceNotFound):
        api.system_describe_data_objects({"objects": [{"id": "record-" + "0" * 24}]})
    with pytest.raises(exc.InvalidInput):
        api.system_describe_data_objects({"objects": [{"id": "bad"}]})


SCALE_QUERIES = [
    {},
    {"tags": {"$and": ["odd"]}},
    {"properties": {"lane": "3"}},
    {"name": {"glob": "*.vcf"}},
    {"sortBy": {"field": "created", "ordering": "ascending"}},
    {"sortBy": {"field": "modified", "ordering": "ascending"}},
    {"class": "record", "state": "open", "visibility": "either"},
]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A store with one project of 3,000 records (written directly, as the benchmark does)."""
    from dxpy.emulator._data.store import Store
    from dxpy.emulator._routes.objects import create_object
    from dxpy.emulator._routes.projects import create_project

    store = Store(str(tmp_path_factory.mktemp("scale") / "db.sqlite"))
    with store.write() as db:
        pid = create_project(db, "user-x", "scale", 1)
        for i in range(3000):
            create_object(db, "user-x", "record", {
                "project": pid, "name": f"s{i}.{'bam' if i % 2 else 'vcf'}", "folder": f"/f{i % 30}",
                "parents": True, "tags": ["odd" if i % 2 else "even"], "properties": {"lane": str(i % 8)},
            }, 1000 + i)
    yield store, pid
    store.close()


@pytest.mark.parametrize("query", SCALE_QUERIES)
def test_unselective_pages_walk_the_index_without_sorting(big_store, query: dict, monkeypatch) -> None:
    from dxpy.emulator._routes.search import _Query

    monkeypatch.setattr(_routes_search, "DRIVE_THRESHOLD", 100)  # every filter here matches more
    store, pid = big_store
    with store.read() as db:
        q = _Query({"scope": {"project": pid}, **query})
        cursor = {"value": 2500, "id": "record-" + "0" * 24}
        for cur in (None, cursor):
            sql, args = q.page_sql(db, pid, cur, 1001)
            plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, args))
            assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan


def test_selective_filters_drive_the_page(big_store) -> None:
    from dxpy.emulator._routes.search import _Query

    store, pid = big_store
    with store.read() as db:
        for query in ({"name": "s7.bam"}, {"properties": {"lane": "3", "missing": True}},
                      {"id": ["record-" + "1" * 24]}):
            sql, args = _Query({"scope": {"project": pid}, **query}).page_sql(db, pid, None, 1001)
            assert "CROSS JOIN" in sql
            plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, args))
            assert "SCAN c" not in plan, plan


def test_find_apps_and_global_workflows_answer_empty_pages(dx_project: str) -> None:
    # dx describe NAME probes both routes; the platform answers an empty page when nothing matches.
    # (other tests of the session create apps: match a name none of them uses)
    query = {"name": {"glob": "no-such-app-*"}, "allVersions": True, "published": True, "describe": True,
             "limit": 10, "created": {"after": 0}}
    assert api.system_find_apps(query) == {"results": [], "next": None}
    assert api.system_find_global_workflows(query) == {"results": [], "next": None}
    with pytest.raises(exc.InvalidInput):
        api.system_find_apps({"name": 3})


def test_archival_state_filter(dx_project: str, dx_emulator) -> None:
    live = api.file_new({"project": dx_project, "name": "live.txt"})["id"]
    cold = api.file_new({"project": dx_project, "name": "cold.txt"})["id"]
    rid = new_record(dx_project)
    with dx_emulator.server.store.write() as db:  # no archive route yet: set the state directly
        db.execute("UPDATE objects SET extra=json_set(extra, '$.archivalState', 'archived') WHERE id=?",
                   (cold,))
    assert set(find(dx_project, archivalState="live")) == {live, rid}  # no archivalState means live
    assert find(dx_project, archivalState="archived", **{"class": "file"}) == [cold]
    assert set(find(dx_project, archivalState="any")) == {live, cold, rid}
    with pytest.raises(exc.InvalidInput):
        find(dx_project, archivalState="frozen")
