"""Finding the client configuration: environment variables, config files, defaults.

Sources, highest priority first:

1. the process environment;
2. ``$DX_USER_CONF_DIR/environment.json`` (default directory ``~/.dnanexus_config``);
3. the shell-style ``$DX_USER_CONF_DIR/environment`` (lines ``export DX_X=value``);
4. the system-wide shell-style file, ``/opt/dnanexus/environment`` (override the path
   with ``$DX_SYSTEM_ENV_FILE``; set it to an empty string to skip that file);
5. the hard-coded defaults of :mod:`dxpy._context`.

An empty value counts as "not set" and lets a lower source (or the default) apply. A
value that cannot be used (bad JSON, non-numeric port, unknown protocol, unreadable
file ...) is skipped with a WARNING on the ``dxpy._config`` logger naming the source
and the problem; the token is never part of the message.

:func:`apply_to_context` turns the merged values into :class:`~dxpy._context.ClientContext`
settings (the job-mode rule for the workspace lives there). :class:`DXConfig`
(``dxpy.config``) is a mutable mapping view of the merged values that also writes them
back to ``os.environ`` and, with :meth:`DXConfig.save`, to ``environment.json``.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Callable, Optional

from dxpy._context import (
    DEFAULT_APISERVER_HOST,
    DEFAULT_APISERVER_PROTOCOL,
    ClientContext,
    get_context,
    normalize_port,
    normalize_protocol,
    validate_security_context,
)
from dxpy.exceptions import DXError

logger = logging.getLogger(__name__)

#: System-wide shell-style defaults file (override with ``$DX_SYSTEM_ENV_FILE``).
SYSTEM_ENV_FILE = "/opt/dnanexus/environment"
#: Name of the user configuration directory under ``$HOME`` (override with ``$DX_USER_CONF_DIR``).
USER_CONF_DIR_NAME = ".dnanexus_config"

#: Variables that change the client context when assigned through :class:`DXConfig`.
CORE_KEYS = (
    "DX_SECURITY_CONTEXT",
    "DX_APISERVER_PROTOCOL",
    "DX_APISERVER_HOST",
    "DX_APISERVER_PORT",
    "DX_JOB_ID",
    "DX_WORKSPACE_ID",
    "DX_PROJECT_CONTEXT_ID",
)
#: CLI state variables (no effect on the context).
STANDALONE_KEYS = ("DX_CLI_WD", "DX_USERNAME", "DX_PROJECT_CONTEXT_NAME")
#: The only names :class:`DXConfig` accepts.
MANAGED_KEYS = CORE_KEYS + STANDALONE_KEYS
#: Names merged from every source (the managed ones plus the job-log port).
FILE_KEYS = MANAGED_KEYS + ("DX_WATCH_PORT",)

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_FALSE_WORDS = ("", "0", "false", "no", "off")


def _check_host(value: str) -> str:
    if any(c.isspace() for c in value) or "/" in value:
        raise DXError("a host name must not contain spaces or '/' (write the host alone, such as "
                      "127.0.0.1, and the protocol in DX_APISERVER_PROTOCOL)")
    return value


def _check_security_context(value: str) -> str:
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        # The decoder's message only has positions, never the text itself.
        raise DXError(f"not valid JSON ({getattr(exc, 'msg', 'parse error')})") from None
    validate_security_context(parsed)
    return value


_VALIDATORS: dict[str, Callable[[str], object]] = {
    "DX_SECURITY_CONTEXT": _check_security_context,
    "DX_APISERVER_PROTOCOL": normalize_protocol,
    "DX_APISERVER_HOST": _check_host,
    "DX_APISERVER_PORT": normalize_port,
    "DX_WATCH_PORT": normalize_port,
}


def validate_value(key: str, value: object) -> str:
    """Check that *value* is usable for configuration variable *key*.

    :param key: a variable name such as ``"DX_APISERVER_PORT"``.
    :param value: the candidate value.
    :returns: *value* (a string).
    :raises DXError: if the value is not a string or has the wrong format for *key*.
    """
    if not isinstance(value, str):
        raise DXError(f"value of {key} must be a string, not {type(value).__name__}")
    check = _VALIDATORS.get(key)
    if check is not None and value:
        check(value)
    return value


# -- reading the sources -----------------------------------------------------------


def _strip_comment(line: str) -> str:
    """Cut a shell comment: an unquoted ``#`` at the start of a word."""
    quote = ""
    escaped = False
    for i, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def parse_shell_environment(text: str, source: str) -> dict[str, str]:
    """Parse shell-style ``export NAME=value`` lines.

    Values may be unquoted, 'single-quoted' or "double-quoted" (shell rules, no
    expansion). Blank lines and ``#`` comments are skipped; ``export`` is optional and
    one line may hold several assignments. Unusable lines are skipped with a warning.

    :param text: the file contents.
    :param source: file name used in warnings.
    :returns: the ``DX_*`` assignments found (later lines win).
    """
    import shlex

    found: dict[str, str] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        try:
            words = shlex.split(line)
        except ValueError as exc:
            logger.warning("Ignoring line %d of %s: %s", lineno, source, exc)
            continue
        if words and words[0] == "export":
            words = words[1:]
        pairs = [w.partition("=") for w in words]
        if not words or any(not sep or not _NAME_RE.match(name) for name, sep, _ in pairs):
            logger.warning("Ignoring line %d of %s: not of the form 'export NAME=value'", lineno, source)
            continue
        for name, _, value in pairs:
            if name.startswith("DX_"):
                found[name] = value
    return found


