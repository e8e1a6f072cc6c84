"""`quiz import` of a real Anki package with its history, as a learner runs it.

Each run is a fresh ``quiz import PACKAGE`` process into empty decks and scores folders
(start-up, reading the zip, notes to facts, the YAML written and checked, every review
replayed and stored in one transaction). Target: under 3 s of wall time; the CPU time
(user + system) is printed too, since a shared machine stretches the wall time. Baseline,
in the same run:
a bare ``python -c pass`` and a fresh process that only opens the package's collection
(unzip, zstd, SQLite) and counts its review log — the floor any importer pays.

    python bench/bench_import.py [--package FILE.apkg] [--repeat 3] [--json]

The default package is the shared real export (``shared/data/anki/vietnamese-vocab.apkg``
next to the checkout); tests never use it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 3.0


def default_package() -> Path | None:
    """The shared real export, if it is next to this checkout (or its parent)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "data" / "anki" / "vietnamese-vocab.apkg"
        if candidate.is_file():
            return candidate
    return None


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(argv: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system) and stdout of one process."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    elapsed, used = time.perf_counter() - start, _cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    return elapsed, used, done.stdout


def run(package: Path, repeat: int) -> dict[str, object]:
    """Medians in seconds of the import and the two baselines, and the import's own report."""
    python = sys.executable
    floor = ("import sys; from pathlib import Path; from quiz.interop.anki_package import "
             "open_collection; c, _ = open_collection(Path(sys.argv[1])); "
             "print(c.execute('SELECT count(*) FROM revlog').fetchone()[0])")
    bare, opened, imported, cpu = [], [], [], []
    report = ""
    for _ in range(repeat):
        bare.append(_timed([python, "-c", "pass"])[0])
        opened.append(_timed([python, "-c", floor, str(package)])[0])
        with tempfile.TemporaryDirectory() as folder:
            seconds, used, report = _timed([python, "-m", "quiz", "import", str(package), "--decks",
                                            f"{folder}/decks", "--scores", f"{folder}/scores"])
            imported.append(seconds)
            cpu.append(used)
    median = statistics.median(imported)
    return {"package": str(package), "runs": repeat, "import_s": round(median, 3),
            "import_max_s": round(max(imported), 3), "import_cpu_s": round(statistics.median(cpu), 3),
            "python_startup_s": round(statistics.median(bare), 3),
            "open_collection_s": round(statistics.median(opened), 3),
            "ratio_to_open": round(median / statistics.median(opened), 2),
            "load_average": round(os.getloadavg()[0], 2), "cores": os.cpu_count(),
            "target_s": TARGET_S, "met": median < TARGET_S, "report": report.strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    package = args.package or default_package()
    if package is None or not package.is_file():
        print("MISSING: no package to import (give --package FILE.apkg)", file=sys.stderr)
        return 1
    result = run(package, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(result["report"])
    print(f"quiz import (median of {result['runs']}): {result['import_s']:.2f} s wall, "
          f"{result['import_cpu_s']:.2f} s CPU (max {result['import_max_s']:.2f} s; target "
          f"< {TARGET_S:.0f} s: {'met' if result['met'] else 'NOT met'}; load average "
          f"{result['load_average']} on {result['cores']} cores)")
    print(f"baselines: python start-up {result['python_startup_s']:.2f} s, opening the "
          f"collection alone {result['open_collection_s']:.2f} s "
          f"(import = {result['ratio_to_open']:.1f}x that)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
