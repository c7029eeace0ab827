"""Where derived data is cached between runs (jieba's prefix dictionary, glossary indexes).

`CORRECTOR_CACHE_DIR` overrides the place; otherwise `$XDG_CACHE_HOME/corrector` or
`~/.cache/corrector`, and the system's temporary folder if that cannot be created.
Everything here can be deleted at any time: it is rebuilt when missing.
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def cache_dir() -> Path:
    configured = os.environ.get("CORRECTOR_CACHE_DIR")
    base = Path(configured) if configured else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corrector"
    for candidate in (base, Path(tempfile.gettempdir()) / f"corrector-{os.getuid() if hasattr(os, 'getuid') else 'user'}"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            if os.access(candidate, os.W_OK):
                return candidate
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="corrector-"))


def code_fingerprint() -> str:
    """Changes whenever the code or data that derived caches depend on changes."""
    import hashlib

    here = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for name in ("glossary.py", "index.py", "zh_sound.py", "en_sound.py", "script.py", "names.py", "data/sound_table.toml", "data/surnames.txt"):
        digest.update((here / name).read_bytes())
    stat = (here / "data" / "english.tsv").stat()
    digest.update(f"{stat.st_size}".encode())
    return digest.hexdigest()[:16]


def load_or_build(key: str, build):
    """The pickled result of `build()`, stored under `key` in the cache folder."""
    import pickle

    path = cache_dir() / f"{key}.pickle"
    try:
        with open(path, "rb") as f, _no_gc():
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        pass
    value = build()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent, key.split("-")[0])
    except OSError:
        pass
    return value


@contextlib.contextmanager
def _no_gc():
    """Unpickling makes hundreds of thousands of objects, none of them garbage; the cyclic
    collector, run every few hundred allocations, would walk them all again and again (more
    than half of the load time). What was loaded is then frozen out of later collections."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


KEEP_PER_KIND = 12  # cached glossaries and indexes kept per kind; the oldest go first


def _prune(folder: Path, kind: str) -> None:
    """Drop old entries of one kind, so that editing a glossary often does not fill the disk."""
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_PER_KIND:]:
        try:
            old.unlink()
        except OSError:
            pass
