"""Downloading files stored inside a database (upstream path ``dxpy.bindings.dxdatabase_functions``).

:func:`download_dxdatabasefile` is re-exported as ``dxpy.download_dxdatabasefile``.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from ..exceptions import DXError
from ._transfer import fetch_range
from .dxdatabase import DEFAULT_BUFFER_SIZE, DXDatabase

logger = logging.getLogger(__name__)


def ensure_local_dir(d: str) -> None:
    """Create directory *d* (and its parents) unless it exists.

    :param d: directory path
    :raises DXError: if *d* exists and is not a directory
    """
    if os.path.exists(d) and not os.path.isdir(d):
        raise DXError(f"{d} exists and is not a directory")
    os.makedirs(d, exist_ok=True)


def _progress(done: int, total: int, name: str) -> None:
    percent = 100 if not total else int(done * 100 / total)
    sys.stderr.write(f"\r[{percent:3d}%] Downloaded {done:,} of {total:,} bytes {name}")
    sys.stderr.flush()


def download_dxdatabasefile(dxid: Any, dst_filename: str, src_filename: str, file_status: dict[str, Any],
                            chunksize: int = DEFAULT_BUFFER_SIZE, append: bool = False,
                            show_progress: bool = False, project: str | None = None,
                            describe_output: dict[str, Any] | None = None, **kwargs: Any) -> None:
    """Download file *src_filename* of a database to ``dst_filename/src_filename``.

    :param dxid: database ID or :class:`~dxpy.bindings.dxdatabase.DXDatabase`
    :param dst_filename: local directory to write into (created if missing)
    :param src_filename: path of the file inside the database (subdirectories are created)
    :param file_status: the file's status from the database listing; ``size`` is used
    :param chunksize: bytes fetched per request
    :param append: append to an existing local file instead of overwriting it
    :param show_progress: write a progress line to stderr
    :param project: project to bill (see :meth:`DXDatabase.get_download_url`)
    :param describe_output: unused (upstream's parameter)
    :param kwargs: API-call options for the URL request
    :raises DXError: on a bad argument, a failed request, or a short download
    """
    if chunksize <= 0:
        raise DXError(f"chunksize must be positive, got {chunksize}")
    if not isinstance(file_status, dict) or not isinstance(file_status.get("size"), int):
        raise DXError("file_status must be a mapping with the file's integer 'size'")
    database = dxid if isinstance(dxid, DXDatabase) else DXDatabase(
        dxid, project=project if project != DXDatabase.NO_PROJECT_HINT else None)
    size = file_status["size"]
    dest_path = os.path.join(dst_filename, src_filename)
    ensure_local_dir(os.path.dirname(dest_path) or ".")

    def url_source() -> tuple[str, dict[str, str]]:
        return database.get_download_url(src_filename=src_filename, project=project, **kwargs)

    written = 0
    with open(dest_path, "ab" if append else "wb") as fh:
        for start in range(0, size, chunksize):
            end = min(start + chunksize, size)
            data = fetch_range(url_source, start, end)
            if len(data) != end - start:
                raise DXError(f"Short read from {database.get_id()}:{src_filename} at byte {start} "
                              f"(expected {end - start} bytes, got {len(data)})")
            fh.write(data)
            written += len(data)
            if show_progress:
                _progress(written, size, dest_path)
    if show_progress:
        sys.stderr.write("\n")
    logger.debug("downloaded %d bytes of %s:%s to %s", written, database.get_id(), src_filename, dest_path)


__all__ = ["download_dxdatabasefile"]
