#!/usr/bin/env python3
"""Times copydesk beside textlint and proselint on the same corpus files.

Installs textlint (with @textlint-rule/textlint-rule-no-unmatched-pair and
textlint-rule-date-weekday-mismatch, the two rules closest to copydesk's
unbalanced-quote and weekday-mismatch) from npm and proselint from PyPI
into a temporary directory, copies a deterministic sample of the corpus
there, times each tool over the same files in the same run, and prints a
markdown table: wall time, MB/s, CPU time, and both times relative to
copydesk on one thread.

    cargo build --release
    python3 scripts/compare-tools.py [--mb 2] [--corpus DIR] [--keep]

The corpus is $COPYDESK_CORPUS, else ../shared/corpus beside the crate.
Nothing is installed outside the temporary directory (npm's and pip's
download caches aside), and it is removed afterwards unless --keep.
The tools do different amounts of work (textlint runs two rules, proselint
its own few dozen checks, copydesk its default rules), so the ratios say
how long each takes on news copy, not which is faster at the same task.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ["bbc", "reuters21578", "scrapinghub-aeb", "horne2017", "golbeck2018"]
TEXTLINT_PACKAGES = [
    "textlint",
    "@textlint-rule/textlint-rule-no-unmatched-pair",
    "textlint-rule-date-weekday-mismatch",
]


def sample(corpus: Path, megabytes: float) -> list[Path]:
    """Files taken in turn from each set (sorted), until the sample holds
    `megabytes` MB, so every set is represented whatever the size."""
    per_set = [sorted((corpus / name).glob("*.txt")) for name in SETS]
    chosen, total, index = [], 0, 0
    limit = megabytes * 1e6
    while total < limit and any(index < len(files) for files in per_set):
        for files in per_set:
            if index < len(files) and total < limit:
                chosen.append(files[index])
                total += files[index].stat().st_size
        index += 1
    return chosen


def run(command, cwd=None, env=None, quiet=True):
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL if quiet else subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else subprocess.PIPE,
        text=True,
    )


def timed(command, cwd=None, runs=1):
    """Best wall time and best CPU time (user + system, the tool's own
    processes) of `runs` runs. CPU time is the steadier figure on a shared
    machine, where a busy neighbour stretches wall time."""
    best_wall = best_cpu = None
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        # Findings make the tools exit 1.
        if code not in (0, 1):
            sys.exit(f"{command[0]} failed with exit code {code}")
        cpu = usage.ru_utime + usage.ru_stime
        best_wall = wall if best_wall is None else min(best_wall, wall)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="sample size in MB (default 2)")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    corpus = args.corpus or Path(
        os.environ.get("COPYDESK_CORPUS", ROOT.parent / "shared" / "corpus")
    )
    if not corpus.is_dir():
        sys.exit(f"corpus not found at {corpus} (set COPYDESK_CORPUS)")
    copydesk = ROOT / "target" / "release" / "copydesk"
    if not copydesk.exists():
        sys.exit("build copydesk first: cargo build --release")

    work = Path(tempfile.mkdtemp(prefix="copydesk-compare-"))
    try:
        files = sample(corpus, args.mb)
        articles = work / "articles"
        articles.mkdir()
        for path in files:
            shutil.copyfile(path, articles / f"{path.parent.name}-{path.name}")
        names = sorted(p.name for p in articles.iterdir())
        megabytes = sum((articles / n).stat().st_size for n in names) / 1e6
        print(f"Installing textlint and proselint into {work} ...", file=sys.stderr)

        node = work / "node"
        node.mkdir()
        (node / "package.json").write_text('{"private": true}\n')
        result = run(["npm", "install", "--no-audit", "--no-fund", *TEXTLINT_PACKAGES], cwd=node, quiet=False)
        if result.returncode != 0:
            sys.exit(f"npm install failed:\n{result.stderr}")
        (work / ".textlintrc.json").write_text(
            '{"rules": {"@textlint-rule/no-unmatched-pair": true, "date-weekday-mismatch": true}}\n'
        )
        textlint = node / "node_modules" / ".bin" / "textlint"

        venv = work / "venv"
        run([sys.executable, "-m", "venv", str(venv)])
        pip = venv / "bin" / "pip"
        result = run([str(pip), "install", "--quiet", "proselint"], quiet=False)
        if result.returncode != 0:
            sys.exit(f"pip install proselint failed:\n{result.stderr}")
        proselint = venv / "bin" / "proselint"
        # proselint 0.14 takes `proselint check FILES`; older ones take FILES.
        help_text = run([str(proselint), "--help"], quiet=False).stdout
        proselint_command = [str(proselint)] + (["check"] if "check" in help_text.split() else [])

        def version(command):
            out = run(command, quiet=False)
            return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr).strip() else "?"

        tools = [
            (
                "copydesk, 1 thread",
                version([str(copydesk), "--version"]),
                [str(copydesk), "check", "--no-config", "--format", "json", "-j", "1", *names],
                3,
            ),
            (
                f"copydesk, {os.cpu_count()} threads",
                version([str(copydesk), "--version"]),
                [str(copydesk), "check", "--no-config", "--format", "json", *names],
                3,
            ),
            (
                "textlint (2 rules)",
                "textlint " + version([str(textlint), "--version"]),
                [str(textlint), "--config", str(work / ".textlintrc.json"), "--format", "json", *names],
                1,
            ),
            (
                "proselint",
                "proselint "
                + version(
                    [
                        str(venv / "bin" / "python"),
                        "-c",
                        "import importlib.metadata as m; print(m.version('proselint'))",
                    ]
                ),
                [*proselint_command, *names],
                1,
            ),
        ]
        print(f"Timing over {len(names)} articles, {megabytes:.2f} MB ...", file=sys.stderr)
        rows = []
        for name, tool_version, command, runs in tools:
            wall, cpu = timed(command, cwd=articles, runs=runs)
            rows.append((name, tool_version, wall, cpu))
            print(f"  {name}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)

        reference_wall, reference_cpu = rows[0][2], rows[0][3]
        print(f"{len(names)} articles, {megabytes:.2f} MB, {os.cpu_count()} cores\n")
        print(
            "| tool | version | wall time | MB/s (wall) | CPU time | "
            "wall vs copydesk (1 thread) | CPU vs copydesk (1 thread) |"
        )
        print("|---|---|---:|---:|---:|---:|---:|")
        for name, tool_version, wall, cpu in rows:
            print(
                f"| {name} | {tool_version} | {wall:.2f} s | {megabytes / wall:.2f} "
                f"| {cpu:.2f} s | {wall / reference_wall:.1f}× | {cpu / reference_cpu:.1f}× |"
            )
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
