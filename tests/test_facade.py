"""The dxpy facade as existing code uses it: submodules by attribute in a fresh process,
``dir(dxpy)`` for completion and ``from dxpy import *`` (issue: compatibility, items 1-2)."""

from __future__ import annotations

import json
import subprocess
import sys

UPSTREAM_STAR_NAMES = {  # what upstream 0.417's ``from dxpy import *`` gives that code relies on
    "DXFile", "DXRecord", "DXProject", "DXContainer", "DXDataObject", "DXObject", "DXHTTPRequest",
    "DXHTTPOAuth2", "DXError", "DXAPIError", "DXFileError", "DXSearchError", "DXJobFailureError",
    "AppError", "AppInternalError", "whoami", "user_info", "find_data_objects", "find_projects",
    "find_one_data_object", "find_one_project", "new_dxrecord", "new_dxfile", "upload_local_file",
    "upload_string", "download_dxfile", "download_folder", "dxlink", "is_dxlink", "get_handler",
    "describe", "api", "bindings", "exceptions", "utils", "config", "set_api_server_info",
    "set_security_context", "set_workspace_id", "APISERVER_HOST", "SECURITY_CONTEXT", "JOB_ID",
    "WORKSPACE_ID", "PROJECT_CONTEXT_ID", "DEFAULT_TIMEOUT", "dxfile", "dxrecord", "search",
}


def _fresh(code: str, dx_conf_env: dict, tmp_path) -> str:
    proc = subprocess.run([sys.executable, "-c", code], env=dx_conf_env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_submodules_are_attribute_chains_in_a_fresh_process(dx_conf_env, tmp_path):
    code = (
        "import json, dxpy\n"
        "print(json.dumps([dxpy.bindings.__name__, dxpy.bindings.dxfile.DXFile.__name__,\n"
        "    dxpy.utils.resolver.__name__, dxpy.utils.describe.__name__, dxpy.bindings.dxrecord.__name__,\n"
        "    dxpy.utils.config.__name__, dxpy.exceptions.__name__, dxpy.api.__name__]))\n"
    )
    assert json.loads(_fresh(code, dx_conf_env, tmp_path)) == [
        "dxpy.bindings", "DXFile", "dxpy.utils.resolver", "dxpy.utils.describe", "dxpy.bindings.dxrecord",
        "dxpy.utils.config", "dxpy.exceptions", "dxpy.api"]


def test_a_missing_name_is_still_an_attribute_error(dx_conf_env, tmp_path):
    code = (
        "import dxpy\n"
        "for owner, name in ((dxpy, 'no_such_thing'), (dxpy.utils, 'no_such_module'),\n"
        "                    (dxpy.bindings, 'no_such_module')):\n"
        "    try:\n"
        "        getattr(owner, name)\n"
        "    except AttributeError as exc:\n"
        "        print(exc)\n"
    )
    out = _fresh(code, dx_conf_env, tmp_path).splitlines()
    assert out == ["module 'dxpy' has no attribute 'no_such_thing'",
                   "module 'dxpy.utils' has no attribute 'no_such_module'",
                   "module 'dxpy.bindings' has no attribute 'no_such_module'"]


def test_dir_lists_the_lazy_names_too(dx_conf_env, tmp_path):
    names = set(json.loads(_fresh("import json, dxpy; print(json.dumps(dir(dxpy)))", dx_conf_env, tmp_path)))
    assert {"DXFile", "whoami", "find_data_objects", "DXHTTPRequest", "APISERVER_HOST", "api",
            "bindings", "config", "set_security_context", "DXJobFailureError"} <= names


def test_star_import_exports_what_upstream_code_uses(dx_conf_env, tmp_path):
    code = ("import json as _json\nfrom dxpy import *\n"
            "print(_json.dumps(sorted(k for k in dir() if not k.startswith('_'))))\n")
    names = set(json.loads(_fresh(code, dx_conf_env, tmp_path)))
    assert UPSTREAM_STAR_NAMES - names == set()
    # but not upstream's stray imports, nor the emulator
    assert not names & {"os", "sys", "json", "urllib3", "ssl", "emulator", "logging"}
