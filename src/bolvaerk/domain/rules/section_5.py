"""Rules of section 5 (ejendom, infrastruktur og sårbare elementer), R-5-01 .. R-5-11
(pfsa-domain.md §3.3).

Rules: grid 6.2.1 is derived from S and V (AssetItem.in_grid), so these rules check what can go
wrong in that representation: undecided S/V, items that should be S+V by default, crosses on
items outside the grid, and the links between section 5 and the company profiles of 2.4.
Items recorded as not present on the facility are reported once, by R-5-01; the other item
checks leave them out (the fix is to remove the item, not to complete it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.description import Company
from bolvaerk.domain.enums import (
    Activity,
    AssetCategory,
    ElectricityClass,
    Provenance,
    RiskCompanyClass,
    Severity,
)
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the spec's letters
ITEMS = "sections.5.items"
COMPANIES = "sections.2.companies"
RISK_CLASSES = frozenset({RiskCompanyClass.COLUMN_2, RiskCompanyClass.COLUMN_3})

# A consequence or likelihood rating: the word, then within the same clause a level 1-5 or
# I-V standing on its own (followed by the end, punctuation or a level name, so that
# "konsekvensen rammer 3 kraner" is not taken for a rating). Roman numerals are upper case
# only, so the Danish word "i" never counts.
_LEVEL_NAMES = (
    "begrænset|moderat|alvorlig|meget|kritisk|overvejende|sandsynlig|usandsynlig"
    "|limited|moderate|serious|very|critical|mostly|likely|unlikely"
)
_RATING = re.compile(
    r"(?i:\b(?:konsekvens|sandsynlighed|consequence|likelihood)\w*)"
    r"[^.;\n\d]{0,40}?\(?\b([1-5]|IV|V|I{1,3})\b\)?"
    rf"(?=\s*(?:$|[)(.,;:/\n])|\s+(?i:{_LEVEL_NAMES})\b)"
)


def item_path(index: int) -> str:
    return f"{ITEMS}[{index}]"


def item_name(item: AssetItem) -> str:
    return item.name.strip() or item.id


def listed(a: Assessment) -> Iterator[tuple[int, AssetItem]]:
    """The items that belong in section 5: present on the facility, or the port office."""
    for index, item in enumerate(a.sections.assets.items):
        if item.present or item.port_office:
            yield index, item


def decided_not_in_grid(item: AssetItem) -> bool:
    """S and V both decided, but not both ticked (undecided items are R-5-02's)."""
    return item.vulnerable is not None and item.significant is not None and not item.in_grid


def company_items(
    a: Assessment, category: AssetCategory, company: Company
) -> list[tuple[int, AssetItem]]:
    return [
        (index, item)
        for index, item in listed(a)
        if item.category is category and item.company == company.id
    ]


def is_class_1_company(company: Company) -> bool:
    return company.electricity_class is ElectricityClass.CLASS_1


@rule("R-5-01", section="5", source="SEED L492", variants={"main": E})
def items_present(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # The port office is S+V by default even when it lies outside the facility (SEED L534).
    for index, item in enumerate(a.sections.assets.items):
        if not item.present and not item.port_office:
            yield Hit(f"{item_path(index)}.present", params={"name": item_name(item)})


@rule(
    "R-5-02",
    section="5",
    source="SEED L494-L512",
    variants={"main": E, "description": E, "name": E},
)
def items_decided_and_described(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for index, item in listed(a):
        params = {"name": item_name(item)}
        if blank(item.name):
            yield Hit(f"{item_path(index)}.name", "name", params)
        for field in ("vulnerable", "significant"):
            if getattr(item, field) is None:
                yield Hit(f"{item_path(index)}.{field}", params=params)
        if blank(item.description):
            yield Hit(f"{item_path(index)}.description", "description", params)


@rule(
    "R-5-03",
    section="5, 6.2.1",
    source="SEED L490, L703",
    variants={"main": E, "v_without_s": I},
)
def only_s_and_v_in_grid(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # Every S+V item is a row of 6.2.1 by construction. What can go wrong is a cross (a 7.2
    # form) on an item that is not S+V: that cross lies outside the grid. An S+V row without
    # any cross is R-6-04's; a form naming no item at all is section 7's.
    forms = a.sections.risk.forms
    for index, item in listed(a):
        if decided_not_in_grid(item):
            numbers = [str(form.number) for form in forms if form.item == item.id]
            if numbers:
                params = {"name": item_name(item), "numbers": ", ".join(numbers)}
                yield Hit(item_path(index), params=params)
        if item.significant is True and item.vulnerable is False:
            yield Hit(f"{item_path(index)}.vulnerable", "v_without_s", {"name": item_name(item)})


@rule("R-5-04", section="5", source="SEED L494", variants={"main": E})
def no_rating_in_section_5(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for index, item in listed(a):
        match = _RATING.search(item.description)
        if match is not None:
            params = {"name": item_name(item), "found": match.group(0).strip()}
            yield Hit(f"{item_path(index)}.description", params=params)


@rule(
    "R-5-05",
    section="5.1",
    source="SEED L528-L536",
    variants={"main": W, "missing": W},
)
def port_office(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    offices = [
        (index, item)
        for index, item in listed(a)
        if item.port_office and item.category is AssetCategory.BUILDINGS
    ]
    if not offices:
        yield Hit(ITEMS, "missing")
    for index, item in offices:
        if decided_not_in_grid(item) and blank(item.deviation_justification):
            yield Hit(item_path(index), params={"name": item_name(item)})


@rule("R-5-06", section="5.2", source="SEED L538-L542", variants={"main": E})
def risk_companies_s_and_v(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # Only an existing 5.2 item that is not S+V is reported here: a kolonne 2/3 company with
    # no 5.2 item at all is R-5-11's, and whether it has a risk form is R-2-09's.
    for company in a.sections.description.companies:
        if company.risk_class not in RISK_CLASSES:
            continue
        items = company_items(a, AssetCategory.RISK_COMPANIES, company)
        if any(item.in_grid for _, item in items):
            continue
        for index, item in items:
            if decided_not_in_grid(item):
                params = {"name": item_name(item), "company": company.name or company.id}
                yield Hit(item_path(index), params=params)


@rule("R-5-07", section="5.9", source="SEED L609-L623", variants={"main": E})
def dangerous_goods_s_and_v(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for index, item in listed(a):
        if (
            item.category is AssetCategory.CARGO_HANDLING
            and item.dangerous_goods
            and decided_not_in_grid(item)
        ):
            yield Hit(item_path(index), params={"name": item_name(item)})


@rule("R-5-08", section="5.11", source="SEED L631-L637", variants={"main": E})
def class_1_s_and_v(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # A klasse 1 company with no 5.11 klasse 1 item is R-5-11's; its risk form is R-2-10's.
    for index, item in listed(a):
        if (
            item.category is AssetCategory.UTILITIES
            and item.electricity_class is ElectricityClass.CLASS_1
            and decided_not_in_grid(item)
        ):
            yield Hit(item_path(index), params={"name": item_name(item)})


@rule("R-5-09", section="5", source="SEED L514", variants={"main": W})
def state_or_symbolic_significant(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for index, item in listed(a):
        if (
            item.state_or_symbolic
            and item.significant is False
            and blank(item.deviation_justification)
        ):
            yield Hit(f"{item_path(index)}.significant", params={"name": item_name(item)})


@rule("R-5-10", section="5.5", source="SEED L563-L584", variants={"main": E})
def cyber_described(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for index, item in listed(a):
        if item.category is AssetCategory.IT_COMMUNICATION and (
            item.cyber is None or not item.cyber.is_filled
        ):
            yield Hit(f"{item_path(index)}.cyber", params={"name": item_name(item)})


def handles_dangerous_goods(a: Assessment) -> bool:
    """Dangerous goods per the front page (wet bulk), skema 2.3.1 or a 2.4 risk company."""
    description = a.sections.description
    return (
        Activity.WET_BULK in a.front_page.activities
        or any(row.dangerous_goods for row in description.traffic)
        or any(company.risk_class in RISK_CLASSES for company in description.companies)
    )


@rule(
    "R-5-11",
    section="2, 5",
    source="SEED L542, L623, L635 (INFERRED)",
    variants={
        "main": I,
        "risk_company_item": I,
        "class_1_item": I,
        "unknown_company": I,
        "no_company": I,
        "not_risk_company": I,
    },
    provenance=Provenance.INFERRED,
)
def section_2_and_5_agree(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    if handles_dangerous_goods(a) and not any(
        item.category is AssetCategory.CARGO_HANDLING and item.dangerous_goods
        for _, item in listed(a)
    ):
        yield Hit(ITEMS)
    companies = a.sections.description.companies
    for index, company in enumerate(companies):
        params = {"company": company.name or company.id}
        if company.risk_class in RISK_CLASSES and not company_items(
            a, AssetCategory.RISK_COMPANIES, company
        ):
            yield Hit(f"{COMPANIES}[{index}]", "risk_company_item", params)
        if is_class_1_company(company) and not any(
            item.electricity_class is ElectricityClass.CLASS_1
            for _, item in company_items(a, AssetCategory.UTILITIES, company)
        ):
            yield Hit(f"{COMPANIES}[{index}]", "class_1_item", params)
    by_id = {company.id: company for company in companies}
    for index, item in listed(a):
        params = {"name": item_name(item), "company": item.company or ""}
        if item.company is not None and item.company not in by_id:
            yield Hit(f"{item_path(index)}.company", "unknown_company", params)
        elif item.category is AssetCategory.RISK_COMPANIES:
            if item.company is None:
                yield Hit(f"{item_path(index)}.company", "no_company", params)
            elif by_id[item.company].risk_class is RiskCompanyClass.NONE:
                params["company"] = by_id[item.company].name or item.company
                yield Hit(f"{item_path(index)}.company", "not_risk_company", params)
