"""Rules of section 2 Beskrivelse af havnen og havnefaciliteten, R-2-01 .. R-2-11
(pfsa-domain.md §3.2).

Rules: the maps of 2.1 and 2.2 are annexes (the annex register), the Total row of skema 2.3.1
is derived (so its sums cannot be wrong; R-2-04 checks the cells it is summed from), and a
2.4 company links to its 5.x items by AssetItem.company. The company rules share the chain
"2.4 company -> 5.x item -> S+V -> 7.2 form" with section 5: a kolonne 2/3 or klasse 1 company
without a 5.x item is R-5-11's, a linked item that is not S+V is R-5-06's / R-5-08's; only the
last link, an S+V item that no risk form assesses, is R-2-09's / R-2-10's.
"""

from __future__ import annotations

from collections.abc import Iterator

from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.description import Company
from bolvaerk.domain.enums import (
    AnnexKind,
    AssetCategory,
    ElectricityClass,
    Provenance,
    RiskCompanyClass,
    Severity,
)
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, present, registrar

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the spec's letters
S2 = "sections.2"
MAP_SKEMAS = {AnnexKind.MAP_PORT: "2.1", AnnexKind.MAP_FACILITY: "2.2"}
OTHER_SHIP_TYPES = "other_non_isps"  # the row "Andre skibstyper, herunder ikke ISPS-skibe"
RISK_CLASSES = frozenset({RiskCompanyClass.COLUMN_2, RiskCompanyClass.COLUMN_3})


# --- 2.1 / 2.2 maps (annexes) -------------------------------------------------------------


def annex_name(annex: Annex) -> str:
    return annex.name.strip() or annex.id


