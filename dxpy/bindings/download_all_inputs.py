"""Download every file input of a job into ``~/in`` (upstream path ``dxpy.bindings.download_all_inputs``)."""

from __future__ import annotations

import concurrent.futures
import logging
import os
from typing import Any

from ..utils import file_load_utils

logger = logging.getLogger(__name__)


def _create_dirs(idir: str, dirs: list[str]) -> None:
    file_load_utils.ensure_dir(idir)
    for d in dirs:
        file_load_utils.ensure_dir(os.path.join(idir, d))


def _download_one_file(file_rec: dict[str, Any], idir: str) -> dict[str, Any]:
    from .dxfile_functions import download_dxfile

    target = os.path.join(idir, file_rec["trg_fname"])
    logger.info("downloading file: %s to filesystem: %s", file_rec["src_file_id"], target)
    download_dxfile(file_rec["handler"], target)
    return file_rec


def _get_num_parallel_threads(max_threads: int, num_cores: int, mem_available_mb: int) -> int:
    # at least ~1.2 GB of memory per download thread, as on the platform
    return min(max_threads, num_cores, max(int(mem_available_mb / 1200), 1))


def _total_memory_mb() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")) >> 20
    except (ValueError, OSError, AttributeError):
        return 1200


def _parallel_download(to_download: list[dict[str, Any]], idir: str, threads: int) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as executor:
        futures = {executor.submit(_download_one_file, rec, idir): rec for rec in to_download}
        for future in concurrent.futures.as_completed(futures):
            rec = futures[future]
            try:
                future.result()
            except Exception:
                logger.error("%r -> %s generated an exception", rec["src_file_id"], rec["trg_fname"])
                raise


def _helper_dict(inputs: dict[str, Any]) -> dict[str, list[str]]:
    descs, _ = file_load_utils.analyze_bash_vars(file_load_utils.get_input_json_file(), None)
    helpers: dict[str, list[str]] = {}
    for name in inputs:
        if name in descs:
            helpers.setdefault(name + "_path", descs[name]["path"])
            helpers.setdefault(name + "_name", descs[name]["basename"])
            helpers.setdefault(name + "_prefix", descs[name]["prefix"])
    return helpers


def download_all_inputs(
    exclude: list[str] | None = None, parallel: bool = False, max_threads: int = 8
) -> dict[str, list[str]]:
    """Download the job's file inputs (from ``~/job_input.json``) into ``~/in``.

    A file input ``foo`` goes to ``~/in/foo/<filename>``; an array of files to
    ``~/in/foo/<index>/<filename>`` with zero-padded indexes (``00`` ... ``11``), so shell
    globs keep the input order and equal names never collide.

    :param exclude: input names not to download
    :param parallel: download several files at once
    :param max_threads: upper bound on parallel downloads (also bounded by cores and ~1.2 GB
        of memory per thread)
    :returns: for each downloaded input ``foo``: ``foo_path``, ``foo_name`` and ``foo_prefix``
        lists (local paths, basenames, names without extension or matched pattern suffix)
    :raises FileNotFoundError: if there is no ``job_input.json`` (not in a job)
    """
    idir = file_load_utils.get_input_dir()
    dirs, inputs, _ = file_load_utils.get_job_input_filenames(file_load_utils.get_input_json_file())
    excluded = set(exclude or ())
    _create_dirs(idir, [d for d in dirs if d.split("/")[0] not in excluded])
    inputs = file_load_utils.filter_dict(inputs, excluded)
    to_download = [rec for records in inputs.values() for rec in records]
    if parallel:
        threads = _get_num_parallel_threads(max_threads, os.cpu_count() or 1, _total_memory_mb())
        logger.info("Downloading files using %d threads", threads)
        _parallel_download(to_download, idir, threads)
    else:
        for rec in to_download:
            _download_one_file(rec, idir)
    return _helper_dict(inputs)


__all__ = ["download_all_inputs"]
