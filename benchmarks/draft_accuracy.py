"""How briefgen draft reads real reports: python benchmarks/draft_accuracy.py [TRUTH.yaml ...]

Drafts every report of the real-report corpus (tests/fixtures/reports/real/: each ``<slug>.txt``
beside its hand-read ``<slug>.truth.yaml``) and prints, per report and in total: framework right
(or refused naming the right one), gradings right / stated / wrong / invented, findings found /
stated / extra, the share of findings drafted word for word, force and date right, and the
seconds the draft took. Not a test: tests/e2e/test_draft_real.py asserts the thresholds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.draft_accuracy import report_of, score, truths  # noqa: E402

from briefgen.draft import draft  # noqa: E402
from briefgen.errors import BriefgenError  # noqa: E402

COLUMNS = (
    "report",
    "framework",
    "gradings r/s",
    "wrong",
    "invented",
    "findings f/s",
    "extra",
    "verbatim",
    "force",
    "date",
    "seconds",
)


def measure(truth: Path) -> tuple[dict, float]:
    """The draft of ``truth``'s report scored against it, and the seconds it took."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        try:
            draft(report_of(truth), Path(folder) / "out")
        except BriefgenError as exc:
            return score(truth, None, str(exc)), time.perf_counter() - start
        seconds = time.perf_counter() - start
        return score(truth, Path(folder) / "out"), seconds


def _row(name: str, s: dict, seconds: float) -> list[str]:
    verbatim = s["findings_verbatim"] / s["findings_stated"] if s["findings_stated"] else 1.0
    force = "yes" if s["force"] is True else ("PROSE" if s["force_prose"] else "tbc")
    date = "yes" if s["date"] else "no"
    if s["refused"]:  # nothing drafted: no force or date to judge
        force = date = "n/a"
    framework = ("yes" if s["framework"] is True else "no") + (" (refused)" if s["refused"] else "")
    return [
        name,
        framework,
        f"{s['gradings_right']}/{s['gradings_stated']}",
        str(s["gradings_wrong"]),
        str(s["gradings_invented"]),
        f"{s['findings_found']}/{s['findings_stated']}",
        str(s["findings_extra"]),
        f"{verbatim:.0%}",
        force,
        date,
        f"{seconds:.2f}",
    ]


def main(argv: list[str]) -> int:
    chosen = [Path(a) for a in argv] or truths()
    drafted = 0
    rows, total, seconds = (
        [],
        dict.fromkeys(
            (
                "framework",
                "gradings_right",
                "gradings_stated",
                "gradings_wrong",
                "gradings_invented",
                "findings_found",
                "findings_stated",
                "findings_extra",
                "findings_verbatim",
                "force",
                "force_prose",
                "date",
            ),
            0,
        ),
        0.0,
    )
    for truth in chosen:
        result, took = measure(truth)
        rows.append(_row(truth.name.removesuffix(".truth.yaml"), result, took))
        for key in total:
            total[key] += int(result[key])
        drafted += not result["refused"]
        seconds += took
    n = len(chosen) or 1
    verbatim = (
        total["findings_verbatim"] / total["findings_stated"] if total["findings_stated"] else 1.0
    )
    rows.append(
        [
            f"TOTAL ({len(chosen)})",
            f"{total['framework']}/{len(chosen)}",
            f"{total['gradings_right']}/{total['gradings_stated']}",
            str(total["gradings_wrong"]),
            str(total["gradings_invented"]),
            f"{total['findings_found']}/{total['findings_stated']}",
            str(total["findings_extra"]),
            f"{verbatim:.0%}",
            f"{total['force']}/{drafted} ({total['force_prose']} prose)",
            f"{total['date']}/{drafted}",
            f"{seconds / n:.2f} each",
        ]
    )
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
