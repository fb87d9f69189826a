"""Gradings the report states in words rather than on a line of their own.

The inspectorate's summaries grade in sentences whose subject is the force or service and whose
topic is a pillar or element: "the extent to which the force is effective at … is good",
"Surrey Fire and Rescue Service's overall effectiveness requires improvement", "Kent Police is
good at investigating crime", "The service requires improvement in the way it prevents fires and
other risks". Lists grade several areas in turn ("In 2017, we assessed the force as good at:"
and its bullets; a grading on a line of its own and the areas under it). A judgment from an
earlier year that still stands is carried over, with its year.

Each grading keeps the sentence it was read from, which the draft quotes beside it. A topic that
names no part exactly (something narrower or wider) grades nothing, nor does a subject that is
not the force or service, nor a grading qualified in words ("generally good").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..model import Framework
from .blocks import BULLET, PARAGRAPH, Block
from .comments import sentences
from .names import Part, heading_part, names_of, normal, topic_part, within, words

_GRADE = r"outstanding|good|adequate|inadequate|requires? improvement"
_SUBJECT_END = re.compile(
    r"(?:^|\s)(?:police|constabulary|police service|police force|service|force|it|frs|brigade|"
    r"fire and rescue service|fire & rescue service|fire and rescue authority)$"
)
_EXTENT = re.compile(
    rf"^the (?:extent to which|(?P<pillar>[a-z]+) with which) (?P<subj>.+?) "
    rf"(?P<what>(?:is|are|operates?|treats?|looks?|keeps?|carries|carry) .+?) "
    rf"(?:is (?P<g>{_GRADE})|(?P<g2>requires improvement))$"
)
#: "Cleveland Police has been assessed as good in respect of the efficiency with which it …"
_IN_RESPECT = re.compile(
    rf"^(?P<subj>.+?) (?:has been|was|is) (?:assessed|judged|graded) as "
    rf"(?P<g>{_GRADE}) in respect of (?:the |its )?(?P<pillar>[a-z]+)"
    rf"(?P<what>) with which .*$"
)
_OVERALL = re.compile(
    rf"^(?P<subj>.+?)(?:'s)? overall (?P<what>[a-z]+) "
    rf"(?:is (?P<g>{_GRADE})|(?P<g2>requires improvement))$"
)
_JUDGED = re.compile(
    rf"^(?:in (?P<year>(?:19|20)\d\d)(?:/\d\d)?,? )?(?:we|hmicfrs|hmic|the inspectorate) "
    rf"(?:judged|assessed|graded|found|rated) (?P<subj>.+?) (?:to be |as )(?:being )?"
    rf"(?P<g>{_GRADE}) (?P<rest>(?:at|in) .+)$"
)
_IS_AT = re.compile(
    rf"^(?P<subj>.+?) (?:(?:is|was|remains|continues to be)(?: (?:judged|assessed|graded|rated)"
    rf" (?:to be|as))? (?P<g>{_GRADE})|(?:is judged to )?(?P<g2>requires? improvement)) "
    rf"(?P<rest>(?:at|in|for) .+)$"
)
#: Where a sentence goes on to another topic ("…, and at tackling …", "…, but requires …").
_NEXT = re.compile(
    rf",(?: and| but)?(?: it)?(?: is| was)? (?P<g>{_GRADE}) (?:at|in) |"
    rf",? (?:and|but)(?: it)?(?: is| was)?(?: (?P<g2>{_GRADE}))? (?:at|in) "
)
_TOPIC_END = re.compile(
    r"(?:,? but\b|;| and (?:has|have|is|was|it|we)\b|, which\b|"
    r", including\b|, as\b|, with\b|,? although\b| - |, and it\b"
    r"|, while\b|, where\b|, though\b|, despite\b).*$"
)
_LIST_LEAD = re.compile(
    rf"^(?:in (?P<year>(?:19|20)\d\d),? )?.*?\b(?:is|as|be|was) "
    rf"(?P<g>{_GRADE}) (?:at|in)$"
)
_CARRIED = re.compile(
    r"judgments? (?:from (?:the |our )?(?P<year>(?:19|20)\d\d)\b.*?"
    r"(?:has|have) been carried over|.*still stands?)"
)
#: "Surrey's protection of the public requires improvement", "its use of resources is good",
#: "the ability of Humberside Police to investigate crime requires improvement".
_POSSESSIVE = re.compile(
    rf"^(?:(?P<subj>.+?)(?:'s|s') |(?P<its>its|their) |the ability of (?P<subj2>.+?) to )"
    rf"(?P<rest>.+?) (?:(?:is|was|remains)(?: judged to be| assessed as| graded as)? "
    rf"(?P<g>{_GRADE})|(?P<g2>requires? improvement))$"
)
_ASPECT = re.compile(
    r"^(?:overall )?(?:effectiveness|efficiency|approach|work|performance|"
    r"ability) (?:at|in|to) "
)
_ASIDE = re.compile(r",? \b(?:however|also|therefore|now|still)\b,?(?= )")
_ROW = re.compile(rf"^(?P<name>.+?)\s*(?:[:|]| - |\s)\s*(?P<g>{_GRADE})$")


@dataclass(frozen=True)
class Stated:
    """A grading the report states for a part, and the words it states it in."""

    part: Part
    grade: str
    said: str
    carried_from: int | None = None
    rank: int = 1  # how plainly it is stated: 0 a list or table, 1 a sentence, 2 a past year


def stated_gradings(blocks: list[Block], framework: Framework) -> dict[Part, Stated]:
    """Every part's grading stated in a sentence or list, where the report is of one mind."""
    names = names_of(framework)
    for pillar in framework.named_pillars:  # "… is good at reducing crime and keeping people safe"
        if pillar.question:
            names[Part("pillar", pillar.key)].append(
                words(pillar.question) - {"effectiv", "efficient", "legitimat"}
            )
    labels = {g.label.casefold(): g.label for g in framework.scale}
    found: list[Stated] = []
    lead: tuple[str, int | None, str] | None = None  # a list's grading, year and lead-in
    for index, block in enumerate(blocks):
        text = normal(block.text)
        if block.kind == BULLET and lead is not None:
            graded, year, said = lead
            part = topic_part(re.sub(r"(?:;|,)? (?:and|or)$", "", text), names) or heading_part(
                block.text, names
            )
            if part is not None:
                found.append(Stated(part, graded, f"{said} … {block.text}", year, 0))
            continue
        lead = None
        if block.kind == BULLET:
            continue
        alone = labels.get(text)
        if alone and index + 1 < len(blocks) and blocks[index + 1].kind == BULLET:
            lead = (alone, None, block.text)
            continue
        row = _ROW.match(text)
        grade = _label(row["g"], labels) if row and len(text) < 150 else None  # a table's row
        part = heading_part(row["name"], names) if row and grade else None
        if part is not None and grade:
            found.append(Stated(part, grade, block.text, None, 0))
            continue
        if block.kind != PARAGRAPH:
            continue
        listed = _LIST_LEAD.match(text) if block.text.rstrip().endswith(":") else None
        grade = _label(listed["g"], labels) if listed else None
        if listed and grade:
            lead = (grade, int(listed["year"]) if listed["year"] else None, block.text)
            continue
        for sentence in sentences(block.text):
            for clause in re.split(r";\s+(?:and\s+|but\s+)?", sentence):
                found.extend(_from_sentence(clause, names, labels, framework))
    return _agreed(found)


