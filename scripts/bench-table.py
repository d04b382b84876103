#!/usr/bin/env python3
"""Runs `cargo bench --bench pipeline` and prints its figures as the
markdown tables of docs/performance.md.

    python3 scripts/bench-table.py                    # COPYDESK_BENCH_MAX_MB=4
    COPYDESK_BENCH_MAX_MB=100 python3 scripts/bench-table.py
    python3 scripts/bench-table.py --from saved-output.txt

Divan prints, for each benchmark, a row of times and a row of
throughputs (fastest, slowest, median, mean); the tables use the median
throughput, or another column with --column (the fastest run is the
steadier figure when other work shares the machine). The cost per byte relative to a reference is the reference's
throughput over the input's: 1.0 means the same cost per byte.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"B/s": 1e-6, "KB/s": 1e-3, "MB/s": 1.0, "GB/s": 1e3}
THROUGHPUT = re.compile(r"([\d.]+)\s*(B/s|KB/s|MB/s|GB/s)")


COLUMNS = ["fastest", "slowest", "median", "mean"]


def parse(output: str, column: str = "median") -> dict[str, dict[str, float]]:
    """{group: {argument: median MB/s}} from divan's tree output: a branch
    line (`├─ name` or `╰─ name`, indented three characters a level) names
    a benchmark or an argument; the line with MB/s figures after it holds
    its throughputs (fastest, slowest, median, mean)."""
    results: dict[str, dict[str, float]] = {}
    group = leaf = None
    for line in output.splitlines():
        branch = re.match(r"^((?:[│ ]  )*)[├╰]─ (\S+)", line)
        if branch:
            name = branch.group(2).strip('"')
            if branch.group(1) == "":
                group = name
            leaf = name
            continue
        speeds = THROUGHPUT.findall(line)
        if len(speeds) >= 3 and group is not None and leaf is not None:
            value, unit = speeds[COLUMNS.index(column)]
            results.setdefault(group, {})[leaf] = float(value) * UNITS[unit]
            leaf = None
    return results


def megabytes(size: str) -> str:
    bytes_ = int(size)
    return f"{bytes_ / 1e6:g} MB" if bytes_ >= 1_000_000 else f"{bytes_ / 1e3:g} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="saved", type=Path, help="read saved bench output")
    parser.add_argument(
        "--column",
        choices=COLUMNS,
        default="median",
        help="which of divan's columns (default median; fastest on a busy machine)",
    )
    args = parser.parse_args()
    if args.saved:
        output = args.saved.read_text()
    else:
        run = subprocess.run(
            ["cargo", "bench", "--bench", "pipeline"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        output = run.stdout
        if run.returncode != 0:
            sys.stdout.write(output)
            sys.exit("cargo bench failed")
    print("```")
    print("\n".join(line for line in output.splitlines() if ":" in line and "items" in line or line.startswith("corpus")))
    print("```\n")
    results = parse(output, args.column)
    corpus = results.get("corpus_articles", {})
    if corpus:
        speed = next(iter(corpus.values()))
        print(f"Corpus, whole pipeline on one thread: **{speed:.1f} MB/s**\n")
    generated = results.get("generated", {})
    if generated:
        smallest = generated[min(generated, key=int)]
        print("| generated article | MB/s | cost per byte vs 1 KB |")
        print("|---:|---:|---:|")
        for size in sorted(generated, key=int):
            print(f"| {megabytes(size)} | {generated[size]:.1f} | {smallest / generated[size]:.2f}× |")
        print()
    pathological = results.get("pathological", {})
    if pathological and "article" in pathological:
        normal = pathological["article"]
        print("| input | MB/s | cost per byte vs a normal article |")
        print("|---|---:|---:|")
        for shape, speed in pathological.items():
            print(f"| {shape} | {speed:.1f} | {normal / speed:.2f}× |")
        print()
    # Each shape at 1% and 10% (`scaling`) and 100% (`pathological`) of its
    # size: the cost per byte relative to the smallest, near 1 when linear.
    scaling = results.get("scaling", {})
    if scaling and pathological:
        print("| input | MB/s at 1% / 10% / 100% of its size | cost per byte, 100% vs 1% |")
        print("|---|---:|---:|")
        for shape, full in pathological.items():
            small = scaling.get(f"{shape}@1%")
            tenth = scaling.get(f"{shape}@10%")
            if small is None or tenth is None:
                continue
            print(f"| {shape} | {small:.1f} / {tenth:.1f} / {full:.1f} | {small / full:.2f}× |")


if __name__ == "__main__":
    main()
