"""Memory of ``newsparse.parse`` in one process, on the ScrapingHub pages (issue #9).

    python -m benchmarks.memory [--data DIR] [--passes N]

Pages are decoded once up front; then every page is parsed, pass after pass. Printed: the
process's RSS before the first pass, its growth after one pass (current and peak, VmHWM), and
the RSS after 10, 25, 50 ... passes up to ``--passes``: flat when nothing accumulates (the
bounded caches fill in the first passes and stay full).
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

import newsparse
from benchmarks.common import DATA_ROOT, load_scrapinghub

CHECKPOINTS = (10, 25, 50, 100, 200, 500)


def status_mb(field: str) -> float:
    """A ``/proc/self/status`` memory field ("VmRSS", "VmHWM") in MB (Linux)."""
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_ROOT / "scrapinghub")
    parser.add_argument("--passes", type=int, default=100, help="passes over the set (100)")
    args = parser.parse_args(argv)
    pages = load_scrapinghub(args.data)
    gc.collect()
    start, start_peak = status_mb("VmRSS"), status_mb("VmHWM")
    print(f"{len(pages)} pages decoded; RSS before parsing {start:.1f} MB")
    for page in pages:
        newsparse.parse(page.html, page.url)
    print(
        f"after 1 pass: RSS {status_mb('VmRSS'):.1f} MB (+{status_mb('VmRSS') - start:.1f}), "
        f"peak growth +{status_mb('VmHWM') - start_peak:.1f} MB"
    )
    for done in range(2, args.passes + 1):
        for page in pages:
            newsparse.parse(page.html, page.url)
        if done in CHECKPOINTS or done == args.passes:
            print(
                f"after {done} passes: RSS {status_mb('VmRSS'):.1f} MB, "
                f"peak {status_mb('VmHWM'):.1f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
