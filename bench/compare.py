#!/usr/bin/env python3
"""Compares a cold build of the example projects by this checkout's granska
against the granska of a baseline commit, measured in one run, and writes
the result into bench/RESULTS.md (the section between the markers).

Both binaries are release builds. Runs alternate between the two so that
noise on the shared machine falls on both alike; the ratio is of medians.
What is built: the main example (two reviews, five documents) with its
annual report, and examples/solvik (one review).

Usage: bench/compare.sh REF [LABEL]  (builds REF in a worktree under
bench/.tools/, which takes several minutes the first time).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
BEGIN = "<!-- compare:begin -->"
END = "<!-- compare:end -->"


def projects() -> Path:
    """A fresh copy of both example projects."""
    dir = Path(tempfile.mkdtemp(prefix="granska-compare-"))
    shutil.copytree(ROOT / "findings", dir / "main" / "findings")
    shutil.copy(ROOT / "granska.toml", dir / "main" / "granska.toml")
    shutil.copytree(ROOT / "examples" / "solvik", dir / "solvik", ignore=shutil.ignore_patterns("output"))
    return dir


def cold(binary: Path, dir: Path) -> float:
    """Seconds for a cold build of both projects (no output, no state)."""
    for project in ("main", "solvik"):
        shutil.rmtree(dir / project / "output", ignore_errors=True)
    start = time.perf_counter()
    for args in (["build", dir / "main"], ["arsrapport", "2011", dir / "main"], ["build", dir / "solvik"]):
        subprocess.run([binary, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: compare.py BASELINE_BINARY REF [LABEL]", file=sys.stderr)
        return 2
    baseline, ref = Path(sys.argv[1]), sys.argv[2]
    label = sys.argv[3] if len(sys.argv) > 3 else "this checkout"
    current = ROOT / "target" / "release" / "granska"
    dir = projects()
    cold(current, dir)  # warm the page cache for both
    cold(baseline, dir)
    base_times, new_times = [], []
    for _ in range(RUNS):
        base_times.append(cold(baseline, dir))
        new_times.append(cold(current, dir))
    documents = len(list(dir.glob("*/output/**/*.pdf")))
    shutil.rmtree(dir)
    base, new = statistics.median(base_times), statistics.median(new_times)
    ratio = new / base
    print(f"baseline {ref}: {base:.3f} s, {label}: {new:.3f} s, ratio {ratio:.3f}")
    commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    section = "\n".join([
        BEGIN,
        "## Against a baseline commit",
        "",
        f"Measured by `bench/compare.sh` on {time.strftime('%Y-%m-%d')}: a cold build of the example projects "
        "(`build` and `arsrapport 2011` of the main example, `build` of examples/solvik; "
        f"{documents} documents), "
        f"release builds, runs alternating between the two binaries, medians of {RUNS}.",
        "",
        "| binary | cold build (s) | ratio |",
        "|---|---:|---:|",
        f"| baseline {commit} | {base:.3f} | 1.00 |",
        f"| {label} ({head}) | {new:.3f} | {ratio:.2f} |",
        END,
    ])
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    if BEGIN in text:
        text = text.split(BEGIN)[0].rstrip("\n") + "\n\n" + section + text.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
