"""Chinese words and how likely a piece of text reads as language (jieba's dictionary).

Each `ChineseLexicon` owns a `jieba.Tokenizer` (never the global one) with the glossary's
terms added. Its unigram model scores the best segmentation of a window of text, so the
corrector can ask "does the window read better with the term than with what the ASR wrote?":
a misheard term usually leaves a rare word or a non-word behind (灰達, 張亮), an ordinary word
that happens to sound like a term does not (回答, 中心).

jieba reads its prefix dictionary from a marshal cache with `marshal.load(file)`, which takes
over a second on a small machine; reading the same data with `marshal.loads(bytes)` from our
own cache takes a third of that.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from .cache import cache_dir


def _import_jieba():
    # jieba imports pkg_resources only to open its own dictionary and falls back to a plain
    # open() without it; importing pkg_resources costs a quarter of a second at start-up.
    if "pkg_resources" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(60)  # jieba logs each dictionary load at DEBUG level to stderr
    return jieba


jieba = _import_jieba()


def _base_dictionary() -> tuple[dict[str, int], int]:
    source = Path(jieba.__file__).parent / "dict.txt"
    cache = cache_dir() / f"jieba-{jieba.__version__}-{int(source.stat().st_mtime)}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tokenizer = jieba.Tokenizer()
    with open(source, "rb") as f:
        freq, total = tokenizer.gen_pfdict(f)
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent)
        with os.fdopen(fd, "wb") as out:
            marshal.dump((freq, total), out)
        os.replace(tmp, cache)
    except OSError:  # a read-only cache only costs time
        pass
    return freq, total


class ChineseLexicon:
    """Loads jieba's dictionary on first use: text without Chinese candidates never pays for it."""

    def __init__(self, extra_words: Iterable[tuple[str, int]] = (), *, minimum: bool = False):
        """`extra_words` are added with their frequency; with `minimum`, a word jieba already
        knows keeps its own frequency if that is higher."""
        self._extra = list(extra_words)
        self._minimum = minimum
        self._tokenizer = None

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            tokenizer = jieba.Tokenizer()
            freq, total = _base_dictionary()
            tokenizer.FREQ, tokenizer.total = freq, total
            tokenizer.initialized = True
            for word, frequency in self._extra:
                known = freq.get(word) or 0
                if not (self._minimum and known >= frequency):
                    tokenizer.add_word(word, frequency)
            self._tokenizer = tokenizer
        return self._tokenizer

    def frequency(self, word: str) -> int:
        """Frequency in jieba's dictionary (Simplified text), 0 for a non-word."""
        return self.tokenizer.FREQ.get(word) or 0

    def log_prob(self, text: str) -> float:
        """Log probability of the best segmentation of `text` under jieba's unigram model."""
        if not text:
            return 0.0
        tk = self.tokenizer
        dag = tk.get_DAG(text)
        route: dict[int, tuple[float, int]] = {}
        tk.calc(text, dag, route)
        return route[0][0]

    def segment(self, text: str) -> list[str]:
        tk = self.tokenizer
        dag = tk.get_DAG(text)
        route: dict[int, tuple[float, int]] = {}
        tk.calc(text, dag, route)
        words, i = [], 0
        while i < len(text):
            j = route[i][1] + 1
            words.append(text[i:j])
            i = j
        return words