class _Source:
    """What one configuration source holds: usable text values, per-name problems, and a
    problem with the whole source (a file that exists but cannot be read or parsed)."""

    def __init__(self, label: str, values: Optional[dict[str, str]] = None,
                 bad: Optional[dict[str, str]] = None, problem: Optional[str] = None) -> None:
        self.label = label
        self.values = values or {}
        self.bad = bad or {}
        self.problem = problem


def _read_text(path: str) -> tuple[Optional[str], Optional[str]]:
    """``(contents, problem)`` of *path*: ``(None, None)`` when it does not exist."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(), None
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        return None, f"cannot read it ({problem})"


def _json_source(path: str) -> _Source:
    text, problem = _read_text(path)
    if text is None:
        return _Source(path, problem=problem)
    try:
        data = json.loads(text)
    except ValueError as exc:
        return _Source(path, problem=f"not valid JSON ({getattr(exc, 'msg', exc)})")
    if not isinstance(data, dict):
        return _Source(path, problem="expected a JSON object")
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    bad = {k: "the value must be a string" for k, v in data.items()
           if not isinstance(v, str) and v is not None}
    return _Source(path, values, bad)


_ASSIGNED_RE = re.compile(r"\b(DX_[A-Z0-9_]+)=")


def _shell_source(path: str) -> _Source:
    text, problem = _read_text(path)
    if text is None:
        return _Source(path, problem=problem)
    values = parse_shell_environment(text, path)
    # A line that names a setting but could not be parsed still sets it (badly): the
    # setting must not silently come from a lower source instead.
    bad = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        for name in _ASSIGNED_RE.findall(_strip_comment(line)):
            if name in FILE_KEYS and name not in values:
                bad[name] = f"line {lineno} cannot be parsed"
    return _Source(path, values, bad)


def read_json_environment(path: str) -> dict[str, str]:
    """Read an ``environment.json`` file (a JSON object of strings).

    :param path: the file to read; a missing file gives ``{}``.
    :returns: the string-valued entries (a file that cannot be used gives ``{}``).
    """
    return _json_source(path).values


def read_shell_environment(path: str) -> dict[str, str]:
    """Read a shell-style ``environment`` file (see :func:`parse_shell_environment`).

    :param path: the file to read; a missing file gives ``{}``.
    :returns: the ``DX_*`` assignments found.
    """
    return _shell_source(path).values


def user_conf_dir(environ: Optional[Mapping[str, str]] = None) -> str:
    """The user configuration directory: ``$DX_USER_CONF_DIR`` or ``~/.dnanexus_config``.

    :param environ: environment to consult (default ``os.environ``).
    :returns: an absolute-or-relative path with ``~`` expanded.
    """
    env = os.environ if environ is None else environ
    explicit = env.get("DX_USER_CONF_DIR")
    if explicit:
        return os.path.expanduser(explicit)
    home = env.get("HOME") or os.path.expanduser("~")
    return os.path.join(home, USER_CONF_DIR_NAME)


def system_env_file(environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The system-wide shell-style file (``$DX_SYSTEM_ENV_FILE``, empty = none).

    :param environ: environment to consult (default ``os.environ``).
    :returns: a path, or ``None`` when disabled.
    """
    env = os.environ if environ is None else environ
    path = env.get("DX_SYSTEM_ENV_FILE", SYSTEM_ENV_FILE)
    return path or None


