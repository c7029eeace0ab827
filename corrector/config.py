"""The config file: default glossaries, domains, thresholds and the decisions path.

The closest `corrector.toml` in the current folder or a parent wins, or the `[tool.corrector]`
table of a `pyproject.toml` there (in one folder, `corrector.toml` comes first; a
pyproject.toml without that table is passed over). Command-line options override it. Every
value remembers where it came from, for `corrector config show`.

    glossaries = ["terms.txt"]         # user glossaries, relative to this file
    domains = ["ai", "computing"]      # bundled domains to use (default: all)
    bundled = true                     # load the bundled glossaries at all
    aliases = true                     # use glossary aliases
    decisions = "reviews/{stem}.json"  # where review keeps its decisions, relative to this
                                       # file; {name}, {stem}: the input's file name with and
                                       # without extension (default: {stem}.decisions.json
                                       # beside the input)
    [thresholds]                       # any field of corrector.settings.Settings, by name
    zh_min_similarity_2 = 0.9
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .decisions import DEFAULT_FILE_NAME as DEFAULT_DECISIONS
from .inputs import InputError
from .settings import DEFAULT, Settings

FILE = "corrector.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_SOURCE = "default"
COMMAND_LINE = "command line"
KEYS = ("glossaries", "domains", "bundled", "aliases", "decisions", "thresholds")
THRESHOLDS = tuple(name for name in Settings.field_names() if name != "use_aliases")


class ConfigError(InputError):
    """A config file that cannot be used; one line naming the file and the key."""


@dataclass(frozen=True)
class Value:
    value: object
    source: str = DEFAULT_SOURCE  # "default", the config file's path, or "command line"


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the config file found, if any
    glossaries: Value = Value(())  # tuple of paths (config ones made absolute)
    domains: Value = Value(None)  # tuple of names, or None for every bundled domain
    bundled: Value = Value(True)
    aliases: Value = Value(True)
    decisions: Value = Value(None)  # a path template; None: DEFAULT_DECISIONS beside the input
    thresholds: dict[str, Value] = field(default_factory=lambda: {name: Value(getattr(DEFAULT, name)) for name in THRESHOLDS})

    def settings(self) -> Settings:
        values = {name: v.value for name, v in self.thresholds.items()}
        return Settings(use_aliases=bool(self.aliases.value), **values)

    def glossary_paths(self) -> list[str]:
        return list(self.glossaries.value)  # type: ignore[arg-type]

    def domain_names(self) -> list[str] | None:
        return list(self.domains.value) if self.domains.value is not None else None  # type: ignore[arg-type]

    def use_bundled(self) -> bool:
        return bool(self.bundled.value)

    def decisions_path(self, input_path: str) -> Path:
        """Where the decisions about `input_path` are kept."""
        source = Path(input_path)
        if self.decisions.value is None:
            return source.parent / DEFAULT_DECISIONS.format(name=source.name, stem=source.stem)
        if self.decisions.source == COMMAND_LINE:
            return Path(str(self.decisions.value))
        return Path(str(self.decisions.value).format(name=source.name, stem=source.stem))


def find_config(start_dir: str | Path | None = None) -> tuple[Path, dict] | None:
    """The closest config file at or above `start_dir` and its table of settings."""
    folder = Path(start_dir or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        own = directory / FILE
        if own.is_file():
            return own, _read_toml(own)
        pyproject = directory / PYPROJECT
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("corrector")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{pyproject}: [tool.corrector] must be a table")
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None


def load_config(start_dir: str | Path | None = None) -> Config:
    """Defaults, overridden by the closest config file (see the module's docstring)."""
    found = find_config(start_dir)
    if found is None:
        return Config()
    path, table = found
    return _from_table(path, table)


def _from_table(path: Path, table: dict) -> Config:
    source = str(path)
    where = f"{path}" + (" [tool.corrector]" if path.name == PYPROJECT else "")
    unknown = set(table) - set(KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(KEYS)})")
    config = Config(path=path)
    changes: dict[str, object] = {}
    if "glossaries" in table:
        paths = _strings(table["glossaries"], where, "glossaries")
        changes["glossaries"] = Value(tuple(str(path.parent / p) for p in paths), source)
    if "domains" in table:
        changes["domains"] = Value(tuple(_strings(table["domains"], where, "domains")), source)
    for key in ("bundled", "aliases"):
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{where}: {key!r} must be true or false")
            changes[key] = Value(table[key], source)
    if "decisions" in table:
        template = table["decisions"]
        if not isinstance(template, str) or not template:
            raise ConfigError(f"{where}: 'decisions' must be a path")
        try:
            template.format(name="x", stem="x")
        except (KeyError, IndexError, ValueError):
            raise ConfigError(f"{where}: 'decisions' may use only {{name}} and {{stem}}") from None
        if not Path(template).is_absolute():
            template = str(path.parent / template)
        changes["decisions"] = Value(template, source)
    given = table.get("thresholds", {})
    if not isinstance(given, dict):
        raise ConfigError(f"{where}: [thresholds] must be a table")
    changes["thresholds"] = _with_thresholds(config.thresholds, given, where, source)
    return dataclasses.replace(config, **changes)


