"""`corrector glossary explain TEXT`: how a piece of text sounds to the corrector, which terms
it is close to, and what the corrector would do with it, and why."""

from __future__ import annotations

from . import en_match, en_sound, evidence, mixed_match, zh_match, zh_sound
from .engine import Corrector, alias_candidates
from .glossary import Glossary
from .index import sound_parts
from .script import detect, is_han
from .text import TextView


def explain_text(text: str, glossary: Glossary, *, top: int = 8) -> str:
    corrector = Corrector(glossary)
    script = detect(text)
    index = corrector.index(script)
    out = [f"text: {text}  ({script.value})"]

    han = "".join(ch for ch in text if is_han(ch))
    if han:
        readings = zh_sound.readings(han)
        shown = []
        for ch, heard in zip(han, readings):
            shown.append("/".join(str(s) for s in heard) if heard else "?")
        out.append(f"pinyin: {' '.join(shown)}")
        near = []
        for term in index.chinese:
            if abs(len(term.syllables) - len(han)) <= 1 and all(readings):
                alignment = zh_sound.align(term.syllables, readings, corrector.settings.zh_merge_cost)  # type: ignore[arg-type]
                near.append((alignment.similarity, term.form, term.entry.file, zh_sound.pinyin_string(term.syllables)))
        near.sort(key=lambda x: -x[0])
        if near:
            out.append("closest Chinese terms:")
            for sim, form, file, pinyin in near[:top]:
                out.append(f"  {sim:.3f}  {form}  ({pinyin})  {file}")

    words = list(sound_parts(text))
    if words:
        readings_en = en_sound.phrase_readings(words)
        out.append(f"sounds (English): {' | '.join(en_sound.show(r) for r in readings_en[:3])}")
        scored = []
        for term in index.english:
            sim, _a, _b = en_sound.best_similarity(readings_en, term.readings)
            scored.append((sim, term.form, term.entry.file))
        scored.sort(key=lambda x: -x[0])
        out.append("closest English terms:")
        for sim, form, file in scored[:top]:
            out.append(f"  {sim:.3f}  {form}  {file}")
        lexicon = en_sound.Lexicon.bundled()
        zipfs = ", ".join(f"{w} {lexicon.zipf(w):.1f}" for w in words if not w[0].isdigit())
        out.append(f"English word frequency (Zipf; {corrector.settings.en_real_word_zipf} or more is a real word): {zipfs}")

    result = corrector.correct(text)
    if result.corrections or result.suggestions:
        out.append("the corrector would:")
        for c in result.corrections:
            out.append(f"  change {c.before} → {c.after} ({c.rule}, {c.score:.2f}): {c.reason}")
        for c in result.suggestions:
            out.append(f"  suggest {c.before} → {c.after} ({c.rule}, {c.score:.2f}): {c.reason}")
    else:
        out.append("the corrector would change nothing.")
    out.extend(_turned_down(text, corrector, script, top))
    return "\n".join(out) + "\n"


def _turned_down(text: str, corrector: Corrector, script, top: int) -> list[str]:
    """The closest candidates that were considered and turned down, with the reason."""
    index = corrector.index(script)
    view = TextView(text, index)
    trace: list = []
    chinese = zh_match.find(view, index, corrector.lexicon, corrector.settings, trace)
    lines = []
    for start, end, term, sim, why in sorted(trace, key=lambda t: -t[3])[:top]:
        lines.append(f"  {text[start:end]} → {term} ({sim:.3f}): {why}")
    candidates = alias_candidates(view, index) + en_match.find(view, index, corrector.settings)
    candidates += mixed_match.find(view, index, corrector.lexicon, corrector.settings) + chinese
    applied = {(c.start, c.end, c.after) for c in evidence.decide(list(candidates), text, corrector.settings)}
    for c in sorted(candidates, key=lambda c: -c.similarity)[:top]:
        if (c.start, c.end, c.after) in applied:
            continue
        evidence.look_around(c, text, corrector.settings)
        need = f"needs {c.threshold:.2f}"
        if c.evidence_needed:
            need += f" and {c.evidence_needed} piece of {'strong ' if c.strong_evidence_only else ''}evidence"
        found = "; ".join(d for _k, d in c.supports) or "no evidence"
        lines.append(f"  {c.before} → {c.after} ({c.similarity:.3f}): {c.reasons[0] if c.reasons else ''}; {need}; found: {found}")
    return (["turned down:"] + lines) if lines else []
