"""Rules of section 4 Organisation, R-4-01 .. R-4-06 (pfsa-domain.md §3.2).

Rules: the org charts of 4.1 and 4.2 are annexes (kinds org_general, org_security); their
numbers and files are checked with the other annexes by R-2-01. For a PSA the same skemas hold
the port's organisation and its PSO (SEED L390-L414); the PSA-only parts (committee, ownership)
are checked by the PSA rules.
"""

from __future__ import annotations

from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import Activity, AnnexKind, AssetCategory, Severity
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - the spec's letters
S4 = "sections.4"
# R-4-01 (I): the 4.2.2 counts are approximate ("det omtrentlige antal", SEED L446), so the
# number with security duties "roughly equals" their sum when the two differ by at most 20 %
# of the larger one (INFERRED tolerance).
GROUP_SUM_TOLERANCE = 0.2


@rule(
    "R-4-01",
    section="4",
    source="SEED L376 (consistency INFERRED)",
    variants={"main": E, "negative": E, "exceeds_total": I, "groups_sum": I},
)
def persons_stated(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    org = a.sections.organisation
    total, duties = org.persons_total, org.persons_with_security_duties
    for name, value in (("persons_total", total), ("persons_with_security_duties", duties)):
        if value is None:
            yield Hit(f"{S4}.{name}", params={"field": name})
        elif value < 0:
            yield Hit(f"{S4}.{name}", "negative", {"field": name, "value": value})
    if duties is None or duties < 0:
        return
    if total is not None and duties > total:
        yield Hit(
            f"{S4}.persons_with_security_duties",
            "exceeds_total",
            {"duties": duties, "total": total},
        )
    # The 4.2.2 groups include external ones (guard companies, ship brokers), as the guide's
    # own examples do; a negative or missing count adds nothing (R-4-04 reports it).
    groups_sum = sum(max(group.count or 0, 0) for group in org.groups_with_duties)
    if abs(duties - groups_sum) > GROUP_SUM_TOLERANCE * max(duties, groups_sum):
        yield Hit(
            f"{S4}.persons_with_security_duties",
            "groups_sum",
            {"duties": duties, "groups_sum": groups_sum},
        )


@rule(
    "R-4-02",
    section="4.1, 4.2",
    source="SEED L378-L384",
    variants={"general": E, "security": E},
)
def org_charts_attached(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    kinds = {annex.kind for annex in a.annexes}
    if AnnexKind.ORG_GENERAL not in kinds:
        yield Hit("annexes", "general")
    if AnnexKind.ORG_SECURITY not in kinds:
        yield Hit("annexes", "security")


@rule("R-4-03", section="4.2.1", source="SEED L416-L434", variants={"main": E})
def officer_filled(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    officer = a.sections.organisation.officer
    for name in ("name", "title", "training"):
        if blank(getattr(officer, name)):
            yield Hit(f"{S4}.officer.{name}", params={"field": name})


@rule(
    "R-4-04",
    section="4.2.2, 4.2.3",
    source="SEED L436-L476 (counts INFERRED)",
    variants={"main": E, "count": I},
)
def groups_filled(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    org = a.sections.organisation
    for index, group in enumerate(org.groups_with_duties):
        if group.staffing is None:
            yield Hit(
                f"{S4}.groups_with_duties[{index}].staffing",
                params={"group": group.function or group.id},
            )
    for key, groups in (
        ("groups_with_duties", org.groups_with_duties),
        ("groups_without_duties", org.groups_without_duties),
    ):
        for index, group in enumerate(groups):
            if group.count is None or group.count < 0:
                yield Hit(
                    f"{S4}.{key}[{index}].count", "count", {"group": group.function or group.id}
                )


def dangerous_goods_handled(a: Assessment) -> bool:
    """Dangerous goods are handled by the facility: wet bulk on the front page, a 2.3.1 row with
    dangerous goods, or a 5.9 item used for dangerous goods. (A kolonne 2/3 company on the
    facility handles dangerous substances itself; that alone does not make the facility's
    staff handle dangerous goods cargo.)"""
    return (
        Activity.WET_BULK in a.front_page.activities
        or any(row.dangerous_goods for row in a.sections.description.traffic)
        or any(
            item.category is AssetCategory.CARGO_HANDLING and item.dangerous_goods and item.present
            for item in a.sections.assets.items
        )
    )


@rule("R-4-05", section="4.2.1, 4.2.2", source="SEED L434, L454", variants={"main": W})
def dangerous_goods_training(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    org = a.sections.organisation
    trained = org.officer.dangerous_goods_training or any(
        group.dangerous_goods_training for group in org.groups_with_duties
    )
    if dangerous_goods_handled(a) and not trained:
        yield Hit(f"{S4}.officer.dangerous_goods_training")


@rule(
    "R-4-06",
    section="4.2.4",
    source="SEED L478-L482",
    variants={"main": W, "round_the_clock": W},
)
def attendance_described(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    org = a.sections.organisation
    if not blank(org.attendance_text):
        return
    if org.staffed_round_the_clock is True:
        yield Hit(f"{S4}.attendance_text", "round_the_clock")
    else:
        yield Hit(f"{S4}.attendance_text")
