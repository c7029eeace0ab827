#!/usr/bin/env python3
"""Score corrector on the development sets in ../shared/eval (when they are there).

    python scripts/evaluate.py [--shared PATH] [--set seed|pie|aishell|all] [--show N]

Runs the corrector through its Python API (same code as `corrector fix`) and scores with the
sets' own scorers, so figures match what `eval/score.py` reports for the CLI's output.
The evaluation data is third-party and is never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corrector import Corrector, load_all  # noqa: E402
from corrector.settings import Settings  # noqa: E402


def run_scorer(shared: Path, original: Path, corrected: str, gold: Path, show: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(corrected)
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(original), f.name, str(gold), "--json"],
        capture_output=True, text=True, check=True,
    )
    Path(f.name).unlink()
    return json.loads(out.stdout)


def line(label: str, s: dict) -> str:
    t = s["tiers"]
    return (f"{label:28} T {t['T']['fixed']}/{t['T']['total']} ({t['T']['recall']})  F {t['F']['fixed']}/{t['F']['total']}  "
            f"G {t['G']['fixed']}/{t['G']['total']}  precision {s['precision']}  fp {s['false_positives']}  wrong {s['wrong_fixes']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--set", default="all", choices=["seed", "pie", "aishell", "all"])
    ap.add_argument("--show", type=int, default=0, help="list misses, wrong fixes and false positives")
    a = ap.parse_args()
    ev = a.shared / "eval"
    if not ev.is_dir():
        print(f"no evaluation data at {ev}", file=sys.stderr)
        return 2

    def report(label, s):
        print(line(label, s))
        if a.show:
            for key in ("missed", "wrong", "fp"):
                for item in s.get(key, [])[: a.show]:
                    print(f"    {key}: {item}")

    if a.set in ("seed", "all"):
        seed = ev / "seed"
        text = (seed / "transcript.txt").read_text(encoding="utf-8")
        for label, aliases in (("seed", True), ("seed --no-aliases", False)):
            corrector = Corrector(load_all([seed / "show-terms.txt"]), Settings(use_aliases=aliases))
            report(label, run_scorer(a.shared, seed / "transcript.txt", corrector.correct(text).text, seed / "gold.tsv", a.show))
    if a.set in ("pie", "all"):
        pie = ev / "pie"
        corrector = Corrector(load_all([pie / "show-terms.txt"]))
        for gold in sorted(pie.glob("*.gold.tsv")):
            original = gold.with_name(gold.name.replace(".gold.tsv", ".txt"))
            text = original.read_text(encoding="utf-8")
            report("pie/" + original.stem[:22], run_scorer(a.shared, original, corrector.correct(text).text, gold, a.show))
    if a.set in ("aishell", "all"):
        hyps = subprocess.run([sys.executable, str(ev / "score_aishell.py"), "hyps"], capture_output=True, text=True, check=True).stdout
        corrector = Corrector(load_all([ev / "aishell-ne" / "hotwords_test.txt"]))
        out = "".join(corrector.correct(h).text + "\n" for h in hyps.splitlines())
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            f.write(out)
        res = subprocess.run([sys.executable, str(ev / "score_aishell.py"), "score", f.name, "--json"], capture_output=True, text=True, check=True)
        Path(f.name).unlink()
        s = json.loads(res.stdout)
        print(f"{'aishell-ne':28} hotword recall {s['hotword_recall_before']} -> {s['hotword_recall']}  precision {s['hotword_precision']}  "
              f"damaged {s['damaged']}  CER {s['cer_before']} -> {s['cer_after']}  changed {s['utterances_changed']}")
        if a.show:
            for d in s["damaged_examples"][: a.show]:
                print("    damaged:", d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