@rule(
    "R-2-01",
    section="2.1, 2.2",
    source="SEED L222, L228, L239 (unique numbers and files INFERRED)",
    variants={"main": E, "missing_map": E, "duplicate_number": I, "no_file": I, "file_missing": I},
)
def maps_registered(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    # The guide: maps of the port (2.1) and of the facility (2.2) "vedlægges som bilag", each
    # entered in the skema with bilagsnummer and navn. Numbers and files are checked for every
    # annex, since all annexes share one numbering.
    kinds = {annex.kind for annex in a.annexes}
    for kind, skema in MAP_SKEMAS.items():
        if kind not in kinds:
            yield Hit("annexes", "missing_map", {"skema": skema})
    seen: set[str] = set()
    for index, annex in enumerate(a.annexes):
        path = f"annexes[{index}]"
        if annex.kind in MAP_SKEMAS:
            params = {"skema": MAP_SKEMAS[annex.kind], "annex": annex_name(annex)}
            for name in ("number", "name"):
                if blank(getattr(annex, name)):
                    yield Hit(f"{path}.{name}", params={**params, "field": name})
        number = annex.number.strip()
        if number and number in seen:
            yield Hit(f"{path}.number", "duplicate_number", {"number": number})
        seen.add(number)
        if annex.electronic and blank(annex.file):
            yield Hit(f"{path}.file", "no_file", {"annex": annex_name(annex)})
        elif annex.electronic and not present(annex.file, context):
            yield Hit(
                f"{path}.file", "file_missing", {"annex": annex_name(annex), "file": annex.file}
            )


@rule("R-2-02", section="2.1, 2.2", source="SEED L228-L247", variants={"main": W})
def map_checklist_ticked(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    ticked = set(a.sections.description.map_checklist)
    for element in context.map_checklist:
        if element not in ticked:
            yield Hit(f"{S2}.map_checklist", params={"element": element})


@rule("R-2-03", section="2", source="SEED L224 (§ 29, stk. 2)", variants={"main": E})
def paper_annexes_sent(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # The guide names map material; every annex not sent electronically is held to the same
    # rule, since the register records one way of sending per annex.
    for index, annex in enumerate(a.annexes):
        if not annex.electronic and annex.registered_letter_sent is None:
            yield Hit(
                f"annexes[{index}].registered_letter_sent", params={"annex": annex_name(annex)}
            )


# --- 2.3.1 expected annual ship traffic ---------------------------------------------------


@rule(
    "R-2-04",
    section="2.3.1",
    source="SEED L255-L271",
    variants={"main": E, "empty": E, "negative": E},
)
def traffic_numbers(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # The Total row is summed by the tool, so only the cells can be wrong: every row needs its
    # Antal anløb ("0" where the type does not call), and no number may be negative (the
    # Total of Antal anløb, Antal passagerer and Mængde would be meaningless).
    rows = a.sections.description.traffic
    if not rows:
        yield Hit(f"{S2}.traffic", "empty")
    for index, row in enumerate(rows):
        path = f"{S2}.traffic[{index}]"
        params = {"ship_type": row.ship_type}
        if row.calls is None:
            yield Hit(f"{path}.calls", params=params)
        for name, value in (
            ("calls", row.calls),
            ("passengers", row.passengers),
            ("quantity", row.quantity),
        ):
            if value is not None and value < 0:
                yield Hit(f"{path}.{name}", "negative", {**params, "value": str(value)})


def unit_is_clear(unit: str) -> bool:
    """A blank unit means tons (the skema's unit); any other unit must be a word or symbol
    such as t, TEU, m³, stk. or biler: a unit with no letter at all ("-", "?", "1000") is not
    a stated unit."""
    text = unit.strip()
    return not text or any(char.isalpha() for char in text)


@rule("R-2-05", section="2.3.1", source="SEED L281-L283", variants={"main": E})
def quantity_unit(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for index, row in enumerate(a.sections.description.traffic):
        if row.quantity is not None and not unit_is_clear(row.unit):
            yield Hit(
                f"{S2}.traffic[{index}].unit", params={"ship_type": row.ship_type, "unit": row.unit}
            )


@rule(
    "R-2-06",
    section="2.3.1",
    source="SEED L285-L287 (INFERRED)",
    variants={"main": I},
    provenance=Provenance.INFERRED,
)
def other_ship_types_described(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    description = a.sections.description
    calls = sum(row.calls or 0 for row in description.traffic if row.ship_type == OTHER_SHIP_TYPES)
    if calls > 0 and blank(description.other_ship_types_text):
        yield Hit(f"{S2}.other_ship_types_text", params={"calls": calls})


@rule("R-2-07", section="2.3.1", source="SEED L273-L277", variants={"main": W})
def cargo_type_stated(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # Any text is accepted as Type af gods: a front-page category or "a more precise
    # categorisation" cannot be told apart from a wrong one by a tool. What can be checked is
    # that a row that carries cargo (a quantity above 0, or dangerous goods) says what cargo;
    # rows without cargo (e.g. warships in "Andre skibstyper") need no Type af gods.
    for index, row in enumerate(a.sections.description.traffic):
        carries_cargo = (row.quantity or 0) > 0 or row.dangerous_goods
        if carries_cargo and blank(row.cargo_type):
            yield Hit(f"{S2}.traffic[{index}].cargo_type", params={"ship_type": row.ship_type})


# --- 2.4 company profiles -----------------------------------------------------------------


def company_name(company: Company) -> str:
    return company.name.strip() or company.id


@rule(
    "R-2-08",
    section="2.4",
    source="SEED L306-L358 (required-ness INFERRED)",
    variants={"main": E},
)
def company_profile_filled(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # Øvrige relevante forhold may be empty (nothing to report); when it is filled, R-2-11
    # asks for the 5.x items that assess it.
    for index, company in enumerate(a.sections.description.companies):
        path = f"{S2}.companies[{index}]"
        params = {"company": company_name(company)}
        for name in ("name", "address", "location", "activities"):
            if blank(getattr(company, name)):
                yield Hit(f"{path}.{name}", params={**params, "field": name})
        if company.employees is None:
            yield Hit(f"{path}.employees", params={**params, "field": "employees"})
        if company.risk_class is None:
            yield Hit(f"{path}.risk_class", params={**params, "field": "risk_class"})


def item_name(item: AssetItem) -> str:
    return item.name.strip() or item.id


def assessed_items(a: Assessment, items: list[AssetItem]) -> tuple[list[AssetItem], bool]:
    """The S+V items among `items`, and whether a 7.2 form assesses at least one of them."""
    in_grid = [item for item in items if item.in_grid]
    ids = {item.id for item in in_grid}
    return in_grid, any(form.item in ids for form in a.sections.risk.forms)


@rule("R-2-09", section="2.4, 5.2, 7", source="SEED L348, L542", variants={"main": E})
def risk_company_assessed(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    assets = a.sections.assets.items
    for index, company in enumerate(a.sections.description.companies):
        if company.risk_class not in RISK_CLASSES:
            continue
        linked = [
            item
            for item in assets
            if item.category is AssetCategory.RISK_COMPANIES and item.company == company.id
        ]
        in_grid, has_form = assessed_items(a, linked)
        if in_grid and not has_form:
            yield Hit(
                f"{S2}.companies[{index}].risk_class",
                params={"company": company_name(company), "item": item_name(in_grid[0])},
            )


@rule("R-2-10", section="2.4, 5.11, 7", source="SEED L356-L358, L635", variants={"main": E})
def class_1_company_assessed(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    assets = a.sections.assets.items
    for index, company in enumerate(a.sections.description.companies):
        if company.electricity_class is not ElectricityClass.CLASS_1:
            continue
        linked = [
            item
            for item in assets
            if item.category is AssetCategory.UTILITIES
            and item.company == company.id
            and item.electricity_class is ElectricityClass.CLASS_1
        ]
        in_grid, has_form = assessed_items(a, linked)
        if in_grid and not has_form:
            yield Hit(
                f"{S2}.companies[{index}].electricity_class",
                params={"company": company_name(company), "item": item_name(in_grid[0])},
            )


@rule(
    "R-2-11",
    section="2.4, 5",
    source="SEED L352-L354",
    variants={"main": W, "unknown_item": W},
)
def other_matters_linked(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    known = {item.id for item in a.sections.assets.items}
    for index, company in enumerate(a.sections.description.companies):
        path = f"{S2}.companies[{index}].other_matters_items"
        params = {"company": company_name(company)}
        if not blank(company.other_matters) and not company.other_matters_items:
            yield Hit(path, params=params)
        for position, item in enumerate(company.other_matters_items):
            if item not in known:
                yield Hit(f"{path}[{position}]", "unknown_item", {**params, "item": item})
