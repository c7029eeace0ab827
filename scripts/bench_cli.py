#!/usr/bin/env python3
"""Time `corrector fix` on the bundled example: the whole CLI run (start-up included), the
correction alone, and peak memory.

    python scripts/bench_cli.py [--runs 5] [--transcript PATH] [--glossary PATH]

Warm runs: the first run builds the caches (~/.cache/corrector) and is reported separately.
Target (issue 2): the whole CLI run under 1.5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli_run(transcript: Path, glossary: Path) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "corrector", "fix", str(transcript), "--glossary", str(glossary)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"corrector failed: {proc.stderr.decode(errors='replace')}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak_kb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--transcript", type=Path, default=ROOT / "examples" / "seed" / "transcript.txt")
    ap.add_argument("--glossary", type=Path, default=ROOT / "examples" / "seed" / "show-terms.txt")
    a = ap.parse_args()

    first, _ = cli_run(a.transcript, a.glossary)
    times, peak = [], 0
    for _ in range(a.runs):
        elapsed, peak = cli_run(a.transcript, a.glossary)
        times.append(elapsed)

    sys.path.insert(0, str(ROOT))
    from corrector import Corrector, load_all

    text = a.transcript.read_text(encoding="utf-8")
    corrector = Corrector(load_all([a.glossary]))
    corrector.correct(text[:200])  # load the dictionaries; time the matching itself
    alone = []
    for _ in range(a.runs):
        start = time.perf_counter()
        result = corrector.correct(text)
        alone.append(time.perf_counter() - start)

    print(f"transcript: {a.transcript.name} ({len(text)} characters, {len(result.corrections)} changes)")
    print(f"whole CLI run (warm caches): median {statistics.median(times):.2f} s, best {min(times):.2f} s over {a.runs} runs")
    print(f"first CLI run (building caches): {first:.2f} s")
    print(f"correction alone: median {statistics.median(alone):.2f} s")
    print(f"peak memory of a CLI run: {peak / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
