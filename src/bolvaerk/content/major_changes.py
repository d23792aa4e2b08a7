"""The questions of the major-change wizard (R-FP-10), from lists/major_changes.yaml.

Rules: one question per TS example (a)-(g), in that order, each with its text in every language;
each says which sections to revisit (a non-empty list of known section keys, no repeats), whether
the risk forms must be re-assessed, and why. The file is checked when it is first read: a wrong
key or value raises ContentError naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bolvaerk.content import CONTENT_DIR
from bolvaerk.content._checking import (
    At,
    Text,
    check_unique,
    choice,
    flag,
    mapping,
    read_document,
    record,
    sequence,
    string,
    translated,
)
from bolvaerk.domain.enums import MajorChange, Provenance

MAJOR_CHANGES_FILE = CONTENT_DIR / "lists" / "major_changes.yaml"
# The parts of the template a question can send the user back to (the editor's page keys).
SECTION_KEYS = ("front", "1", "2", "3", "4", "port", "5", "6", "7", "8", "annexes")


@dataclass(frozen=True, slots=True)
class ChangeQuestion:
    change: MajorChange
    question: Text  # language -> the yes/no question
    provenance: Provenance  # of the question's text (TS's example)
    sections: tuple[str, ...]  # SECTION_KEYS to revisit when the answer is yes
    reassess_forms: bool  # every risk form of section 7 must be re-assessed
    why: Text  # why these sections, in a sentence
    revisit_provenance: Provenance  # of the mapping (our reading: proposal)

    def text(self, lang: str) -> str:
        return self.question.get(lang, self.question["da"])

    def reason(self, lang: str) -> str:
        return self.why.get(lang, self.why["da"])


@cache
def major_change_questions() -> tuple[ChangeQuestion, ...]:
    """The seven questions in the order (a)-(g)."""
    document, at = read_document(MAJOR_CHANGES_FILE, builtin=True)
    fields = record(document, at, ("provenance", "questions"))
    provenance = choice(Provenance, fields["provenance"], at / "provenance")
    entries = mapping(fields["questions"], at / "questions")
    expected = [change.value for change in MajorChange]
    if list(entries) != expected:
        raise (at / "questions").error(
            f"expected the questions {', '.join(expected)} in this order, got {', '.join(entries)}"
        )
    return tuple(
        _question(MajorChange(key), value, at / "questions" / key, provenance)
        for key, value in entries.items()
    )


def _question(change: MajorChange, value: object, at: At, default: Provenance) -> ChangeQuestion:
    entry = record(value, at, ("question", "revisit"), ("provenance",))
    revisit_at = at / "revisit"
    revisit = record(
        entry["revisit"], revisit_at, ("provenance", "sections", "reassess_forms", "why")
    )
    sections_at = revisit_at / "sections"
    sections = [
        string(item, sections_at / f"[{index}]")
        for index, item in enumerate(sequence(revisit["sections"], sections_at))
    ]
    unknown = [key for key in sections if key not in SECTION_KEYS]
    if unknown:
        raise sections_at.error(f"unknown section(s) {unknown}; allowed: {', '.join(SECTION_KEYS)}")
    check_unique(sections, sections_at)
    return ChangeQuestion(
        change=change,
        question=translated(entry["question"], at / "question"),
        provenance=choice(Provenance, entry.get("provenance", default), at / "provenance"),
        sections=tuple(key for key in SECTION_KEYS if key in sections),  # template order
        reassess_forms=flag(revisit["reassess_forms"], revisit_at / "reassess_forms"),
        why=translated(revisit["why"], revisit_at / "why"),
        revisit_provenance=choice(Provenance, revisit["provenance"], revisit_at / "provenance"),
    )
