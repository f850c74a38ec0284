"""A script written for upstream dxpy: projects, folders, records, searches."""
import json
import sys

import dxpy
from dxpy.utils.resolver import resolve_existing_path, resolve_path

proj = dxpy.PROJECT_CONTEXT_ID
project = dxpy.DXProject(proj)
project.new_folder("/results/run1", parents=True)
rec = dxpy.new_dxrecord(name="sample.json", details={"reads": 12}, folder="/results/run1",
                        tags=["qc"], properties={"batch": "7"}, types=["Sample"])
rec.add_tags(["reviewed"])
rec.set_properties({"lane": "3"})
rec.close()
desc = rec.describe(incl_properties=True)
assert desc["properties"] == {"batch": "7", "lane": "3"}, desc
assert desc["state"] == "closed" and desc["tags"] == ["qc", "reviewed"], desc
assert rec.get_details() == {"reads": 12}

found = list(dxpy.find_data_objects(classname="record", tags=["qc"], project=proj, folder="/results",
                                    recurse=True, describe=True))
assert [f["describe"]["name"] for f in found] == ["sample.json"], found
one = dxpy.find_one_data_object(name="sample.*", name_mode="glob", project=proj, return_handler=True)
assert one.get_id() == rec.get_id()
assert dxpy.find_one_data_object(name="absent", project=proj, zero_ok=True) is None

listing = project.list_folder("/results/run1", describe=True)
assert [o["describe"]["name"] for o in listing["objects"]] == ["sample.json"]

other = dxpy.DXProject(dxpy.api.project_new({"name": "scratch copy"})["id"])
project.clone(other.get_id(), objects=[rec.get_id()], destination="/")
copy = dxpy.DXRecord(rec.get_id(), project=other.get_id())
assert copy.describe()["folder"] == "/"
assert sorted(rec.list_projects()) == sorted([proj, other.get_id()])

name = project.describe()["name"]
p, folder, entity = resolve_existing_path(name + ":/results/run1/sample.json")
assert (p, entity["id"]) == (proj, rec.get_id()), (p, entity)
assert resolve_path("/results/run1/") == (proj, "/results/run1", None)
assert dxpy.describe(dxpy.dxlink(rec.get_id(), proj))["name"] == "sample.json"
assert dxpy.get_handler(rec.get_id()).describe()["id"] == rec.get_id()
projects = [r["id"] for r in dxpy.find_projects(name="scratch copy", level="VIEW")]
assert other.get_id() in projects

other.destroy()
project.remove_folder("/results", recurse=True)
assert project.list_folder("/")["objects"] == []
print(json.dumps({"ok": True, "user": dxpy.whoami()}))
sys.exit(0)
