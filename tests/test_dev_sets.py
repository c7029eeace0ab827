"""Where the corrector must stand on the development sets in ../shared/eval (skipped when the
data is not there). The scorers are the sets' own (eval/score.py, eval/score_aishell.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


from corrector import Corrector, Settings, load_all


def scorer(shared: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def seed_summary(shared: Path, aliases: bool = True) -> dict:
    seed = shared / "eval" / "seed"
    original = (seed / "transcript.txt").read_text(encoding="utf-8")
    corrected = Corrector(load_all([seed / "show-terms.txt"]), Settings(use_aliases=aliases)).correct(original).text
    score = scorer(shared, "score")
    results, fps, _problems = score.score(original, corrected, score.load_gold(seed / "gold.tsv"))
    return score.summarise(results, fps, original, corrected)


def test_seed(shared):
    s = seed_summary(shared)
    assert s["tiers"]["T"]["recall"] >= 0.90
    assert s["tiers"]["F"]["recall"] >= 0.90
    assert s["precision"] >= 0.97


def test_seed_by_sound_alone(shared):
    assert seed_summary(shared, aliases=False)["tiers"]["T"]["recall"] >= 0.85


def test_gold_corrected_seed_is_left_almost_alone(shared):
    seed = shared / "eval" / "seed"
    original = (seed / "transcript.txt").read_text(encoding="utf-8")
    score = scorer(shared, "score")
    spans, _ = score.gold_spans(original, [r for r in score.load_gold(seed / "gold.tsv") if r["right"]])
    fixed, cursor = [], 0
    for start, end, _tier, _wrong, rights in sorted(spans):
        if start < cursor:
            continue
        fixed += [original[cursor:start], rights[0]]
        cursor = end
    fixed.append(original[cursor:])
    gold_text = "".join(fixed)
    changes = Corrector(load_all([seed / "show-terms.txt"])).correct(gold_text).corrections
    assert len(changes) <= 2, [(c.before, c.after) for c in changes]


def test_aishell_ne(shared):
    aishell = scorer(shared, "score_aishell")
    rows = aishell.load_pairs()
    corrector = Corrector(load_all([shared / "eval" / "aishell-ne" / "hotwords_test.txt"]))
    outputs = [corrector.correct(hyp).text for _uttid, hyp, _ref, _hot in rows]
    result = aishell.score(outputs, rows, aishell.hotwords())
    assert result["hotword_recall"] >= 0.85
    assert result["hotword_precision"] >= 0.97
    assert result["damaged"] <= 3
