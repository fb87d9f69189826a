"""draft/comments.py: comment bullets drafted from a summary's sentences."""

from __future__ import annotations

from briefgen.draft.comments import LEAD, carries_on, draft_comments, sentences


def test_sentences_split_at_their_ends_but_not_at_abbreviations():
    assert sentences("The force is good, e.g. at triage. It also works well. “Yes,” it said.") == [
        "The force is good, e.g. at triage.",
        "It also works well.",
        "“Yes,” it said.",
    ]


def test_a_sentence_that_carries_on_from_the_one_before():
    assert carries_on("However, it should improve.") and carries_on("It also keeps records.")
    assert not carries_on("The force keeps records.")


def test_comments_lead_sentences_with_what_carries_on_kept_with_them():
    text = " ".join(f"Point {n} stands alone." for n in range(1, 8))
    assert draft_comments([text]) == [f"Point {n} stands alone." for n in range(1, LEAD + 1)]
    assert draft_comments(
        ["The force is good. However, it must improve. Its records are poor."]
    ) == ["The force is good. However, it must improve.", "Its records are poor."]
    many = "One. Two. Three. Four. But five. For example six. Seven."
    assert draft_comments([many]) == ["One.", "Two.", "Three.", "Four. But five. For example six."]
