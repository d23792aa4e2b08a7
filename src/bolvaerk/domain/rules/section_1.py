"""Rules of section 1 Indledning, R-1-01 .. R-1-05 (pfsa-domain.md §3.2).

Police participation is documented for the PFSA only [SEED L200-L208]; for the PSA no retrieved
source confirms it (pfsa-domain.md §7), so the police checks do not apply to a PSA.
The order "police review date <= completion date" (R-1-03 (I)) is checked by R-X-03 only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import AssessmentKind, Severity
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the spec's letters
S1 = "sections.1"
PFSA_ONLY = frozenset({AssessmentKind.PFSA})

# R-1-05 detection (INFERRED feature): a token of two or more capital letters (A-Z, Æ, Ø, Å)
# standing alone as a word, e.g. PFSO, CCTV, ISPS; "PFSO'en" and "ISPS-skibe" count as uses of
# PFSO and ISPS. Tokens made only of I, V and X are Roman numerals (the likelihood scale I-V is
# written in the texts, e.g. "sandsynligt (III)") and are not abbreviations. Nothing else is
# ignored: all-capital emphasis such as "SKAL" is reported too. Only the free texts listed in
# free_texts() are read, not names, addresses, file names or identifiers.
_ABBREVIATION = re.compile(r"(?<![\w])[A-ZÆØÅ]{2,}(?![\w])")
_ROMAN = re.compile(r"^[IVX]+$")


@rule("R-1-01", section="1", source="SEED L200-L202", variants={"main": E, "police": E})
def preparation_stated(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    intro = a.sections.introduction
    if blank(intro.prepared_by):
        yield Hit(f"{S1}.prepared_by")
    if a.kind is AssessmentKind.PFSA and not intro.prepared_with_police:
        yield Hit(f"{S1}.prepared_with_police", "police")


@rule(
    "R-1-02",
    section="1.2",
    source="SEED L206 (RSO row INFERRED)",
    variants={"main": E, "incomplete": E, "no_rso": I},
)
def participants(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    rows = a.sections.introduction.participants
    if not rows:
        yield Hit(f"{S1}.participants")
        return
    for index, row in enumerate(rows):
        for name, value in (("name", row.name), ("function", row.function)):
            if blank(value):
                yield Hit(f"{S1}.participants[{index}].{name}", "incomplete", {"row": index + 1})
    if not any(row.is_rso for row in rows):
        yield Hit(f"{S1}.participants", "no_rso")


@rule("R-1-03", section="1.2", source="SEED L208", variants={"main": E}, kinds=PFSA_ONLY)
def police_recorded(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    police = a.sections.introduction.police
    if blank(police.district):
        yield Hit(f"{S1}.police.district")
    if blank(police.representative):
        yield Hit(f"{S1}.police.representative")
    if police.review_date is None:
        yield Hit(f"{S1}.police.review_date")


@rule("R-1-04", section="1.2", source="SEED L208", variants={"main": E}, kinds=PFSA_ONLY)
def police_confirmation(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    if not a.sections.introduction.police.confirmation_emailed:
        yield Hit(f"{S1}.police.confirmation_emailed")


def _texts_1_2(a: Assessment) -> Iterator[tuple[str, str]]:
    yield "front_page.activity_other", a.front_page.activity_other
    intro = a.sections.introduction
    yield f"{S1}.text", intro.text
    for i, participant in enumerate(intro.participants):
        yield f"{S1}.participants[{i}].function", participant.function
    d = a.sections.description
    for name in (
        "port_maps_text",
        "facility_maps_text",
        "activity_text",
        "other_ship_types_text",
        "traffic_pattern_text",
        "other_activity_text",
        "companies_text",
    ):
        yield f"sections.2.{name}", getattr(d, name)
    for i, row in enumerate(d.traffic):
        yield f"sections.2.traffic[{i}].cargo_type", row.cargo_type
    for i, company in enumerate(d.companies):
        for name in ("location", "activities", "other_matters"):
            yield f"sections.2.companies[{i}].{name}", getattr(company, name)


def _texts_3_4(a: Assessment) -> Iterator[tuple[str, str]]:
    for name in ("text", "physical_technical", "procedural"):
        yield f"sections.3.{name}", getattr(a.sections.existing_security, name)
    o = a.sections.organisation
    yield "sections.4.general_text", o.general_text
    yield "sections.4.security_text", o.security_text
    yield "sections.4.officer.title", o.officer.title
    yield "sections.4.officer.training", o.officer.training
    for key, groups in (
        ("groups_with_duties", o.groups_with_duties),
        ("groups_without_duties", o.groups_without_duties),
    ):
        for i, group in enumerate(groups):
            yield f"sections.4.{key}[{i}].function", group.function
            yield f"sections.4.{key}[{i}].training", group.training
    yield "sections.4.attendance_text", o.attendance_text


def _texts_5_6(a: Assessment) -> Iterator[tuple[str, str]]:
    yield "sections.5.text", a.sections.assets.text
    for i, item in enumerate(a.sections.assets.items):
        for name in ("name", "description", "deviation_justification"):
            yield f"sections.5.items[{i}].{name}", getattr(item, name)
        if item.cyber is not None:
            yield f"sections.5.items[{i}].cyber.gaps", item.cyber.gaps
            yield f"sections.5.items[{i}].cyber.description", item.cyber.description
    yield "sections.6.sources_text", a.sections.threats.sources_text
    for i, threat in enumerate(a.sections.threats.threats):
        yield f"sections.6.threats[{i}].name", threat.name
        yield f"sections.6.threats[{i}].assessment", threat.assessment


def _texts_7_8(a: Assessment) -> Iterator[tuple[str, str]]:
    risk, summary = a.sections.risk, a.sections.summary
    yield "sections.7.text", risk.text
    yield "sections.7.method_text", risk.method_text
    for i, form in enumerate(risk.forms):
        path = f"sections.7.forms[{i}]"
        for name in ("consequence_reason", "likelihood_reason", "effect", "residual_justification"):
            yield f"{path}.{name}", getattr(form, name)
        for j, measure in enumerate(form.existing_measures):
            yield f"{path}.existing_measures[{j}].text", measure.text
        for level in ("level_1", "level_2", "level_3"):
            for j, measure in enumerate(getattr(form.proposed, level)):
                yield f"{path}.proposed.{level}[{j}].text", measure.text
    for name in ("text", "status_justification", "method_text"):
        yield f"sections.8.{name}", getattr(summary, name)
    for i, edit in enumerate(summary.edits):
        yield f"sections.8.edits[{i}].vulnerability", edit.vulnerability
        yield f"sections.8.edits[{i}].measures", edit.measures


def _texts_port(a: Assessment) -> Iterator[tuple[str, str]]:
    if a.port is not None:
        yield "port.ownership_text", a.port.ownership_text
        yield "port.sub_areas_text", a.port.sub_areas_text
        for i, member in enumerate(a.port.committee):
            yield f"port.committee[{i}].role", member.role


def free_texts(a: Assessment) -> Iterator[tuple[str, str]]:
    """(path, text) of every free text of the document, in template order."""
    for part in (_texts_1_2, _texts_3_4, _texts_5_6, _texts_7_8, _texts_port):
        yield from part(a)


def abbreviations_used(a: Assessment) -> dict[str, str]:
    """Each abbreviation token of the free texts -> the path of its first use."""
    used: dict[str, str] = {}
    for path, text in free_texts(a):
        for token in _ABBREVIATION.findall(text):
            if not _ROMAN.match(token):
                used.setdefault(token, path)
    return used


@rule("R-1-05", section="1.3", source="SEED L210-L214", variants={"main": W, "incomplete": W})
def abbreviations_listed(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    rows = a.sections.introduction.abbreviations
    for index, row in enumerate(rows):
        for name, value in (("abbreviation", row.abbreviation), ("description", row.description)):
            if blank(value):
                yield Hit(f"{S1}.abbreviations[{index}].{name}", "incomplete", {"row": index + 1})
    listed = {row.abbreviation.strip().upper() for row in rows}
    for token, path in abbreviations_used(a).items():
        if token not in listed:
            yield Hit(path, params={"abbreviation": token})
