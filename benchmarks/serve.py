"""How fast ``briefgen serve`` answers, as server time, on a copy of the Met 2018/19 inputs:
the web editor's rows of ``run.py``'s table (``python benchmarks/run.py``).

Three measures, each a median: a field edit to its validation shown (the htmx request the
editor sends as the officer types: the library's checks on the form's text, each problem
placed at its field), the same edit to the preview updated (that one answer also carries the
grid; both goals are read from it, so its time counts against both), and the first page load
(the element editor, the first request a freshly started server answers: templates compiled,
framework loaded). Times are taken in the server's process, from the request arriving to the
answer's last byte (no network, no browser), both as wall time and as the process's CPU time:
on a shared machine whose other work slows the wall clock, the CPU time is the figure the
goals are read against. It is not a test: no test asserts a time.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MET = "metropolitan-2018-19"
PAGE = f"/a/{MET}/e/investigating-crime"
GOALS = {"edit": 50.0, "preview": 100.0, "first": 300.0}

FIRST_LOAD = """
import json, sys, time, warnings
from pathlib import Path
warnings.simplefilter("ignore")
from starlette.testclient import TestClient
from briefgen.serve.app import make_app
client = TestClient(make_app(Path(sys.argv[1]), "t", 8765), base_url="http://127.0.0.1:8765",
                    cookies={"briefgen_token": "t"})
started, cpu = time.perf_counter(), time.process_time()
answer = client.get(sys.argv[2])
assert answer.status_code == 200
print(json.dumps([(time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000]))
"""


def copy_inputs(folder: Path) -> Path:
    """The Met 2018/19 inputs (and the 2016 assessment they follow) copied into ``folder``."""
    shutil.copytree(ROOT / "inputs" / MET, folder / MET)
    shutil.copytree(
        ROOT / "inputs" / "metropolitan-2016-efficiency", folder / "metropolitan-2016-efficiency"
    )
    return folder


def edits(folder: Path, repeat: int) -> list[tuple[float, float]]:
    """Milliseconds (wall, CPU) for each edit's check (validation and preview in one answer)."""
    import lxml.html

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from briefgen.serve.app import make_app

    client = TestClient(
        make_app(folder, "t", 8765),
        base_url="http://127.0.0.1:8765",
        cookies={"briefgen_token": "t"},
    )
    page = client.get(PAGE).text
    form = lxml.html.fromstring(page).xpath("//form[contains(@class, 'editor')]")[0]
    values = dict(form.form_values())
    times = []
    for n in range(repeat + 3):
        values["comments-1-text"] = f"• The force needs to review it, edit {n}."
        started, cpu = time.perf_counter(), time.process_time()
        answer = client.post(f"{PAGE}/check", data=values)
        elapsed = ((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)
        assert answer.status_code == 200 and "typed" in answer.text and "grid-table" in answer.text
        if n >= 3:  # the first few warm the caches, as the officer's first keystrokes do
            times.append(elapsed)
    return times


def first_loads(folder: Path, repeat: int) -> list[tuple[float, float]]:
    """Milliseconds for the first page a fresh server process answers."""
    return [
        tuple(
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", FIRST_LOAD, str(folder), PAGE],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
        )
        for _ in range(repeat)
    ]


def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
