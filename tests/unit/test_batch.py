"""batch.py: jobs checked and rendered in order, in this process or across workers; a job
that fails fails alone, its error coming back with it."""

from __future__ import annotations

import dataclasses

from briefgen.batch import Job, run, run_all
from briefgen.docx_content import show
from briefgen.errors import InputError
from briefgen.options import BuildOptions
from briefgen.templates import builtin_templates

from ..helpers import MET

GRID = builtin_templates()["summary-grid"]


def test_a_job_gives_a_document_per_template():
    result = run(Job(MET, (GRID, builtin_templates()["briefing"])))
    assert result.error is None and len(result.documents) == 2
    assert all(document[:2] == b"PK" for document in result.documents)


def test_a_failing_job_fails_alone_and_results_keep_the_jobs_order(met_copy):
    (met_copy / "elements" / "armed-response.yaml").unlink()
    done = []
    results = run_all(
        [Job(met_copy, (GRID,)), Job(MET, (GRID,))],
        workers=1,
        progress=lambda n, total, folder: done.append((n, total, folder)),
    )
    assert [r.folder for r in results] == [met_copy, MET]
    assert isinstance(results[0].error, InputError) and not results[0].documents
    assert "armed-response" in str(results[0].error)
    assert results[1].error is None and len(results[1].documents) == 1
    assert done == [(1, 2, met_copy), (2, 2, MET)]


def test_strict_fails_on_a_warning_and_paper_overrides_the_input(met_copy, tmp_path):
    element = met_copy / "elements" / "investigating-crime.yaml"
    element.write_text(
        element.read_text("utf-8").replace(
            "comments:\n", "comments:\n  - A point # not a comment\n", 1
        ),
        "utf-8",
    )
    assert run(Job(met_copy, (GRID,))).warnings
    strict = run(Job(met_copy, (GRID,), BuildOptions(met_copy, strict=True)))
    assert isinstance(strict.error, InputError) and strict.error.problems[0].warning
    appendix = builtin_templates()["committee-appendix"]
    asked = BuildOptions(MET, paper={"committee": "A committee of the test"})
    paper = run(Job(MET, (appendix,), asked))
    (tmp_path / "paper.docx").write_bytes(paper.documents[0])
    assert "A committee of the test" in str(show(tmp_path / "paper.docx"))
    plain = run(dataclasses.replace(Job(MET, (appendix,))))
    (tmp_path / "plain.docx").write_bytes(plain.documents[0])
    assert "A committee of the test" not in str(show(tmp_path / "plain.docx"))
