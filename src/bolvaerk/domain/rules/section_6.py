"""Rules of section 6 (relevante trusler and grid 6.2.1), R-6-01 .. R-6-04 (pfsa-domain.md §3.4).

Rules: the 6.1 list is stored; grid 6.2.1 is derived (rows = the S+V items of section 5,
columns = the 6.1 threats, a cross = a 7.2 form), so R-6-04 checks the crosses, not the shape.
The pre-printed threats come from the assessment's threat catalogue (RuleContext).
"""

from __future__ import annotations

from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.description import Company
from bolvaerk.domain.enums import AssetCategory, ElectricityClass, Provenance, Severity
from bolvaerk.domain.grid import build_grid
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar
from bolvaerk.domain.rules.section_5 import (
    RISK_CLASSES,
    is_class_1_company,
    item_name,
    item_path,
    listed,
)
from bolvaerk.domain.threats import CatalogueThreat, Threat

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the spec's letters
THREATS = "sections.6.threats"


def threat_path(index: int) -> str:
    return f"{THREATS}[{index}]"


def threat_name(threat: Threat) -> str:
    return threat.name.strip() or threat.id


def preprinted(context: RuleContext) -> dict[str, CatalogueThreat]:
    return {threat.id: threat for threat in context.catalogue_threats if threat.preprinted}


def first_by_catalogue(a: Assessment) -> dict[str, tuple[int, Threat]]:
    """The first 6.1 row taken from each catalogue threat."""
    rows: dict[str, tuple[int, Threat]] = {}
    for index, threat in enumerate(a.sections.threats.threats):
        if threat.catalogue is not None:
            rows.setdefault(threat.catalogue, (index, threat))
    return rows


@rule(
    "R-6-01",
    section="6.1",
    source="SEED L693-L699",
    variants={"main": E, "relevance": E, "assessment": E},
)
def preprinted_threats_assessed(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    rows = first_by_catalogue(a)
    for threat_id, catalogue_threat in preprinted(context).items():
        found = rows.get(threat_id)
        if found is None:
            yield Hit(THREATS, params={"threat": catalogue_threat.name})
            continue
        index, threat = found
        params = {"threat": threat.name.strip() or catalogue_threat.name}
        if threat.relevant is None:
            yield Hit(f"{threat_path(index)}.relevant", "relevance", params)
        if blank(threat.assessment):
            yield Hit(f"{threat_path(index)}.assessment", "assessment", params)


@rule(
    "R-6-02",
    section="6.1",
    source="SEED L695 (INFERRED)",
    variants={"main": I},
    provenance=Provenance.INFERRED,
)
def own_threats_named(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    # R-6-02 is a capability ("6.1 is supplemented as needed"): the file format already lets
    # the user add facility-specific rows. What can be checked in data is that such a row is
    # usable as a column of 6.2.1 and a Trussel of 7.2, i.e. that it has a name. Pre-printed
    # rows are R-6-01's.
    printed = preprinted(context)
    for index, threat in enumerate(a.sections.threats.threats):
        if threat.catalogue not in printed and blank(threat.name):
            yield Hit(f"{threat_path(index)}.name", params={"id": threat.id})


@rule(
    "R-6-03",
    section="6.1",
    source="SEED L697-L699",
    variants={"main": W, "missing": W},
)
def unauthorised_access_relevant(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    catalogue = {threat.id: threat for threat in context.catalogue_threats}

    def is_unauthorised_access(threat: Threat) -> bool:
        source = catalogue.get(threat.catalogue or "")
        return threat.unauthorised_access or (source is not None and source.unauthorised_access)

    threats = a.sections.threats.threats
    found = [
        (index, threat) for index, threat in enumerate(threats) if is_unauthorised_access(threat)
    ]
    # A missing pre-printed unauthorised-access threat is reported by R-6-01.
    covered = any(threat.unauthorised_access for threat in preprinted(context).values())
    if not found and not covered:
        yield Hit(THREATS, "missing")
    for index, threat in found:
        if threat.relevant is False:
            yield Hit(f"{threat_path(index)}.relevant", params={"threat": threat_name(threat)})


def reported_by_company_rule(a: Assessment, item: AssetItem, company: Company) -> bool:
    """Whether R-2-09 / R-2-10 report this S+V row already: it is the 5.2 item of a kolonne 2/3
    company or the 5.11 klasse 1 installation of a klasse 1 company, and no risk form assesses
    any S+V item of that company (those rules' condition)."""
    items = a.sections.assets.items
    if item.category is AssetCategory.RISK_COMPANIES and company.risk_class in RISK_CLASSES:
        linked = [x for x in items if x.category is item.category and x.company == company.id]
    elif (
        item.category is AssetCategory.UTILITIES
        and item.electricity_class is ElectricityClass.CLASS_1
        and is_class_1_company(company)
    ):
        linked = [
            x
            for x in items
            if x.category is item.category
            and x.company == company.id
            and x.electricity_class is ElectricityClass.CLASS_1
        ]
    else:
        return False
    ids = {x.id for x in linked if x.in_grid}
    return not any(form.item in ids for form in a.sections.risk.forms)


@rule(
    "R-6-04",
    section="6.2.1",
    source="SEED L701-L707",
    variants={"main": E, "threat_column": I},
)
def grid_rows_and_columns_used(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    # Rows are exactly the S+V items and columns exactly the 6.1 threats by construction; a
    # cross outside the grid is R-5-03's (item not S+V) or R-7-04's (unknown id). What is left:
    # an S+V row without any cross, and a threat judged relevant whose column is empty.
    # A kolonne 2/3 company (5.2) or klasse 1 installation (5.11) none of whose S+V rows has a
    # form is R-2-09's / R-2-10's (the company is not risk-assessed), so it is not repeated here.
    grid = build_grid(a, None)
    crossed_items = {item_id for item_id, _ in grid.cells}
    crossed_threats = {threat_id for _, threat_id in grid.cells}
    companies = {company.id: company for company in a.sections.description.companies}
    for index, item in listed(a):
        if not item.in_grid or item.id in crossed_items:
            continue
        company = companies.get(item.company or "")
        if company is not None and reported_by_company_rule(a, item, company):
            continue
        yield Hit(item_path(index), params={"name": item_name(item)})
    for index, threat in enumerate(a.sections.threats.threats):
        if threat.relevant is True and threat.id not in crossed_threats:
            yield Hit(threat_path(index), "threat_column", {"threat": threat_name(threat)})
