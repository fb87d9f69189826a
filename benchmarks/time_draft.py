"""Time briefgen draft on each format: python benchmarks/time_draft.py REPORT... (not a test)."""

import sys
import tempfile
import time
from pathlib import Path

from briefgen.draft import draft

for report in map(Path, sys.argv[1:]):
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        draft(report, Path(folder) / "out")
        print(f"{report.name}: {time.perf_counter() - start:.2f} s")
