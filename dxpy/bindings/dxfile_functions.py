"""Helper functions for files (upstream path ``dxpy.bindings.dxfile_functions``).

Uploading (:func:`upload_local_file`, :func:`upload_string`) and downloading
(:func:`download_dxfile`, :func:`download_folder`) go through the parallel part
engine of :mod:`dxpy.bindings._transfer`: memory stays bounded by the number of
transfer threads times the part size whatever the file size, every part's size
and MD5 are checked, and a failed transfer raises without leaving a closed
remote file that misses bytes.  ``show_progress=True`` draws a progress bar on
standard error when it is a terminal (``"force"`` draws it anyway), and a
``report_progress_fn(handler, num_bytes)`` keyword argument is called with the
bytes moved by each part or chunk.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import threading
from collections.abc import Iterator
from contextlib import nullcontext
from typing import IO, Any, Callable, Optional

from dxpy._defaults import request_options
from dxpy.bindings import _api_function
from dxpy.bindings import _transfer as transfer
from dxpy.bindings.dxfile import DEFAULT_BUFFER_SIZE, FILE_REQUEST_TIMEOUT, MD5_READ_CHUNK_SIZE, DXFile
from dxpy.exceptions import DXError, DXFileError
from dxpy.utils._progress import ProgressTracker

logger = logging.getLogger(__name__)

__all__ = [
    "new_dxfile", "open_dxfile", "upload_local_file", "upload_string", "download_dxfile",
    "download_folder", "list_subfolders", "FILE_REQUEST_TIMEOUT",
]


def open_dxfile(
    dxid: Any, project: Optional[str] = None, mode: Optional[str] = None,
    read_buffer_size: int = DEFAULT_BUFFER_SIZE,
) -> DXFile:
    """Return a handler for an existing file.

    :param dxid: file ID or ``$dnanexus_link``
    :param project: container to work through
    :param mode: ``"r"``, ``"w"``, ``"a"`` or ``None`` (see :class:`DXFile`)
    :param read_buffer_size: largest range fetched by one read request
    :returns: the handler (no API call is made)
    """
    return DXFile(dxid, project=project, mode=mode, read_buffer_size=read_buffer_size)


def new_dxfile(
    mode: Optional[str] = None, write_buffer_size: int = DEFAULT_BUFFER_SIZE,
    expected_file_size: Optional[int] = None, file_is_mmapd: bool = False, **kwargs: Any,
) -> DXFile:
    """Create a new, open, empty file and return its handler.

    :param mode: ``"w"``, ``"a"`` or ``None`` (see :class:`DXFile`)
    :param write_buffer_size: wanted part size
    :param expected_file_size: total size that will be written, if known
    :param file_is_mmapd: accepted for compatibility
    :param kwargs: creation fields (``project``, ``name``, ``folder``, ``parents``,
        ``tags``, ``types``, ``hidden``, ``properties``, ``details``,
        ``media_type``) and options for the API call
    :returns: the handler of the new file
    """
    dxfile = DXFile(mode=mode, write_buffer_size=write_buffer_size, expected_file_size=expected_file_size,
                    file_is_mmapd=file_is_mmapd)
    dxfile.new(**kwargs)
    return dxfile


def _progress_callback(tracker: ProgressTracker) -> Optional[Callable[[Any, int], None]]:
    if not tracker.active:
        return None
    return lambda _handler, num_bytes: tracker(num_bytes)


def _local_size(fd: IO[bytes]) -> Optional[int]:
    """Bytes left to read in *fd* when it is a regular file, else ``None``."""
    try:
        info = os.fstat(fd.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        return max(info.st_size - fd.tell(), 0)
    except (AttributeError, OSError, ValueError):
        return None


def upload_local_file(
    filename: Optional[str] = None,
    file: Optional[IO[bytes]] = None,
    media_type: Optional[str] = None,
    keep_open: bool = False,
    wait_on_close: bool = False,
    use_existing_dxfile: Optional[DXFile] = None,
    show_progress: Any = False,
    write_buffer_size: Optional[int] = None,
    multithread: bool = True,
    **kwargs: Any,
) -> DXFile:
    """Upload a local file (by path or open binary file object) as a new remote file.

    The file is read one part at a time while earlier parts are being uploaded
    in parallel.  Unless *keep_open*, the remote file is closed once every part
    is uploaded; if any part fails the error is raised and the file is left open.

    :param filename: local path (its base name is the default remote ``name``)
    :param file: an open binary file object to read instead of *filename*
    :param media_type: MIME type to record (``media``)
    :param keep_open: leave the remote file open
    :param wait_on_close: wait until the remote file is ``closed``
    :param use_existing_dxfile: an open :class:`DXFile` to write into instead of a new one
    :param show_progress: ``True`` draws a bar on a terminal, ``"force"`` always
    :param write_buffer_size: wanted part size (default: 16 MiB, adjusted to the
        container's limits and the file size)
    :param multithread: upload parts in parallel
    :param kwargs: creation fields (``project``, ``name``, ``folder``, ``parents``,
        ``tags``, ``types``, ``hidden``, ``properties``, ``details``),
        ``report_progress_fn(handler, num_bytes)``, and API-call options
    :returns: the handler of the remote file
    :raises DXError: if neither a file name nor a file object is given
    """
    if filename is None and file is None:
        raise DXError("upload_local_file needs filename or file")
    report_progress_fn = kwargs.pop("report_progress_fn", None)
    opened = nullcontext(file) if file is not None else open(filename, "rb")  # type: ignore[arg-type]  # noqa: SIM115
    with opened as fd:
        label = filename if filename is not None else getattr(fd, "name", "")
        if "name" not in kwargs and isinstance(label, str) and label:
            kwargs["name"] = os.path.basename(label)
        size = _local_size(fd)
        if use_existing_dxfile is not None:
            dxfile = use_existing_dxfile
        else:
            buffer_size = write_buffer_size if write_buffer_size is not None else DEFAULT_BUFFER_SIZE
            dxfile = new_dxfile(write_buffer_size=buffer_size, expected_file_size=size,
                                media_type=media_type, **kwargs)
        tracker = ProgressTracker(dxfile, total=size, show_progress=show_progress,
                                  callback=report_progress_fn, label="Uploaded", name=str(label or ""))
        options = request_options(kwargs)  # every request below uses the caller's auth, timeout ...
        try:
            _copy_into(fd, dxfile, multithread, _progress_callback(tracker), options)
            if not keep_open:
                dxfile.close(block=wait_on_close, **options)
        finally:
            tracker.finish()
    return dxfile


def _copy_into(fd: IO[bytes], dxfile: DXFile, multithread: bool,
               callback: Optional[Callable[[Any, int], None]], options: dict) -> None:
    extra = dict(options, report_progress_fn=callback) if callback is not None else dict(options)
    while True:
        chunk = fd.read(dxfile.part_size(**options))
        if not chunk:
            break
        dxfile.write(chunk, multithread=multithread, **extra)
    dxfile.flush(multithread=multithread, **extra)  # the last, partial part is progress too


def upload_string(
    to_upload: Any, media_type: Optional[str] = None, keep_open: bool = False,
    wait_on_close: bool = False, **kwargs: Any,
) -> DXFile:
    """Upload a string or bytes as a new remote file.

    :param to_upload: ``str`` (encoded as UTF-8) or bytes-like
    :param media_type: MIME type to record
    :param keep_open: leave the remote file open
    :param wait_on_close: wait until the remote file is ``closed``
    :param kwargs: creation fields and API-call options (as :func:`new_dxfile`)
    :returns: the handler of the remote file
    """
    dxfile = new_dxfile(media_type=media_type, **kwargs)
    options = request_options(kwargs)
    dxfile.write(to_upload, **options)
    if not keep_open:  # kept open, the bytes stay buffered for later writes, as upstream
        dxfile.close(block=wait_on_close, **options)
    return dxfile


# -- downloads ----------------------------------------------------------------------


def _file_handler(dxid: Any, project: Optional[str]) -> DXFile:
    if isinstance(dxid, DXFile):
        return dxid
    return DXFile(dxid, project=project)


def _describe_for_download(dxfile: DXFile, describe_output: Optional[dict], **kwargs: Any) -> dict:
    if describe_output and "parts" in describe_output and "size" in describe_output \
            and describe_output.get("state") == "closed":
        return describe_output
    fields = {"parts": True, "size": True, "state": True, "name": True, "md5": True, "drive": True,
              "checksumType": True}
    return dxfile.describe(fields=fields, **kwargs)


def _parts_of(desc: dict) -> list[transfer.Part]:
    if desc.get("parts"):
        parts = transfer.parts_from_describe(desc["parts"], desc.get("checksumType") or None)
        if sum(p.size for p in parts) != int(desc.get("size", 0) or 0):
            raise DXFileError(f"{desc.get('id')}: the sizes of the parts do not add up to the file size")
        return parts
    # Files without part listings (e.g. symlinks to external storage): one range,
    # checked against the whole-file MD5 when the platform reports one.
    size = int(desc.get("size") or 0)
    return [transfer.Part(1, 0, size, desc.get("md5"))] if size else []


def _resume_point(fd: IO[bytes], parts: list[transfer.Part]) -> int:
    """Index of the first part not already on disk intact; the file is cut there.

    Parts are written out of order, so an interrupted download may leave holes:
    only a part whose MD5 matches counts as present (one without an MD5 cannot
    be checked, so it and every later part are fetched again).
    """
    fd.seek(0, os.SEEK_END)
    have = fd.tell()
    first_missing = len(parts)
    for i, part in enumerate(parts):
        if part.end > have or part.md5 is None or _md5_of_range(fd, part) != part.md5:
            first_missing = i
            break
    keep = parts[first_missing].offset if first_missing < len(parts) else (parts[-1].end if parts else 0)
    fd.truncate(keep)
    return first_missing


class _PositionalFile:
    """Reads and writes at explicit offsets of an open file, from several threads at once.

    Uses ``os.pwrite``/``os.pread`` where the platform has them (no shared file
    position, no lock: workers write in parallel); elsewhere a lock serialises
    seek-and-write.

    :param fd: an unbuffered binary file opened for reading and writing
    :param base: file offset that offset 0 stands for (appending after existing bytes)
    """

    def __init__(self, fd: IO[bytes], base: int = 0) -> None:
        self._fd = fd
        self._fileno = fd.fileno()
        self._base = base
        self._lock = threading.Lock()
        self._positional = hasattr(os, "pwrite") and hasattr(os, "pread")

    def write_at(self, offset: int, data: bytes) -> None:
        """Write all of *data* at byte *offset*.

        :param offset: offset from ``base``
        :param data: the bytes
        """
        offset += self._base
        if not self._positional:
            with self._lock:
                self._fd.seek(offset)
                self._fd.write(data)
            return
        view = memoryview(data)
        while len(view):
            done = os.pwrite(self._fileno, view, offset)
            view, offset = view[done:], offset + done

    def read_at(self, offset: int, size: int) -> bytes:
        """Read up to *size* bytes at byte *offset* (fewer at the end of the file).

        :param offset: offset from ``base``
        :param size: bytes wanted
        :returns: the bytes read
        """
        offset += self._base
        if not self._positional:
            with self._lock:
                self._fd.seek(offset)
                return self._fd.read(size) or b""
        pieces = []
        while size > 0:
            block = os.pread(self._fileno, size, offset)
            if not block:
                break
            pieces.append(block)
            size, offset = size - len(block), offset + len(block)
        return b"".join(pieces)


def _md5_of_range(fd: IO[bytes], part: transfer.Part) -> str:
    hasher = hashlib.md5()
    fd.seek(part.offset)
    left = part.size
    while left > 0:
        block = fd.read(min(MD5_READ_CHUNK_SIZE, left))
        if not block:
            break
        hasher.update(block)
        left -= len(block)
    return hasher.hexdigest()


def download_dxfile(
    dxid: Any,
    filename: str,
    chunksize: int = DEFAULT_BUFFER_SIZE,
    append: bool = False,
    show_progress: Any = False,
    project: Optional[str] = None,
    describe_output: Optional[dict] = None,
    symlink_max_tries: int = 15,
    **kwargs: Any,
) -> None:
    """Download a closed remote file to a local path, verifying every part.

    Ranges of at most *chunksize* bytes are fetched in parallel and each is
    written at its offset as soon as it arrives.  As in upstream dxpy, an
    existing local file is *resumed* by default: the leading parts already on
    disk that match their MD5 are kept, the rest is fetched, and the file ends up
    exactly the remote file (so a download interrupted by a crash or Ctrl-C is
    continued by running the same call again).  ``append=True`` instead writes
    the whole remote file after the bytes already in the local file.

    :param dxid: file ID, ``$dnanexus_link`` or :class:`DXFile`
    :param filename: local path to write
    :param chunksize: largest range fetched by one request
    :param append: write the remote file after the existing local bytes (no resume)
    :param show_progress: ``True`` draws a bar on a terminal, ``"force"`` always
    :param project: container to access the file through (a hint to the platform)
    :param describe_output: the file's description, if already known (used when
        it has ``parts``, ``size`` and ``state``)
    :param symlink_max_tries: attempts for files without a part listing
    :param kwargs: ``report_progress_fn(handler, num_bytes)`` and options for the
        ``describe`` call
    :raises DXFileError: if the file is not closed, or a part stays corrupt or short
    """
    report_progress_fn = kwargs.pop("report_progress_fn", None)
    dxfile = _file_handler(dxid, project)
    desc = _describe_for_download(dxfile, describe_output, **kwargs)
    if desc.get("state") != "closed":
        raise DXFileError(f"Cannot download {dxfile.get_id()}: it is {desc.get('state')!r}, not closed")
    parts = _parts_of(desc)
    size = parts[-1].end if parts else 0
    retries = transfer.PART_RETRIES if desc.get("parts") else max(symlink_max_tries - 1, 0)
    with open(filename, "r+b" if os.path.exists(filename) else "w+b", buffering=0) as fd:
        base = fd.seek(0, os.SEEK_END) if append else 0
        start = 0 if append else _resume_point(fd, parts)
        tracker = ProgressTracker(dxfile, total=size, show_progress=show_progress,
                                  callback=report_progress_fn, label="Downloaded", name=filename)
        if tracker.bar is not None:
            tracker.bar.done = parts[start].offset if start < len(parts) else size

        target = _PositionalFile(fd, base)
        url_lock = threading.Lock()

        options = request_options(kwargs)

        def url_source() -> tuple[str, dict[str, str]]:
            # One worker asks for the URL; the others then find it in the handler's cache.
            with url_lock:
                return dxfile.get_download_url(project=project, **options)

        try:
            transfer.download_parts(
                parts[start:], url_source, target.write_at, chunksize,
                progress=tracker if tracker.active else None, refresh_url=dxfile._forget_download_urls,
                part_retries=retries, read_at=target.read_at,
            )
        finally:
            tracker.finish()


def _container_describe(project: str, req: dict, **kwargs: Any) -> dict:
    prefix = "container" if project.startswith("container-") else "project"
    return _api_function(f"{prefix}_describe")(project, req, **kwargs)


def _clean_folder(path: str) -> str:
    if not isinstance(path, str) or not path.startswith("/"):
        raise DXError(f"Folder paths must start with '/', got {path!r}")
    return path.rstrip("/") or "/"


def _under(folder: str, path: str) -> bool:
    return folder == "/" or path.startswith(folder + "/")


def list_subfolders(project: str, path: str, recurse: bool = True) -> list[str]:
    """List a folder of a container and the folders below it.

    :param project: project or container ID
    :param path: the folder (``"/"`` for the root; a trailing ``/`` is ignored)
    :param recurse: include every descendant (``True``) or only direct children
    :returns: sorted folder paths: *path* itself (when it exists) and its subfolders
    :raises DXError: if *path* does not start with ``/``
    """
    folder = _clean_folder(path)
    everything = _container_describe(project, {"folders": True}).get("folders") or []
    return _subfolders(everything, folder, recurse)


def _subfolders(everything: list[str], folder: str, recurse: bool) -> list[str]:
    found = []
    for candidate in everything:
        if candidate != folder and not _under(folder, candidate):
            continue
        rest = candidate[len(folder):].strip("/")
        if recurse or "/" not in rest:
            found.append(candidate)
    return sorted(found)


def _find_files(project: str, folder: str, **kwargs: Any) -> Iterator[dict]:
    """Describe every closed file at or below *folder* (all pages)."""
    fields = {"name": True, "folder": True, "state": True, "size": True, "parts": True, "checksumType": True}
    query: dict[str, Any] = {
        "class": "file", "state": "closed",
        "scope": {"project": project, "folder": folder, "recurse": True},
        "describe": {"fields": fields},
    }
    find = _api_function("system_find_data_objects")
    while True:
        page = find(query, **kwargs)
        for result in page.get("results") or []:
            desc = dict(result.get("describe") or {})
            desc.setdefault("id", result["id"])
            yield desc
        if not page.get("next"):
            return
        query["starting"] = page["next"]


def _check_download_folder_args(folder: Any, destdir: Any) -> tuple[str, str]:
    malformed = any(c.isspace() and c != " " for c in folder) if isinstance(folder, str) else True
    if malformed or not folder.startswith("/") or "//" in folder.rstrip("/"):
        raise DXFileError(f"download_folder: the remote folder must be an absolute path such as '/data', "
                          f"not {folder!r}")
    if not isinstance(destdir, (str, os.PathLike)) or not str(destdir).strip():
        raise DXFileError(f"download_folder: the destination must be a local directory path, not {destdir!r}")
    return folder.rstrip("/") or "/", os.fspath(destdir)


def _check_local_dir(path: str) -> None:
    """Refuse when *path* or one of its parents exists and is not a directory."""
    current = path
    while current and not os.path.isdir(current):
        if os.path.lexists(current):
            raise DXFileError(f"download_folder: {current} exists and is not a directory "
                              f"(a remote folder must be downloaded there)")
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent


def _local_target(destdir: str, folder: str, desc: dict) -> str:
    name = desc.get("name") or desc["id"]
    if name in (".", "..") or os.sep in name or (os.altsep and os.altsep in name):
        raise DXFileError(f"Cannot download {desc['id']}: its name {name!r} is not a valid local file name")
    relative = desc.get("folder", "/")[len(folder):].strip("/")
    return os.path.join(destdir, *(relative.split("/") if relative else []), name)


def download_folder(
    project: str,
    destdir: str,
    folder: str = "/",
    overwrite: bool = False,
    chunksize: int = DEFAULT_BUFFER_SIZE,
    show_progress: Any = False,
    **kwargs: Any,
) -> None:
    """Download every closed file of a folder (and its subfolders) to a local directory.

    The local tree mirrors the remote one, empty folders included.

    :param project: project or container ID
    :param destdir: local directory (created if missing)
    :param folder: remote folder to download
    :param overwrite: replace local files that already exist
    :param chunksize: largest range fetched by one request
    :param show_progress: as in :func:`download_dxfile`
    :param kwargs: ``report_progress_fn`` and API-call options
    :raises DXFileError: if the folder does not exist, *destdir* is not a
        directory, a local file exists and *overwrite* is false, or two remote
        files would land on the same local path
    """
    folder, destdir = _check_download_folder_args(folder, destdir)
    api_kwargs = {k: v for k, v in kwargs.items() if k != "report_progress_fn"}
    everything = _container_describe(project, {"folders": True}, **api_kwargs).get("folders") or []
    if folder not in everything and folder != "/":
        raise DXFileError(f"Folder {folder} not found in {project}")
    dirs = [destdir] + [os.path.join(destdir, *sub[len(folder):].strip("/").split("/"))
                        for sub in _subfolders(everything, folder, True) if sub != folder]
    targets: dict[str, dict] = {}
    for desc in _find_files(project, folder, **api_kwargs):
        path = _local_target(destdir, folder, desc)
        if path in targets:
            raise DXFileError(f"{targets[path]['id']} and {desc['id']} would both be downloaded to {path}")
        if os.path.exists(path) and not overwrite:
            raise DXFileError(f"{path} already exists; pass overwrite=True to replace it")
        targets[path] = desc
    # every check before anything is created: a refused download leaves the disk as it was
    for directory in dirs:
        _check_local_dir(directory)
    for directory in dirs:
        os.makedirs(directory, exist_ok=True)
    for path, desc in sorted(targets.items()):
        logger.debug("downloading %s to %s", desc["id"], path)
        download_dxfile(desc["id"], path, chunksize=chunksize, show_progress=show_progress, project=project,
                        describe_output=desc, **kwargs)
