"""Chinese words and how likely a piece of text reads as language (jieba's dictionary).

Each `ChineseLexicon` owns a `jieba.Tokenizer` (never the global one) with the glossary's
terms added. Its unigram model scores the best segmentation of a window of text, so the
corrector can ask "does the window read better with the term than with what the ASR wrote?":
a misheard term usually leaves a rare word or a non-word behind (灰達, 張亮), an ordinary word
that happens to sound like a term does not (回答, 中心).

jieba keeps its dictionary in a dict of half a million words and prefixes, which takes half a
second to load on a small machine, longer than correcting a transcript. Here the tokenizer's
`FREQ` is a `TrieFrequencies`: the same interface over a memory-mapped marisa trie of jieba's
dictionary (built once into the cache folder, opened in a millisecond) plus the added terms.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterable

import marisa_trie

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


TRIE_FORMAT = 2  # bump when the trie's layout changes
TOTAL_KEY = "__total__"  # where the trie keeps jieba's total frequency (not a Chinese word)
# everyday words of the internet and tech era that jieba's dictionary lacks (极客, 吐槽, 踩坑)
MODERN_WORDS = Path(__file__).parent / "data" / "modern_words.txt"
# ... and the everyday words of Taiwan usage (客制化, 宅配, 简报) and of the Mainland's recent
# years (摆烂, 鉴权) it lacks, which would otherwise read as what a misheard term leaves behind
REGIONAL_WORDS = Path(__file__).parent / "data" / "regional_words.txt"
ADDED_WORDS = (MODERN_WORDS, REGIONAL_WORDS)


def _read_words(path: Path, words: dict[str, int]) -> None:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                word, freq = line.split(" ")[:2]
                words[word] = max(int(freq), words.get(word, 0))


def _build_trie(source: Path, target: Path) -> None:
    words: dict[str, int] = {}
    _read_words(source, words)
    for added in ADDED_WORDS:
        _read_words(added, words)
    records = [(w, (f,)) for w, f in words.items()]
    records.append((TOTAL_KEY, (sum(words.values()),)))
    trie = marisa_trie.RecordTrie("<Q", records)
    fd, tmp = tempfile.mkstemp(dir=target.parent)
    os.close(fd)
    trie.save(tmp)
    os.replace(tmp, target)


def _base_dictionary() -> "marisa_trie.RecordTrie":
    source = Path(jieba.__file__).parent / "dict.txt"
    modern = hashlib.sha256(b"".join(p.read_bytes() for p in ADDED_WORDS)).hexdigest()[:12]
    path = cache_dir() / f"jieba-{jieba.__version__}-{int(source.stat().st_mtime)}-{modern}-{TRIE_FORMAT}.marisa"
    for rebuild in (not path.is_file(), True):  # a damaged or foreign file is rebuilt once
        try:
            if rebuild:
                _build_trie(source, path)
            trie = marisa_trie.RecordTrie("<Q")
            trie.mmap(str(path))
            trie[TOTAL_KEY]
            return trie
        except (OSError, RuntimeError, KeyError):
            continue
    with tempfile.TemporaryDirectory() as folder:  # no usable cache folder: build in memory
        tmp = Path(folder) / "jieba.marisa"
        _build_trie(source, tmp)
        trie = marisa_trie.RecordTrie("<Q")
        trie.load(str(tmp))
        return trie


class TrieFrequencies:
    """jieba's `Tokenizer.FREQ` interface (word -> frequency, every prefix of a word present
    with 0) over a marisa trie, with the words the corrector adds kept in a small dict."""

    def __init__(self, trie: "marisa_trie.RecordTrie"):
        self.trie = trie
        self.added: dict[str, int] = {}
        self._memo: dict[str, int | None] = {}
        self.total = trie[TOTAL_KEY][0][0]

    def _lookup(self, key: str) -> int | None:
        if key in self.added:
            return self.added[key]
        if key in self._memo:
            return self._memo[key]
        found = self.trie.get(key)
        if found:
            value: int | None = found[0][0]
        else:  # a prefix of some word counts as present with frequency 0
            value = 0 if next(self.trie.iterkeys(key), None) is not None else None
        self._memo[key] = value
        return value

    def get(self, key: str, default=None):
        value = self._lookup(key)
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return self._lookup(key) is not None

    def __getitem__(self, key: str) -> int:
        value = self._lookup(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: int) -> None:
        self.added[key] = value


def base_frequency(word: str) -> int:
    """A Simplified word's frequency in jieba's own dictionary (0 for a non-word), without
    the glossary's terms and without building a tokenizer."""
    global _BASE
    if _BASE is None:
        _BASE = TrieFrequencies(_base_dictionary())
    return _BASE.get(word) or 0


_BASE: TrieFrequencies | None = None


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
            freq = TrieFrequencies(_base_dictionary())
            tokenizer.FREQ, tokenizer.total = freq, freq.total
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
