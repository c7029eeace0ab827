"""How much faster a batch runs with more processes.

    python3 scripts/bench_batch.py                     # 200 files, --jobs 1 then --jobs 2
    python3 scripts/bench_batch.py --files 100 --cues 40 --jobs 1 2 4

Makes FILES transcripts cut from the seed (SRT, WebVTT, Whisper JSON and timestamped text in
turn, CUES cues each), copies them once per --jobs value, runs
`corrector fix --write DIR --jobs N --quiet` on each copy as a fresh process, checks that
every copy ends up byte for byte the same, and prints the wall time and speed-up of each.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOW = ROOT / "examples" / "seed" / "show-terms.txt"


def _seed_module():
    spec = importlib.util.spec_from_file_location("make_seed_files", ROOT / "tests" / "data" / "make_seed_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_files(folder: Path, count: int, cues_per_file: int) -> int:
    """Write the transcripts; the number of characters of cue text in them."""
    seed = _seed_module()
    cues = seed.cues()
    total = 0
    for k in range(count):
        part = [cues[(k * cues_per_file + i) % len(cues)] for i in range(cues_per_file)]
        total += sum(len(t) for _, _, t in part)
        kind = seed.BATCH_KINDS[k % 4]
        text = seed.small_file(kind, part)
        (folder / f"episode{k:03d}.{kind}").write_text(text, encoding="utf-8")
    return total


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--cues", type=int, default=20, help="cues per file (the seed has about 1,600)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        chars = make_files(source, args.files, args.cues)
        original = snapshot(source)
        # warm the caches (glossary indexes, jieba's dictionary) so that no run pays for them
        subprocess.run([sys.executable, "-m", "corrector", "fix", "-", "-g", str(SHOW)], input="你好".encode(), env=env, check=True, capture_output=True)
        results = {}
        print(f"{args.files} files, {chars} characters of cue text, {os.cpu_count()} cores")
        for jobs in args.jobs:
            folder = Path(tmp) / f"jobs{jobs}"
            shutil.copytree(source, folder)
            command = [sys.executable, "-m", "corrector", "fix", "--write", str(folder), "-g", str(SHOW), "--jobs", str(jobs)]
            start = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                sys.exit(f"--jobs {jobs} failed: {done.stderr}")
            results[jobs] = (elapsed, snapshot(folder), done.stderr.strip().splitlines()[-1])
        base = results[args.jobs[0]][0]
        for jobs, (elapsed, files, summary) in results.items():
            print(f"--jobs {jobs}: {elapsed:6.2f} s  speed-up {base / elapsed:4.2f}x  ({summary.removeprefix('corrector: ')})")
        same = all(files == results[args.jobs[0]][1] for _, files, _ in results.values())
        changed = sum(1 for name, data in results[args.jobs[0]][1].items() if data != original[name])
        print(f"same files from every run: {'yes' if same else 'NO'}; {changed} of {args.files} files changed")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