def section_grading(section: list[Block], framework: Framework, key: str) -> Stated | None:
    """The grading a sentence under an element's own heading gives it: the force or service is
    graded at a topic that says no more than the element's name ("… is good at understanding
    risk" under "How effective is the FRS at understanding the risk of fire …?")."""
    names = names_of(framework)
    mine = names[Part("element", key)]
    labels = {g.label.casefold(): g.label for g in framework.scale}
    said: list[Stated] = []
    for block in section:
        if block.kind != PARAGRAPH:
            continue
        for sentence in sentences(block.text):
            text = _ASIDE.sub("", re.sub(r"\s*\([^)]*\)", "", normal(sentence)))
            match = _IS_AT.match(text)
            if match is None:
                continue
            subject = match["subj"].rsplit(", ", 1)[-1]
            grade = _label(match["g"] or match["g2"], labels)
            if grade and _subject(subject) and not _NEXT.search(match["rest"]):
                topic = _TOPIC_END.sub("", re.sub(r"^(?:at|in|for) ", "", match["rest"]))
                if within(topic.strip(" ,."), mine):
                    said.append(Stated(Part("element", key), grade, sentence))
    return said[0] if len({s.grade for s in said}) == 1 else None


def carried_over_year(blocks: list[Block]) -> int | None:
    """The year of the judgment a section says is carried over, if it says so."""
    for block in blocks:
        found = _CARRIED.search(normal(block.text))
        if found and found["year"]:
            return int(found["year"])
    return None


def _label(text: str | None, labels: dict[str, str]) -> str | None:
    if not text:
        return None
    text = "requires improvement" if text == "require improvement" else text
    return labels.get(text)


def _subject(text: str) -> bool:
    """Whether ``text`` is the force or service, or it doing something else first ("the force
    works well with partner organisations and [is good at …]")."""
    if len(text.split()) <= 8 and _SUBJECT_END.search(text):
        return True
    first = _FIRST_DOING.match(text)
    return first is not None and _subject(first["who"])


