"""Files whose parts carry checksums besides MD5 (``checksumType`` and a base64 ``checksum``
per part), as the platform describes some files.

The platform sets these itself; the emulator lets a test set them on a closed file with an
admin route, so that clients' verification can be tested end to end::

    POST /emulator/setFileChecksums
    {"file": "file-xxxx", "checksumType": "CRC32C",          # or CRC32, SHA1, SHA256, CRC64NVME
     "checksums": {"2": "AAAAAA=="}}                          # optional: override (corrupt) parts

The checksums are computed from the stored bytes (``dxpy._checksums``, standard library
only); ``checksumType: null`` removes them. ``describe`` then shows ``checksumType`` and,
with ``fields: {"parts": true}``, a ``checksum`` in each part.
"""

from __future__ import annotations

import base64
import sqlite3
from typing import Any

from dxpy._checksums import CHECKSUM_TYPES, new_hasher
from dxpy.emulator._blobstore import storage as storage
from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route

_READ_BLOCK = 1 << 20


def part_checksums(extra: dict) -> dict[str, str]:
    """The per-part checksums recorded for a file (``{}`` when it has none).

    :param extra: the file's decoded class blob.
    :returns: ``{"1": base64, ...}``.
    """
    found = extra.get("partChecksums")
    return dict(found) if isinstance(found, dict) else {}


@route("emulator", "setFileChecksums")
def set_file_checksums(req: Request) -> dict[str, Any]:
    """``/emulator/setFileChecksums``: give a closed file's parts checksums (admin only).

    :param req: the request (``file``, ``checksumType`` or null, optional ``checksums``).
    :returns: ``{"id", "checksumType", "checksums"}``.
    :raises APIError: PermissionDenied for non-admins, InvalidInput for a bad type or file,
        InvalidState unless the file is closed.
    """
    if not req.is_admin:
        raise APIError("PermissionDenied", "Only the emulator's admin user may use /emulator routes")
    file_id = dm.field(req.body, "file", str, required=True)
    if not is_id(file_id, "file"):
        raise APIError("InvalidInput", 'expected key "file" of input to be a file ID')
    kind = req.body.get("checksumType")
    if kind is not None and kind not in CHECKSUM_TYPES:
        raise APIError("InvalidInput", f'expected key "checksumType" of input to be one of '
                                       f'{", ".join(CHECKSUM_TYPES)} or null')
    overrides = dm.field(req.body, "checksums", dict, {})
    row = req.db.execute("SELECT state, extra FROM objects WHERE id=?", (file_id,)).fetchone()
    if row is None:
        raise APIError("ResourceNotFound", f"The entity {file_id} could not be found")
    if row["state"] != "closed":
        raise APIError("InvalidState", f"{file_id} is not closed")
    extra = dm.loads(row["extra"], {})
    sums = _compute(req, file_id, kind) if kind is not None else {}
    sums.update({str(k): str(v) for k, v in overrides.items()})
    extra["checksumType"], extra["partChecksums"] = kind, sums
    if kind is None:
        extra.pop("checksumType")
        extra.pop("partChecksums")
    req.db.execute("UPDATE objects SET extra=? WHERE id=?", (dm.dumps(extra), file_id))
    return {"id": file_id, "checksumType": kind, "checksums": sums}


def _compute(req: Request, file_id: str, kind: str) -> dict[str, str]:
    blobs = storage.blob_store(req.server)
    out = {}
    for part in storage.part_rows(req.db, file_id):
        if part["state"] != "complete" or part["blob"] is None:
            continue
        hasher = new_hasher(kind)
        with open(blobs.path(part["blob"]), "rb") as fh:
            while block := fh.read(_READ_BLOCK):
                hasher.update(block)
        out[str(part["idx"])] = base64.b64encode(hasher.digest()).decode("ascii")
    return out


def describe_checksums(db: sqlite3.Connection, extra: dict) -> dict[str, Any]:
    """The ``checksumType`` field of a file description, when the file has one.

    :param db: connection (unused)
    :param extra: the file's decoded class blob
    :returns: ``{"checksumType": ...}`` or ``{}``
    """
    kind = extra.get("checksumType")
    return {"checksumType": kind} if kind else {}