def _with_thresholds(current: dict, given: dict, where: str, source: str) -> dict:
    """The thresholds with the given ones set, each checked by name and type."""
    thresholds = dict(current)
    for name, value in given.items():
        if name not in thresholds:
            raise ConfigError(f"{where}: unknown threshold {name!r} (see corrector/settings.py for the names)")
        thresholds[name] = Value(_typed(name, value, where), source)
    return thresholds


def _strings(value: object, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: {key!r} must be a list of text")
    return list(value)


def _typed(name: str, value: object, where: str) -> object:
    default = getattr(DEFAULT, name)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value  # type: ignore[arg-type]
    if not ok:
        kind = "true or false" if isinstance(default, bool) else "a whole number" if isinstance(default, int) else "a number"
        raise ConfigError(f"{where}: threshold {name!r} must be {kind}, not {value!r}")
    return value


def apply_to(
    config: Config,
    *,
    glossaries=(),
    domains=(),
    no_aliases: bool = False,
    no_bundled: bool = False,
    decisions: str | None = None,
    thresholds: dict[str, object] | None = None,
) -> Config:
    """The config with command-line options over it: options given replace the config's
    values (glossaries and domains as a whole list); flags not given leave them alone."""
    changes: dict[str, object] = {}
    if glossaries:
        changes["glossaries"] = Value(tuple(str(g) for g in glossaries), COMMAND_LINE)
    if domains:
        changes["domains"] = Value(tuple(domains), COMMAND_LINE)
    if no_aliases:
        changes["aliases"] = Value(False, COMMAND_LINE)
    if no_bundled:
        changes["bundled"] = Value(False, COMMAND_LINE)
    if decisions:
        changes["decisions"] = Value(str(decisions), COMMAND_LINE)
    if thresholds:
        changes["thresholds"] = _with_thresholds(config.thresholds, thresholds, COMMAND_LINE, COMMAND_LINE)
    return dataclasses.replace(config, **changes)


def render(config: Config) -> str:
    """The effective settings as TOML, each with where it came from."""

    def toml(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(toml(v) for v in value) + "]"
        if isinstance(value, str):
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return repr(value)

    rows: list[tuple[str, str]] = []
    domains = config.domains.value
    rows.append((f"glossaries = {toml(config.glossaries.value)}", config.glossaries.source))
    rows.append(((f"domains = {toml(domains)}" if domains is not None else "# domains: every bundled domain"), config.domains.source))
    rows.append((f"bundled = {toml(config.bundled.value)}", config.bundled.source))
    rows.append((f"aliases = {toml(config.aliases.value)}", config.aliases.source))
    if config.decisions.value is None:
        rows.append((f"# decisions: {DEFAULT_DECISIONS} beside the input", config.decisions.source))
    else:
        rows.append((f"decisions = {toml(config.decisions.value)}", config.decisions.source))
    rows.append(("", ""))
    rows.append(("[thresholds]", ""))
    for name, value in config.thresholds.items():
        rows.append((f"{name} = {toml(value.value)}", value.source))
    width = max(len(text) for text, _s in rows)
    header = f"# config file: {config.path}" if config.path else "# no config file (corrector.toml or [tool.corrector] in pyproject.toml) found"
    lines = [header]
    for text, source in rows:
        lines.append(f"{text:<{width}}  # {source}" if source else text)
    return "\n".join(line.rstrip() for line in lines) + "\n"