class LoadedConfig:
    """The outcome of :func:`load_configuration`.

    :param values: merged, validated values of :data:`FILE_KEYS` (unset names absent).
    :param sources: for each name in *values*, a description of where it came from.
    :param environ: the environment snapshot used for the env-only settings.
    :param errors: configuration mistakes that make a field unusable: ``"server"`` or
        ``"credentials"`` -> a message naming the variable or file and the problem.
    """

    def __init__(self, values: dict[str, str], sources: dict[str, str], environ: Mapping[str, str],
                 errors: Optional[dict[str, str]] = None):
        self.values = values
        self.sources = sources
        self.environ = dict(environ)
        self.errors = errors or {}


def _sources(env: Mapping[str, str]) -> list[_Source]:
    conf = user_conf_dir(env)
    system = system_env_file(env)
    found = [
        _Source("environment variable", {k: v for k, v in env.items() if k.startswith("DX_")}),
        _json_source(os.path.join(conf, "environment.json")),
        _shell_source(os.path.join(conf, "environment")),
    ]
    if system:
        found.append(_shell_source(system))
    return found


def _where(source: _Source, key: str) -> str:
    if source.label == "environment variable":
        return f"environment variable {key}"
    return f"{key} in {source.label}"


#: What a broken value or source makes unusable, and what is then refused.
_FIELD_OF = {"DX_SECURITY_CONTEXT": "credentials", "DX_APISERVER_PROTOCOL": "server",
             "DX_APISERVER_HOST": "server", "DX_APISERVER_PORT": "server"}
_REFUSED = {"credentials": "API calls are refused until it is fixed or replaced with "
                           "dxpy.set_security_context(); lower-priority settings are not used instead",
            "server": "API calls are refused until it is fixed or replaced with dxpy.set_api_server_info(); "
                      "lower-priority settings are not used instead"}


def _take(source: _Source, key: str, values: dict[str, str], sources: dict[str, str],
          errors: dict[str, str]) -> None:
    """Record *key* from *source* (its highest-priority setting), valid or not."""
    where = _where(source, key)
    problem = source.bad.get(key)
    if problem is None:
        try:
            validate_value(key, source.values[key])
        except DXError as exc:
            problem = str(exc)
    if problem is None:
        values[key] = source.values[key]
        sources[key] = where
        return
    field = _FIELD_OF.get(key)
    if field is None:
        logger.warning("Ignoring %s: %s", where, problem)
    else:
        errors.setdefault(field, f"{where} is not usable: {problem}. {_REFUSED[field]}")


def load_configuration(environ: Optional[Mapping[str, str]] = None) -> LoadedConfig:
    """Merge every configuration source (see the module docstring for the order).

    A name is taken from the highest-priority source that sets it. A source that sets a
    name with a value that cannot be used makes that name unusable: no lower source
    fills it in. The three ``DX_APISERVER_*`` names come together from the one source
    that sets any of them. A file that exists but cannot be read or parsed makes the
    server and the credentials unusable unless a higher source set them.

    :param environ: environment to use instead of ``os.environ`` (tests).
    :returns: the merged values, their origins and the unusable fields.
    """
    env = dict(os.environ if environ is None else environ)
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    errors: dict[str, str] = {}
    decided: set[str] = set()  # names (and "server") whose highest-priority source was seen
    for source in _sources(env):
        if source.problem is not None:
            _broken_source(source, decided, errors)
            continue
        present = {k for k in FILE_KEYS if source.values.get(k) or k in source.bad}
        if present & _SERVER_KEYS and "server" not in decided:
            decided.add("server")
            for key in sorted(present & _SERVER_KEYS):
                _take(source, key, values, sources, errors)
        for key in sorted(present - _SERVER_KEYS - decided):
            decided.add(key)
            _take(source, key, values, sources, errors)
    for message in errors.values():
        logger.warning("%s", message)
    return LoadedConfig(values, sources, env, errors)


