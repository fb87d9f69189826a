"""text_measure: work done once a document (a paragraph laid out once, a copy as its
original) without an answer going stale when a paragraph is changed."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from briefgen.templates import builtin_templates
from briefgen.text_measure import Measure


def test_a_copy_is_laid_out_as_its_original_until_it_is_changed():
    document = docx.Document(str(builtin_templates()["summary-grid"]))
    measure = Measure.of(document)
    paragraph = document.add_paragraph("Areas for improvement in how the force answers calls")
    original = measure.paragraph(paragraph._p)
    assert measure.paragraph(paragraph._p) is original  # laid out once
    made = measure.copy_of(paragraph._p)
    assert made is not paragraph._p and measure.paragraph(made) is original
    text = made.find(f".//{qn('w:t')}")
    text.text += " (continued)"
    measure.changed(made)
    relaid = measure.paragraph(made)
    assert relaid is not original
    assert "".join(run.text for run in relaid.runs).endswith("(continued)")
    assert measure.paragraph_height(made, 2000, None) >= measure.paragraph_height(
        paragraph._p, 2000, None
    )
