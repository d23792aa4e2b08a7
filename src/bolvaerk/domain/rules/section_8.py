"""Rules of section 8 Resume, R-8-01 .. R-8-03 (pfsa-domain.md §3.4).

Skema 8.2 is generated from section 7 (domain/summary.py): every form with proposed measures
is a row listing its security level 1 measures. So "every form with proposals appears in 8.2"
holds by construction; what can go wrong is an edit of a row, and a row with nothing to show.
"""

from __future__ import annotations

from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import LIGHTER_STATUSES, FacilityStatus, Provenance, Severity
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar
from bolvaerk.domain.rules.section_7 import has_measures, initial_rating

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
S8 = "sections.8"


@rule("R-8-01", section="8, 8.1", source="SEED L926-L932", variants={"main": E, "text": INFO})
def how_assessed(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """8.1 says how and by whom; (W) the introduction states the conclusions."""
    summary = a.sections.summary
    if blank(summary.method_text):
        yield Hit(f"{S8}.method_text")
    if blank(summary.text):
        yield Hit(f"{S8}.text", "text")


@rule(
    "R-8-02",
    section="8.2",
    source="SEED L934-L938",
    variants={"main": E, "empty_edit": E, "duplicate": W, "no_row": INFO, "no_level_1": INFO},
)
def summary_rows(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    forms = {form.id: form for form in a.sections.risk.forms}
    seen: set[str] = set()
    for index, edit in enumerate(a.sections.summary.edits):
        path = f"{S8}.edits[{index}]"
        form = forms.get(edit.form)
        if blank(edit.vulnerability) and blank(edit.measures):
            yield Hit(path, "empty_edit")
        if form is None:
            yield Hit(f"{path}.form", params={"value": edit.form})
            continue
        if form.proposed.is_empty:
            yield Hit(f"{path}.form", "no_row", {"number": form.number})
        if form.id in seen:
            yield Hit(f"{path}.form", "duplicate", {"number": form.number})
        seen.add(form.id)
    for index, form in enumerate(a.sections.risk.forms):
        proposed = form.proposed
        if has_measures(proposed.level_1):
            continue
        if not (has_measures(proposed.level_2) or has_measures(proposed.level_3)):
            continue
        rating = initial_rating(form, context.risk_model)
        if rating is not None and not rating.acceptable:
            continue  # R-7-08 asks for the level-1 measures of a form that is not acceptable
        yield Hit(
            f"sections.7.forms[{index}].proposed.level_1", "no_level_1", {"number": form.number}
        )


@rule(
    "R-8-03",
    section="Forside F11-F12, 8",
    source="SEED L177, L928 (INFERRED: any change of status)",
    variants={"main": INFO},
    provenance=Provenance.INFERRED,
)
def status_change_justified(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """From a lighter arrangement to a permanent facility: also a change of status to justify.

    A request for a lighter status (ON/OFF, § 9, ESA) is R-FP-08's."""
    fp = a.front_page
    if fp.requested_status is not FacilityStatus.PERMANENT:
        return
    if fp.current_status in LIGHTER_STATUSES and blank(a.sections.summary.status_justification):
        yield Hit(f"{S8}.status_justification", params={"current": str(fp.current_status)})
