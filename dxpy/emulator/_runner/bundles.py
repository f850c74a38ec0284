"""``runSpec.bundledDepends``: the archives a job unpacks before its code runs.

On the platform each archive (tar or tar.gz, usually the applet's packed
``resources/`` directory) is unpacked at the filesystem root ``/``. Locally the
emulator cannot write there, so it unpacks into a per-job root directory
instead (``<jobs dir>/<job>.root``, exported as ``DX_EMULATOR_JOB_ROOT``):

* members under ``home/dnanexus/`` go into the job's home (``~``), as they do
  on the platform, whose job home is ``/home/dnanexus``;
* every other member goes under the job root, and the job's ``PATH``,
  ``LD_LIBRARY_PATH`` and ``PYTHONPATH`` gain the root's ``bin``, ``lib`` and
  Python package directories (see :func:`root_environment`).

The archives are resolved while the job is prepared (:func:`resolve`): each
must be a closed file the launching user can see; its blobs are read straight
from the blob store. Unpacking (:func:`unpack`) refuses absolute member names,
``..`` components, links that leave the job's directories, and device files;
nothing is ever written outside the job root and home.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import sqlite3
import tarfile
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.store import loads

__all__ = [
    "BundleError", "bundle_entries", "resolve", "unpack", "root_environment", "clone_into", "HOME_PREFIX",
]

logger = logging.getLogger(__name__)

#: Archive members under this prefix land in the job's home directory.
HOME_PREFIX = "home/dnanexus/"


class BundleError(ValueError):
    """A bundledDepends entry that cannot be fetched or unpacked (the job fails with AppInternalError)."""


def bundle_entries(run_spec: dict) -> list:
    """The bundledDepends entries that apply to a job.

    ``bundledDepends`` wins; otherwise the first region of ``bundledDependsByRegion``
    (the emulator has a single region) is used.

    :param run_spec: the executable's runSpec.
    :returns: the list of ``{"name": ..., "id": {"$dnanexus_link": ...}}`` entries.
    """
    entries = run_spec.get("bundledDepends")
    if not entries:
        by_region = run_spec.get("bundledDependsByRegion")
        if isinstance(by_region, dict) and by_region:
            first = next(iter(by_region.values()))
            entries = first.get("bundledDepends") if isinstance(first, dict) else first
    return [e for e in (entries or []) if isinstance(e, dict)]


def _file_id(entry: dict) -> str:
    link = entry.get("id")
    if isinstance(link, dict):
        link = link.get("$dnanexus_link")
    if isinstance(link, dict):
        link = link.get("id")
    if not isinstance(link, str) or not link.startswith("file-"):
        raise BundleError(f"bundledDepends entry {entry.get('name')!r} does not link to a file")
    return link


def _visible(db: sqlite3.Connection, user_id: str, file_id: str, extra: list) -> bool:
    rows = db.execute("SELECT container_id FROM object_copies WHERE object_id=?", (file_id,)).fetchall()
    for row in rows:
        cid = row["container_id"]
        if cid in extra or (perms.level_of(db, user_id, cid) or perms.NONE) >= perms.VIEW:
            return True
    return False


def resolve(db: sqlite3.Connection, user_id: str, runnable: dict) -> list:
    """Check the bundledDepends of a job and find their blobs.

    :param db: connection.
    :param user_id: the user who launched the job (the files must be visible to them).
    :param runnable: the executable's description (``runSpec``, and ``resources`` for an app,
        whose resources container counts as visible).
    :returns: ``(name, file_id, [blob names])`` tuples, in runSpec order.
    :raises BundleError: for a missing, open or invisible file.
    """
    run_spec = runnable.get("runSpec") or {}
    extra = [runnable["resources"]] if isinstance(runnable.get("resources"), str) else []
    found = []
    for entry in bundle_entries(run_spec):
        file_id = _file_id(entry)
        name = str(entry.get("name") or file_id)
        obj = db.execute("SELECT class, state FROM objects WHERE id=?", (file_id,)).fetchone()
        if obj is None or obj["class"] != "file" or not _visible(db, user_id, file_id, extra):
            raise BundleError(
                f"bundledDepends {name!r}: {file_id} does not exist or is not visible to the launching user"
            )
        if obj["state"] != "closed":
            raise BundleError(f"bundledDepends {name!r}: {file_id} is not closed")
        blobs = db.execute(
            "SELECT blob FROM file_parts WHERE file_id=? AND state='complete' ORDER BY idx", (file_id,)
        ).fetchall()
        found.append((name, file_id, [b["blob"] for b in blobs if b["blob"]]))
    return found


def clone_into(db: sqlite3.Connection, user_id: str, run_spec: dict, container: str, now_ms: int) -> list:
    """Copy the bundledDepends files the user can see into a container (an app's resources).

    The platform does this when an app is created, so that the app's jobs read
    their bundles from the app, whoever runs it. Invisible or missing files are
    left alone: the app's jobs then fail when they start, naming the file.

    :param db: connection inside a write transaction.
    :param user_id: the app's creator.
    :param run_spec: the applet's runSpec.
    :param container: the resources container.
    :param now_ms: the time.
    :returns: the file IDs copied.
    """
    copied = []
    for entry in bundle_entries(run_spec):
        try:
            file_id = _file_id(entry)
        except BundleError:
            continue
        obj = dm.get_object(db, file_id)
        if obj is None or dm.get_copy(db, container, file_id) is not None:
            continue
        if not _visible(db, user_id, file_id, []):
            continue
        source = db.execute(
            "SELECT * FROM object_copies WHERE object_id=? ORDER BY created LIMIT 1", (file_id,)
        ).fetchone()
        dm.insert_copy(db, obj, container, source["name"], "/", loads(source["tags"], []),
                       loads(source["properties"], {}), now_ms, now_ms)
        copied.append(file_id)
    return copied


def _norm(name: str) -> str:
    return "/".join(p for p in name.replace("\\", "/").split("/") if p not in ("", "."))


def _inside(path: str, bases: tuple) -> bool:
    real = os.path.realpath(path)
    return any(real == b or real.startswith(b + os.sep) for b in bases)


def _destination(member: tarfile.TarInfo, root: str, home: str, bases: tuple) -> Optional[str]:
    """Where a member goes (None: the archive's own ``.``), or BundleError when it would escape."""
    name = member.name
    parts = name.replace("\\", "/").split("/")
    if name.startswith("/") or ".." in parts:
        raise BundleError(f"archive member {name!r} has an absolute path or a '..' component")
    rel = _norm(name)
    if not rel:
        return None
    if rel + "/" == HOME_PREFIX:
        dest = home
    elif rel.startswith(HOME_PREFIX):
        dest = os.path.join(home, rel[len(HOME_PREFIX):])
    else:
        dest = os.path.join(root, rel)
    if dest != home and not _inside(os.path.dirname(dest), bases):
        raise BundleError(f"archive member {name!r} would be written outside the job's directories")
    if member.issym():
        target = member.linkname
        if os.path.isabs(target) or not _inside(os.path.join(os.path.dirname(dest), target), bases):
            raise BundleError(f"archive member {name!r} is a link escaping the job root ({target!r})")
    elif not (member.isfile() or member.isdir() or member.islnk()):
        raise BundleError(f"archive member {name!r} is a device or special file")
    return dest


def _extract_one(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: str, links: dict) -> None:
    if os.path.lexists(dest) and not os.path.isdir(dest) or os.path.islink(dest):
        os.unlink(dest)
    if member.isdir():
        os.makedirs(dest, exist_ok=True)
        os.chmod(dest, (member.mode & 0o777) | 0o700)
        return
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if member.issym():
        os.symlink(member.linkname, dest)
    elif member.islnk():
        source = links.get(_norm(member.linkname))
        if source is None:
            raise BundleError(f"archive member {member.name!r} is a hard link to an unknown member")
        shutil.copy2(source, dest)
    else:
        stream = tar.extractfile(member)
        assert stream is not None
        with stream, open(dest, "wb") as fh:
            shutil.copyfileobj(stream, fh)
        os.chmod(dest, (member.mode & 0o777) | 0o600)
    links[_norm(member.name)] = dest


def unpack(archive: str, name: str, root: str, home: str) -> int:
    """Unpack one archive into the job root and home, refusing members that would escape.

    :param archive: path of the tar or tar.gz file.
    :param name: the bundledDepends entry's name (for messages).
    :param root: the job root directory.
    :param home: the job's home directory.
    :returns: the number of members written.
    :raises BundleError: for an unreadable archive or a member that would escape (naming it).
    """
    os.makedirs(root, exist_ok=True)
    os.makedirs(home, exist_ok=True)
    bases = (os.path.realpath(root), os.path.realpath(home))
    count = 0
    links: dict = {}
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                dest = _destination(member, root, home, bases)
                if dest is not None:
                    _extract_one(tar, member, dest, links)
                    count += 1
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BundleError(f"bundledDepends {name!r} could not be unpacked: {exc}") from exc
    logger.debug("unpacked %s (%d members) into %s", name, count, root)
    return count


def root_environment(env: dict, root: str, scripts: str) -> dict:
    """Point a job's environment at its root directory (after the emulator's scripts dir).

    :param env: the job environment (changed in place and returned).
    :param root: the job root.
    :param scripts: the emulator's scripts directory, which stays first on PATH.
    :returns: ``env``.
    """
    env["DX_EMULATOR_JOB_ROOT"] = root
    bins = [os.path.join(root, d) for d in ("usr/local/bin", "usr/bin", "bin", "usr/local/sbin", "usr/sbin")]
    rest = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != scripts]
    env["PATH"] = os.pathsep.join([scripts, *bins, *rest])
    libs = [os.path.join(root, d) for d in ("usr/local/lib", "usr/lib", "lib", "usr/lib/x86_64-linux-gnu")]
    libs = [d for d in libs if os.path.isdir(d)]
    if libs:
        old = env.get("LD_LIBRARY_PATH")
        env["LD_LIBRARY_PATH"] = os.pathsep.join(libs + ([old] if old else []))
    sites: list[Any] = []
    for pattern in ("usr/local/lib/python3*/*-packages", "usr/lib/python3*/*-packages", "usr/lib/python3"):
        sites.extend(sorted(d for d in glob.glob(os.path.join(root, pattern)) if os.path.isdir(d)))
    if sites:
        old = env.get("PYTHONPATH")
        env["PYTHONPATH"] = os.pathsep.join(sites + ([old] if old else []))
    return env
