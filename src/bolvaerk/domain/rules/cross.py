"""Cross-document rules, R-X-01 .. R-X-03 (pfsa-domain.md §3.6, all tool-level).

Which rule covers which link of a trace:
- R-X-01 traces a flagged 2.4 company (kolonne 2/3, klasse 1) to 8.2. The links 2.4 -> 5.x ->
  6.2.1 -> 7.2 are R-2-09, R-2-10, R-5-06, R-5-08 and R-5-11; a form that is not acceptable
  and lacks measures is R-7-08's. Left for R-X-01: every risk of the company ends acceptable
  without further measures, so 8.2 never names it - the summary should still say so.
- R-X-02 compares section 4 with skema 5.14. The other pairs of §3.6 are covered elsewhere:
  dangerous goods 2.3.1 vs 5.9 is R-5-11's; S+V items vs 6.2.1 rows holds by construction.
- R-X-03 is the only rule on the order of dates (police review, 7.2 dates <= completion).
"""

from __future__ import annotations

from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.dates import format_dk_date
from bolvaerk.domain.description import Company
from bolvaerk.domain.enums import (
    AssetCategory,
    ElectricityClass,
    Provenance,
    RiskCompanyClass,
    Severity,
)
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar
from bolvaerk.domain.rules.section_7 import initial_rating

RULES: list[Rule] = []
rule = registrar(RULES)

E, INFO = Severity.ERROR, Severity.INFO
RISK_CLASSES = frozenset({RiskCompanyClass.COLUMN_2, RiskCompanyClass.COLUMN_3})


def flagged(company: Company) -> bool:
    """A company the guide says must always be risk-assessed (R-2-09, R-2-10)."""
    return company.risk_class in RISK_CLASSES or (
        company.electricity_class is ElectricityClass.CLASS_1
    )


def mentioned(name: str, text: str) -> bool:
    return not blank(name) and name.strip().casefold() in text.casefold()


@rule(
    "R-X-01",
    section="2.4, 7.2, 8",
    source="pfsa-domain.md §3.6 (INFERRED); SEED L348, L356, L936",
    variants={"main": INFO},
    provenance=Provenance.INFERRED,
)
def flagged_company_in_summary(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    model = context.risk_model
    if model is None:
        return  # R-7-11 reports the unknown model
    sections = a.sections
    for index, company in enumerate(sections.description.companies):
        if not flagged(company) or mentioned(company.name, sections.summary.text):
            continue
        items = {item.id for item in sections.assets.items if item.company == company.id}
        forms = [form for form in sections.risk.forms if form.item in items]
        if not forms or any(not form.proposed.is_empty for form in forms):
            continue  # no forms is R-2-09/R-2-10's; a form with proposals is a row of 8.2
        ratings = [initial_rating(form, model) for form in forms]
        if all(rating is not None and rating.acceptable for rating in ratings):
            yield Hit(
                f"sections.2.companies[{index}]",
                params={"company": company.name, "forms": len(forms)},
            )


@rule(
    "R-X-02",
    section="4, 5.14",
    source="pfsa-domain.md §3.6 (INFERRED); SEED L376, L651-L665",
    variants={"main": INFO},
    provenance=Provenance.INFERRED,
)
def staff_in_section_5(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """Persons with security duties (4) are assessed as an item of skema 5.14."""
    persons = a.sections.organisation.persons_with_security_duties or 0
    if persons <= 0:
        return
    items = a.sections.assets.items
    if not any(item.category is AssetCategory.PERSONNEL and item.present for item in items):
        yield Hit("sections.5.items", params={"persons": persons})


@rule(
    "R-X-03",
    section="Forside F16, 1.2, 7.2",
    source="pfsa-domain.md §3.6 (INFERRED); SEED L194, L208, L755",
    variants={"form": E, "police_review": E},
)
def dates_before_completion(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """Nothing of the assessment is dated after the date it was completed."""
    completed = a.front_page.completed
    if completed is None:
        return
    shown = format_dk_date(completed)
    review = a.sections.introduction.police.review_date
    if review is not None and review > completed:
        yield Hit(
            "sections.1.police.review_date",
            "police_review",
            {"value": format_dk_date(review), "completed": shown},
        )
    for index, form in enumerate(a.sections.risk.forms):
        if form.date is not None and form.date > completed:
            yield Hit(
                f"sections.7.forms[{index}].date",
                "form",
                {"number": form.number, "value": format_dk_date(form.date), "completed": shown},
            )
