"""Where derived data is cached between runs (jieba's prefix dictionary, glossary indexes).

`CORRECTOR_CACHE_DIR` overrides the place; otherwise `$XDG_CACHE_HOME/corrector` or
`~/.cache/corrector`, and the system's temporary folder if that cannot be created.
Everything here can be deleted at any time: it is rebuilt when missing.
"""

from __future__ import annotations

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
