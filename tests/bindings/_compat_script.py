"""A script written for upstream dxpy: projects, folders, records, searches, paths.

It uses only names and behaviour that upstream dxpy 0.417.1 has, so it must run
unchanged with either client against the emulator::

    python -m dxpy.emulator exec -- python tests/bindings/_compat_script.py
    python -m dxpy.emulator exec -- /path/to/upstream/python tests/bindings/_compat_script.py

It prints one JSON line ``{"ok": true, "user": ..., "checks": N}`` and exits 0.
"""
import json
import sys
import time

import dxpy
from dxpy.exceptions import DXAPIError, DXError, DXSearchError, ResourceNotFound
from dxpy.utils import resolver
from dxpy.utils.resolver import ResolutionError, resolve_existing_path, resolve_path

CHECKS = [0]


def check(cond, what):
    CHECKS[0] += 1
    if not cond:
        raise AssertionError(what)


def raises(exc_type, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc_type as exc:
        CHECKS[0] += 1
        return exc
    raise AssertionError("{} did not raise {}".format(getattr(fn, "__name__", fn), exc_type.__name__))


proj = dxpy.PROJECT_CONTEXT_ID
project = dxpy.DXProject(proj)
check(dxpy.DXProject().get_id() == proj, "default DXProject is the project context")

# -- records: the original tour ----------------------------------------------------------
project.new_folder("/results/run1", parents=True)
rec = dxpy.new_dxrecord(name="sample.json", details={"reads": 12}, folder="/results/run1",
                        tags=["qc"], properties={"batch": "7"}, types=["Sample"])
rec.add_tags(["reviewed"])
rec.set_properties({"lane": "3"})
rec.close()
desc = rec.describe(incl_properties=True)
check(desc["properties"] == {"batch": "7", "lane": "3"}, desc)
check(desc["state"] == "closed" and desc["tags"] == ["qc", "reviewed"], desc)
check(rec.get_details() == {"reads": 12}, "details")

found = list(dxpy.find_data_objects(classname="record", tags=["qc"], project=proj, folder="/results",
                                    recurse=True, describe=True))
check([f["describe"]["name"] for f in found] == ["sample.json"], found)
one = dxpy.find_one_data_object(name="sample.*", name_mode="glob", project=proj, return_handler=True)
check(one.get_id() == rec.get_id(), one)
check(dxpy.find_one_data_object(name="absent", project=proj, zero_ok=True) is None, "zero_ok")

listing = project.list_folder("/results/run1", describe=True)
check([o["describe"]["name"] for o in listing["objects"]] == ["sample.json"], listing)

other = dxpy.DXProject(dxpy.api.project_new({"name": "scratch copy"})["id"])
project.clone(other.get_id(), objects=[rec.get_id()], destination="/")
copy = dxpy.DXRecord(rec.get_id(), project=other.get_id())
check(copy.describe()["folder"] == "/", "clone lands in /")
check(sorted(rec.list_projects()) == sorted([proj, other.get_id()]), "list_projects")

name = project.describe()["name"]
p, folder, entity = resolve_existing_path(name + ":/results/run1/sample.json")
check((p, entity["id"]) == (proj, rec.get_id()), (p, entity))
check(resolve_path("/results/run1/") == (proj, "/results/run1", None), "resolve_path folder")
check(dxpy.describe(dxpy.dxlink(rec.get_id(), proj))["name"] == "sample.json", "describe(link)")
check(dxpy.get_handler(rec.get_id()).describe()["id"] == rec.get_id(), "get_handler")
projects = [r["id"] for r in dxpy.find_projects(name="scratch copy", level="VIEW")]
check(other.get_id() in projects, projects)

# -- DXRecord lifecycle ------------------------------------------------------------------
life = dxpy.DXRecord()
life.new(name="life", details=["a", 1], folder="/life", parents=True, hidden=True,
         properties={"k": "v"}, tags=["t"], types=["T1"])
check(life.get_proj_id() == proj, life)
check(life.describe()["hidden"] is True, "hidden at creation")
life.unhide()
check(life.describe()["hidden"] is False, "unhide")
life.hide()
check(life.describe(fields={"hidden": True})["hidden"] is True, "hide")
life.add_types(["T2"])
life.remove_types(["T1"])
life.set_details({"replaced": True})
life.rename("life renamed")
life.remove_tags(["t"])
life.set_properties({"k": None, "n": "1"})
d = life.describe(incl_details=True, incl_properties=True)
check(d["types"] == ["T2"] and d["name"] == "life renamed" and d["tags"] == [], d)
check(d["details"] == {"replaced": True} and d["properties"] == {"n": "1"}, d)
check(life.get_properties() == {"n": "1"}, "get_properties")
only = life.describe(fields={"name"})
check(only == {"id": life.get_id(), "name": "life renamed"}, only)
both_kinds = life.describe(fields={"name"}, default_fields=True)
check(set(both_kinds) >= {"id", "name", "state", "folder"}, both_kinds)
project.new_folder("/moved")
life.move("/moved")
check(life.describe()["folder"] == "/moved", "move")
life.close()
check(life.describe()["state"] == "closed", "close")
raises(DXAPIError, life.set_details, {"x": 1})          # closed: InvalidState
cloned = life.clone(other.get_id(), folder="/")
check(isinstance(cloned, dxpy.DXRecord) and cloned.get_proj_id() == other.get_id(), cloned)
check(cloned.describe()["name"] == "life renamed", "clone keeps the name")
via_link = dxpy.DXRecord(dxpy.dxlink(life.get_id(), other.get_id()))
check(via_link.get_proj_id() == other.get_id(), "project taken from the link")
check(str(life.get_id()) in repr(life) and "DXRecord" in repr(life), repr(life))
life.remove()
check(life.get_id() is None, "remove unbinds")
# the project is only a hint to describe: the remaining copy answers
check(dxpy.DXRecord(cloned.get_id(), project=proj).describe()["project"] == other.get_id(), "hint")
stays = dxpy.DXRecord(cloned.get_id(), project=other.get_id()).describe()
check(stays["id"] == cloned.get_id(), "copy stays")

closed_at_birth = dxpy.new_dxrecord(name="born closed", close=True)
check(closed_at_birth.describe()["state"] == "closed", "close=True")
init = dxpy.new_dxrecord(init_from=closed_at_birth, name="init")
check(init.describe()["name"] == "init" and init.describe()["state"] == "open", "init_from")
raises(DXError, dxpy.DXRecord, "record-123")
raises(DXError, dxpy.DXRecord, "file-" + "A" * 24)
raises(ResourceNotFound, dxpy.DXRecord("record-" + "A" * 24, project=proj).describe)

# -- helpers ------------------------------------------------------------------------------
rid = rec.get_id()
check(dxpy.dxlink(rid) == {"$dnanexus_link": rid}, "dxlink")
check(dxpy.dxlink(rid, proj) == {"$dnanexus_link": {"project": proj, "id": rid}}, "dxlink project")
check(dxpy.is_dxlink(dxpy.dxlink(rid)) and not dxpy.is_dxlink(rid), "is_dxlink")
check(dxpy.get_dxlink_ids(dxpy.dxlink(rid, proj)) == (rid, proj), "get_dxlink_ids")
check(dxpy.get_dxlink_ids(dxpy.dxlink(rid)) == (rid, None), "get_dxlink_ids bare")
check(dxpy.get_details(rid) == {"reads": 12}, "get_details")
check(isinstance(dxpy.get_handler(proj), dxpy.DXProject), "get_handler project")
check(dxpy.get_handler(rid, project=other.get_id()).get_proj_id() == other.get_id(), "get_handler project=")
raises(DXError, dxpy.get_handler, "nonsense")
dxpy.verify_string_dxid(rid, "record")
raises(DXError, dxpy.verify_string_dxid, rid, "file")
check(dxpy.whoami().startswith("user-"), "whoami")
scrap = dxpy.new_dxrecord(name="scrap")
dxpy.remove(dxpy.dxlink(scrap.get_id(), proj))
raises(ResourceNotFound, scrap.describe)

# -- DXProject folder operations ------------------------------------------------------------
project.new_folder("/tree/a/b", parents=True)
project.new_folder("/tree/c")
raises(ResourceNotFound, project.new_folder, "/nowhere/x")
r1 = dxpy.new_dxrecord(name="r1", folder="/tree/a")
r2 = dxpy.new_dxrecord(name="r2", folder="/tree/a", hidden=True)
check(project.list_folder("/tree")["folders"] == ["/tree/a", "/tree/c"], "list folders")
lst = project.list_folder("/tree/a")
check([o["id"] for o in lst["objects"]] == [r1.get_id()] and lst["folders"] == ["/tree/a/b"], lst)
lst = project.list_folder("/tree/a", includeHidden=True, only="objects")
check(sorted(o["id"] for o in lst["objects"]) == sorted([r1.get_id(), r2.get_id()]), lst)
check("objects" not in project.list_folder("/tree/a", only="folders") or
      project.list_folder("/tree/a", only="folders")["objects"] == [], "only folders")
project.move("/tree/c", objects=[r1.get_id()], folders=["/tree/a/b"])
check(r1.describe()["folder"] == "/tree/c", "move objects")
check(project.list_folder("/tree/c")["folders"] == ["/tree/c/b"], "move folders")
project.move_folder("/tree/c/b", "/tree")
check("/tree/b" in project.list_folder("/tree")["folders"], "move_folder")
project.remove_objects([r2.get_id()])
raises(ResourceNotFound, r2.describe)
project.remove_objects([r2.get_id()], force=True)
raises(DXAPIError, project.remove_folder, "/tree")       # not empty: InvalidState
project.remove_folder("/tree/b")
project.remove_folder("/tree", recurse=True)
raises(ResourceNotFound, project.list_folder, "/tree")
project.remove_folder("/tree", force=True)

# -- DXProject settings, clone of folders between projects ----------------------------------
pnew = dxpy.DXProject()
pid = pnew.new("compat settings", summary="s", description="d", tags=["pt"], properties={"pk": "pv"})
check(pid == pnew.get_id(), "new returns the ID")
pnew.update(name="compat settings 2", protected=True)
pdesc = pnew.describe()
check((pdesc["name"], pdesc["protected"], pdesc["level"]) == ("compat settings 2", True, "ADMINISTER"), pdesc)
pnew.set_properties({"pk": None, "q": "1"})
check(pnew.describe(input_params={"properties": True})["properties"] == {"q": "1"}, "project properties")
project.new_folder("/tocopy/inner", parents=True)
kept = dxpy.new_dxrecord(name="kept", folder="/tocopy/inner", close=True)
resp = project.clone(pid, folders=["/tocopy"], destination="/dest", parents=True)
check(resp["project"] == pid, resp)
check(pnew.list_folder("/dest/tocopy/inner")["objects"] == [{"id": kept.get_id()}], "folder clone")
again = project.clone(pid, objects=[kept.get_id()], destination="/")
check(again.get("exists") == [kept.get_id()], again)
pnew.destroy()
raises(ResourceNotFound, pnew.describe)

# -- searches with filters, paging over many pages -----------------------------------------
project.new_folder("/many")
start_ms = int(time.time() * 1000) - 60000
made = [dxpy.new_dxrecord(name=f"item{i:02d}", folder="/many", types=["Many"],
                          properties={"parity": str(i % 2)}, tags=["even"] if i % 2 == 0 else [])
        for i in range(25)]
pages = list(dxpy.find_data_objects(project=proj, folder="/many", first_page_size=2))
check(len(pages) == 25 and len({r["id"] for r in pages}) == 25, len(pages))
limited = list(dxpy.find_data_objects(project=proj, folder="/many", limit=7, first_page_size=2))
check(len(limited) == 7, "limit")
odd = list(dxpy.find_data_objects(project=proj, properties={"parity": "1"}, typename="Many"))
check(len(odd) == 12, len(odd))
evens = list(dxpy.find_data_objects(project=proj, tags=["even"], classname="record", name="item*",
                                    name_mode="glob", describe={"fields": {"name": True}}))
check(len(evens) == 13 and all(e["describe"]["name"].startswith("item") for e in evens), evens[:2])
rx = list(dxpy.find_data_objects(project=proj, name="^item0[0-4]$", name_mode="regexp"))
check(len(rx) == 5, rx)
check(len(list(dxpy.find_data_objects(project=proj, folder="/many", created_after=start_ms))) == 25, "after")
check(list(dxpy.find_data_objects(project=proj, folder="/many", created_before=start_ms)) == [], "before")
check(list(dxpy.find_data_objects(project=proj, name="item00", visibility="hidden")) == [], "visibility")
check(len(list(dxpy.find_data_objects(project=proj, folder="/many", state="open"))) == 25, "state")
hs = list(dxpy.find_data_objects(project=proj, name="item01", return_handler=True))
check(len(hs) == 1 and isinstance(hs[0], dxpy.DXRecord) and hs[0].get_proj_id() == proj, hs)
raises(DXSearchError, dxpy.find_one_data_object, project=proj, typename="Many", more_ok=False)
raises(DXSearchError, dxpy.find_one_data_object, project=proj, name="nothing here")
check(dxpy.find_one_project(name="scratch copy")["id"] == other.get_id(), "find_one_project")
check(dxpy.find_one_project(name="no such project", zero_ok=True) is None, "find_one_project zero_ok")
tagged = [r["id"] for r in dxpy.find_projects(tags=["pt"], describe=True)]
check(pid not in tagged, "destroyed project not found")
res = dxpy.resolve_data_objects([{"name": "item03", "folder": "/many"}, {"name": "nope"}], project=proj)
check([len(x) for x in res] == [1, 0] and res[0][0]["id"] == made[3].get_id(), res)

# -- resolver: paths, escaping, ambiguity ---------------------------------------------------
project.new_folder("/odd: dir", parents=True)
weird = dxpy.new_dxrecord(name="a:b/c", folder="/odd: dir")
p, f, e = resolve_existing_path("/odd\\: dir/a\\:b\\/c")
check((p, f, e["id"]) == (proj, None, weird.get_id()), e)
p, f, e = resolve_existing_path(proj + ":/odd\\: dir/a\\:b\\/c")
check(e["id"] == weird.get_id(), e)
check(resolve_path("/odd\\: dir/a\\:b\\/c") == (proj, "/odd: dir", "a:b/c"), "resolve_path escapes")
check(resolve_existing_path(proj + ":/odd\\: dir") == (proj, "/odd: dir", None), "folder")
dup1 = dxpy.new_dxrecord(name="twin", folder="/odd: dir")
dup2 = dxpy.new_dxrecord(name="twin", folder="/odd: dir")
raises(ResolutionError, resolve_existing_path, "/odd\\: dir/twin")
p, f, both = resolve_existing_path("/odd\\: dir/twin", ask_to_resolve=False)
check(sorted(x["id"] for x in both) == sorted([dup1.get_id(), dup2.get_id()]), both)
p, f, both = resolve_existing_path("/odd\\: dir/twin", allow_mult=True, all_mult=True)
check(len(both) == 2, both)
p, f, e = resolve_existing_path(proj + ":" + weird.get_id())
check(e["id"] == weird.get_id(), e)
raises(ResolutionError, resolve_existing_path, "/odd\\: dir/missing")
raises(ResolutionError, resolve_existing_path, "no such project here:/x")
check(resolve_existing_path(proj + ":/not/yet/", expected="folder") == (proj, "/not/yet", None), "unchecked")
multi = resolver.resolve_multiple_existing_paths(
    ["/odd\\: dir/a\\:b\\/c", "/odd\\: dir/", "/odd\\: dir/none"])
check(multi["/odd\\: dir/a\\:b\\/c"]["name"]["id"] == weird.get_id(), multi)
check(multi["/odd\\: dir/"] == {"project": proj, "folder": "/odd: dir", "name": None}, multi)
check(multi["/odd\\: dir/none"] == {"project": None, "folder": None, "name": None}, multi)
err = raises(ResolutionError, resolve_existing_path, "/odd\\: dir/none")
check("none" in err.msg, err.msg)
check(resolve_path(":/x/y") == (proj, "/x", "y"), "empty project part")
check(resolve_path(proj + ":") == (proj, "/", None), "project only")
check(resolver.resolve_container_id_or_name(name) == proj, "project by name")
check(resolver.resolve_container_id_or_name("no such project here") is None, "unknown project")
check(resolver.split_unescaped("/", "a\\/b/c") == ["a\\/b", "c"], "split_unescaped")
check(resolver.is_container_id(proj) and resolver.is_hashid(rid) and not resolver.is_hashid("x"), "is_*")
check(resolver.is_data_obj_id(rid) and not resolver.is_data_obj_id(proj), "is_data_obj_id")
check(resolver.is_job_id("job-" + "A" * 24) and resolver.is_jbor_str("job-" + "A" * 24 + ":out"), "jbor")

# -- module helpers on lists, upstream keyword styles ------------------------------------------
descs = dxpy.describe([rec.get_id(), dxpy.dxlink(weird.get_id(), proj)])
check([d["name"] for d in descs] == ["sample.json", "a:b/c"], descs)
check(dxpy.describe(rec.get_id(), fields={"name"}) == {"id": rec.get_id(), "name": "sample.json"}, "fields")
check([x["id"] for x in dxpy.find_projects(name)] == [proj], "find_projects positional name")
check(project.describe(input_params={"fields": {"name": True}}) == {"id": proj, "name": name}, "input_params")
doomed = dxpy.DXProject(dxpy.api.project_new({"name": "doomed"})["id"])
doomed.destroy(input_params={"terminateJobs": True})
raises(ResourceNotFound, doomed.describe)
found_ids = [h.get_id() for h in dxpy.find_projects(name="scratch*", name_mode="glob", return_handler=True)]
check(other.get_id() in found_ids, found_ids)

other.destroy()
project.remove_folder("/results", recurse=True)
print(json.dumps({"ok": True, "user": dxpy.whoami(), "checks": CHECKS[0]}))
sys.exit(0)