def _broken_source(source: _Source, decided: set[str], errors: dict[str, str]) -> None:
    logger.warning("Ignoring configuration file %s: %s", source.label, source.problem)
    for field, key in (("credentials", "DX_SECURITY_CONTEXT"), ("server", "server")):
        if key not in decided:
            decided.add(key)
            what = "API server" if key == "server" else "token"
            errors.setdefault(field, f"configuration file {source.label} could not be used "
                                     f"({source.problem}) and may set the {what}. {_REFUSED[field]}")


# -- applying values to a context ---------------------------------------------------

_SERVER_KEYS = frozenset(("DX_APISERVER_PROTOCOL", "DX_APISERVER_HOST", "DX_APISERVER_PORT"))
_JOB_KEYS = frozenset(("DX_JOB_ID", "DX_WORKSPACE_ID", "DX_PROJECT_CONTEXT_ID"))


def _env_only_settings(context: ClientContext, environ: Mapping[str, str]) -> None:
    level_text = environ.get("_DX_DEBUG", "").strip()
    level = 0
    if level_text:
        if level_text.isdigit():
            level = int(level_text)
        else:
            logger.warning("Ignoring environment variable _DX_DEBUG: not a non-negative integer")
    context.set_debug_level(level)
    use_os = environ.get("DX_USE_OS_CA_BUNDLE", "").strip().lower() not in _FALSE_WORDS
    context.set_tls_options(ca_cert=environ.get("DX_CA_CERT") or None, use_os_ca_bundle=use_os)


def apply_to_context(
    context: ClientContext,
    values: Mapping[str, str],
    keys: Optional[Iterable[str]] = None,
    environ: Optional[Mapping[str, str]] = None,
    loaded: Optional[LoadedConfig] = None,
) -> None:
    """Copy configuration values into *context*.

    Only the settings that depend on *keys* are touched (all of them when *keys* is
    ``None``), so an assignment of one variable does not undo unrelated ``set_*``
    calls. Job mode (``DX_JOB_ID`` set): the workspace is ``DX_WORKSPACE_ID``;
    otherwise it is ``DX_PROJECT_CONTEXT_ID``.

    :param context: the context to update.
    :param values: merged values (unset names absent or empty).
    :param keys: the variable names that changed, or ``None`` for all.
    :param environ: when given (and *keys* is ``None``), also apply the env-only
        settings ``_DX_DEBUG``, ``DX_CA_CERT`` and ``DX_USE_OS_CA_BUNDLE``.
    :param loaded: the load these values come from: its unusable fields are recorded in
        the context (requests then fail naming the mistake) and the token's source is kept
        for the hint of a 401 answer.
    """
    errors = loaded.errors if loaded is not None else {}
    token_source = (loaded.sources.get("DX_SECURITY_CONTEXT") if loaded is not None else None) or \
        "the configuration (dxpy.config)"
    changed = set(FILE_KEYS if keys is None else keys)

    def get(key: str) -> Optional[str]:
        return values.get(key) or None

    if changed & _SERVER_KEYS and "server" in errors:
        # never a half-configured server: the defaults are shown, and requests are refused
        context.set_api_server_info(host=DEFAULT_APISERVER_HOST, port="", protocol=DEFAULT_APISERVER_PROTOCOL,
                                    source="the default API server (the configured one was refused)")
        context.set_config_error("server", errors["server"])
    elif changed & _SERVER_KEYS:
        context.set_api_server_info(
            host=get("DX_APISERVER_HOST") or DEFAULT_APISERVER_HOST,
            port=get("DX_APISERVER_PORT") or "",
            protocol=get("DX_APISERVER_PROTOCOL") or DEFAULT_APISERVER_PROTOCOL,
            source=_server_source(loaded, keys),
        )
    if "DX_SECURITY_CONTEXT" in changed:
        text = get("DX_SECURITY_CONTEXT")
        context.set_security_context(None if text is None else json.loads(text), source=token_source)
        context.set_config_error("credentials", errors.get("credentials"))
    if changed & _JOB_KEYS:
        job_id = get("DX_JOB_ID")
        context.set_job_id(job_id)
        context.set_workspace_id(get("DX_WORKSPACE_ID") if job_id else get("DX_PROJECT_CONTEXT_ID"))
        context.set_project_context(get("DX_PROJECT_CONTEXT_ID"))
    if "DX_WATCH_PORT" in changed:
        context.set_watch_port(get("DX_WATCH_PORT"))
    if keys is None and environ is not None:
        _env_only_settings(context, environ)