_FIRST_DOING = re.compile(r"^(?P<who>(?:\S+ ){0,5}?\S+) (?:\w+s|has|is|was) .* and$")


def _from_sentence(
    sentence: str,
    names: dict[Part, list[frozenset[str]]],
    labels: dict[str, str],
    framework: Framework,
) -> list[Stated]:
    text = re.sub(r"\s*\([^)]*\)", "", normal(sentence))
    text = re.sub(r"[;,] (?:and|or)$", "", _ASIDE.sub("", text))
    text = re.sub(rf"(?: is)?: (?=(?:{_GRADE})$)", " is ", text)  # "… reducing crime is: good"
    extent = _EXTENT.match(text) or _OVERALL.match(text) or _IN_RESPECT.match(text)
    if extent:
        grade = _label(extent["g"] or extent.groupdict().get("g2"), labels)
        if not _subject(extent["subj"]):
            return []
        part = _pillar_by_word(extent.groupdict().get("pillar") or extent["what"], framework)
        return [Stated(part, grade, sentence)] if part and grade else []
    owned = _POSSESSIVE.match(text)
    if owned:
        subject = (owned["its"] or owned["subj"] or owned["subj2"]).rsplit(", ", 1)[-1]
        if owned["its"] is None and not _subject(subject):
            return []
        topic = _ASPECT.sub("", _TOPIC_END.sub("", owned["rest"]))
        grade = _label(owned["g"] or owned["g2"], labels)
        return [Stated(part, grade, sentence) for part in _topics(topic, names)] if grade else []
    judged = _JUDGED.match(text)
    match = judged or _IS_AT.match(text)
    subject = match["subj"].rsplit(", ", 1)[-1] if match else ""
    if not match or not _subject(subject) or subject.startswith(("in ", "we ")):
        return []
    year = int(judged["year"]) if judged and judged["year"] else None
    grade = _label(match["g"] or match.groupdict().get("g2"), labels)
    out = []
    rest = match["rest"]
    pieces = [(grade, rest)]
    while True:  # "good at A, and at B", "good at A but requires improvement in B"
        last_grade, last = pieces[-1]
        more = _NEXT.search(last)
        if not more:
            break
        pieces[-1] = (last_grade, last[: more.start()])
        pieces.append((_label(more["g"] or more["g2"], labels) or last_grade, last[more.end() :]))
    for piece_grade, piece in pieces:
        topic = _TOPIC_END.sub("", re.sub(r"^(?:at|in|for) ", "", piece)).strip(" ,.")
        for part in _topics(topic, names):
            if piece_grade:
                out.append(Stated(part, piece_grade, sentence, year, 2 if year else 1))
    return out


def _topics(topic: str, names: dict[Part, list[frozenset[str]]]) -> list[Part]:
    """The part a topic names; or the two parts it names joined by "and" ("investigating
    crime and tackling serious and organised crime"); or the part its first clause names."""
    exact = heading_part(topic, names)
    if exact:
        return [exact]
    for split in re.finditer(r" and (?=\w+ing\b)", topic):  # two doings, not one's two objects
        left, right = _topic(topic[: split.start()], names), _topic(topic[split.end() :], names)
        if left and right and left != right:
            return [left, right]
    whole = _topic(topic, names)
    if whole:
        return [whole]
    first = _topic(topic.split(", ", 1)[0], names)
    return [first] if first else []


def _topic(topic: str, names: dict[Part, list[frozenset[str]]]) -> Part | None:
    return topic_part(topic, names) or topic_part(topic, names, "pillar")


def _pillar_by_word(what: str, framework: Framework) -> Part | None:
    """The pillar a clause such as "is effective at …" or "looks after its people" is about."""
    said = [w[:7] for w in re.findall(r"[a-z]+", what)]
    for pillar in framework.named_pillars:
        if pillar.name.casefold()[:7] in said:
            return Part("pillar", pillar.key)
    for pillar in framework.named_pillars:
        if pillar.name.casefold() in what.split():
            return Part("pillar", pillar.key)
    return None


def _agreed(found: list[Stated]) -> dict[Part, Stated]:
    """Each part's most plainly stated grading, where what is stated at that rank agrees; a
    judgment of an earlier year that gives the same grading says it was carried over."""
    out: dict[Part, Stated] = {}
    for part in dict.fromkeys(s.part for s in found):
        mine = [s for s in found if s.part == part]
        best = min(s.rank for s in mine)
        said = [s for s in mine if s.rank == best]
        if len({(s.grade, s.carried_from) for s in said}) == 1:
            out[part] = said[0]
            past = {s.carried_from for s in mine if s.carried_from and s.grade == said[0].grade}
            if said[0].carried_from is None and len(past) == 1:  # "In 2017 we judged it …"
                out[part] = dataclasses.replace(said[0], carried_from=past.pop())
    return out