def _server_source(loaded: Optional[LoadedConfig], keys: Optional[Iterable[str]]) -> str:
    if loaded is None:
        return "the configuration (dxpy.config)" if keys is not None else "the default API server"
    where = [loaded.sources[k] for k in sorted(_SERVER_KEYS) if k in loaded.sources]
    return ", ".join(where) if where else "the default API server (no DX_APISERVER_* setting)"


_loaded: Optional[LoadedConfig] = None


def configure_default_context(environ: Optional[Mapping[str, str]] = None) -> LoadedConfig:
    """Load the configuration and apply it to the default context (``import dxpy`` does this).

    :param environ: environment to use instead of ``os.environ`` (tests).
    :returns: the loaded configuration (also kept for :class:`DXConfig`).
    """
    global _loaded
    loaded = load_configuration(environ)
    apply_to_context(get_context(), loaded.values, environ=loaded.environ, loaded=loaded)
    _loaded = loaded
    return loaded


# -- the mapping view -------------------------------------------------------------


class DXConfig(MutableMapping):
    """Mapping view (``dxpy.config``) of the configuration variables in :data:`MANAGED_KEYS`.

    Reads show the merged value (environment over files); other names raise
    ``KeyError``. Assigning a value validates it, puts it in ``os.environ`` and
    updates the context; :meth:`save` writes every set value to ``environment.json``.
    Nothing is read before the first use.

    :param context: the context to keep in step (default: the process-wide one).
    :param environ: the environment to read and update (default ``os.environ``).
    """

    CORE_VAR_NAMES = CORE_KEYS
    STANDALONE_VAR_NAMES = STANDALONE_KEYS
    VAR_NAMES = MANAGED_KEYS
    #: What :meth:`clear` with ``reset=True`` stores (the public, unauthenticated setup).
    defaults = {
        "DX_SECURITY_CONTEXT": json.dumps({"auth_token": "PUBLIC", "auth_token_type": "Bearer"}),
        "DX_APISERVER_PROTOCOL": DEFAULT_APISERVER_PROTOCOL,
        "DX_APISERVER_HOST": DEFAULT_APISERVER_HOST,
        "DX_APISERVER_PORT": "443",
        "DX_CLI_WD": "/",
    }

    def __init__(
        self, context: Optional[ClientContext] = None, environ: Optional[MutableMapping[str, str]] = None
    ) -> None:
        self._context = context
        self._environ = environ
        self._values: Optional[dict[str, str]] = None
        self._sources: dict[str, str] = {}

    @property
    def environ(self) -> MutableMapping[str, str]:
        """The environment this view reads and writes (``os.environ`` by default).

        :returns: a mutable mapping of variable names to values.
        """
        return os.environ if self._environ is None else self._environ

    @property
    def context(self) -> ClientContext:
        """The context assignments are applied to.

        :returns: a :class:`~dxpy._context.ClientContext`.
        """
        return get_context() if self._context is None else self._context

    @property
    def conf_dir(self) -> str:
        """The user configuration directory this view saves to.

        :returns: a path (see :func:`user_conf_dir`).
        """
        return user_conf_dir(self.environ)

    def get_user_conf_dir(self) -> str:
        """Same as :attr:`conf_dir` (the upstream method name).

        :returns: the user configuration directory.
        """
        return self.conf_dir

    def _data(self) -> dict[str, str]:
        if self._values is None:
            loaded = _loaded
            if loaded is None or self._environ is not None or self._context is not None:
                loaded = load_configuration(self.environ)
            self._values = {k: v for k, v in loaded.values.items() if k in MANAGED_KEYS}
            self._sources = {k: v for k, v in loaded.sources.items() if k in MANAGED_KEYS}
        return self._values

    def reload(self) -> None:
        """Forget the cached values; the next access re-reads every source."""
        self._values = None
        if self._environ is None and self._context is None:
            global _loaded
            _loaded = None

    @staticmethod
    def _check_key(key: object) -> str:
        if key not in MANAGED_KEYS:
            raise KeyError(key)
        return str(key)

    def __getitem__(self, key: str) -> str:
        return self._data()[self._check_key(key)]

    def __setitem__(self, key: str, value: Any) -> None:
        key = self._check_key(key)
        if value is None:
            self.__delitem__(key)
            return
        if key == "DX_SECURITY_CONTEXT" and isinstance(value, Mapping):
            validate_security_context(value)
            value = json.dumps(dict(value))
        validate_value(key, value)
        data = self._data()
        data[key] = value
        self._sources[key] = "assigned through dxpy.config"
        self.environ[key] = value
        apply_to_context(self.context, data, keys=[key])

    def __delitem__(self, key: str) -> None:
        key = self._check_key(key)
        data = self._data()
        existed = data.pop(key, None) is not None
        self._sources.pop(key, None)
        self.environ.pop(key, None)
        if not existed:
            raise KeyError(key)
        apply_to_context(self.context, data, keys=[key])

    def __iter__(self) -> Iterator[str]:
        return iter([k for k in MANAGED_KEYS if k in self._data()])

    def __len__(self) -> int:
        return len(self._data())

    def __repr__(self) -> str:
        shown = {k: ("<redacted>" if k == "DX_SECURITY_CONTEXT" else v) for k, v in self._data().items()}
        return f"<DXConfig {shown!r}>"

    def write(self, key: str, value: Any) -> None:
        """Assign *key* (as ``self[key] = value``) and :meth:`save`.

        :param key: one of :data:`MANAGED_KEYS`.
        :param value: the new value (``None`` removes it).
        :raises KeyError: if *key* is not a managed name.
        :raises DXError: if the value is malformed.
        :raises OSError: if the file cannot be written.
        """
        if value is None:
            self.pop(self._check_key(key), None)
        else:
            self[key] = value
        self.save()

    def save(self) -> str:
        """Write every set variable to ``environment.json`` in :attr:`conf_dir`.

        The directory is created with mode 0700 and the file replaced atomically
        (temporary file + rename) with mode 0600.

        :returns: the path written.
        :raises OSError: if the directory or file cannot be written.
        """
        import tempfile

        conf = self.conf_dir
        if not os.path.isdir(conf):
            os.makedirs(conf, mode=0o700, exist_ok=True)
            os.chmod(conf, 0o700)
        path = os.path.join(conf, "environment.json")
        payload = json.dumps(dict(self.items()), indent=4, sort_keys=True) + "\n"
        fd, tmp = tempfile.mkstemp(dir=conf, prefix=".environment.json.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        logger.debug("Saved configuration to %s", path)
        return path

    def clear(self, reset: bool = False) -> None:
        """Forget every variable: remove them from ``os.environ`` and the context, and
        delete ``environment.json`` and ``environment`` in :attr:`conf_dir`.

        :param reset: then assign and :meth:`save` the :attr:`defaults`
            (public token, ``https://api.dnanexus.com``, ``DX_CLI_WD=/``).
        :raises OSError: if a file exists but cannot be removed or written.
        """
        data = self._data()
        for key in MANAGED_KEYS:
            self.environ.pop(key, None)
        data.clear()
        self._sources.clear()
        for name in ("environment.json", "environment"):
            path = os.path.join(self.conf_dir, name)
            if os.path.lexists(path):
                os.unlink(path)
        apply_to_context(self.context, data, keys=CORE_KEYS)
        if reset:
            for key, value in self.defaults.items():
                self[key] = value
            self.save()

    def source_of(self, key: str) -> Optional[str]:
        """Where the current value of *key* came from (``None`` if unset).

        :param key: one of :data:`MANAGED_KEYS`.
        :returns: e.g. ``"environment variable DX_APISERVER_HOST"``.
        :raises KeyError: if *key* is not a managed name.
        """
        key = self._check_key(key)
        self._data()
        return self._sources.get(key)


_config: Optional[DXConfig] = None


def get_config() -> DXConfig:
    """The process-wide :class:`DXConfig` (``dxpy.config``), created on first use.

    :returns: the shared instance.
    """
    global _config
    if _config is None:
        _config = DXConfig()
    return _config
