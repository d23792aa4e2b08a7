"""Use cases of sections 5 (items), 6.1 (threats), the grid 6.2.1 and the risk forms 7.2.

Rules: every change goes through editing.do_edit_assessment: it builds a new Assessment from
the version current inside the transaction with dataclasses.replace and saves it (permission
check, new version, audit). `base` is the version the user's form was loaded from: a save is
refused with conflicts.Conflict when someone changed the same part (a form, an item, a threat,
a cross) after it. Ids are stable: a new item, threat or form gets a fresh id that never
changes; a new form gets the next number after the highest one in use (numbers are kept).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import AssetCategory, LifecycleState
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.domain.threats import Threat
from bolvaerk.services.access import AnyUser, permissions
from bolvaerk.services.conflicts import Part, form_prefix, item_prefix, threat_prefix
from bolvaerk.services.context import resolve_threats
from bolvaerk.services.editing import do_edit_assessment
from bolvaerk.services.workspace import NotAllowed


class HasForms(Exception):  # noqa: N818 - a condition the user confirms, not an error
    """The item or threat to remove has risk forms; removing it needs an explicit yes."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class NeedsConfirmation(Exception):  # noqa: N818 - a condition the user confirms
    """The cross to remove has a form with content (ratings, texts, measures)."""

    def __init__(self, form: RiskForm) -> None:
        super().__init__(form.id)
        self.form = form


def new_ref(prefix: str, taken: Iterable[str]) -> str:
    used = set(taken)
    while True:
        candidate = f"{prefix}-{secrets.token_hex(4)}"
        if candidate not in used:
            return candidate


def check_editable(user: AnyUser, record: AssessmentRecord) -> None:
    if not permissions(user, record.facility, LifecycleState(record.state)).edit:
        raise NotAllowed("edit")


def _change(
    user: AnyUser,
    record: AssessmentRecord,
    change: Callable[[Assessment], Assessment],
    base: int | None,
    part: Part,
) -> list[str]:
    check_editable(user, record)
    return do_edit_assessment(user, record, change, base=base, part=part)


def _forms_where(attribute: str, value: str) -> Callable[[Assessment], tuple[str, ...]]:
    """The prefixes of the risk forms whose `attribute` (item or threat) is `value`."""

    def find(a: Assessment) -> tuple[str, ...]:
        return tuple(
            form_prefix(f.id) for f in a.sections.risk.forms if getattr(f, attribute) == value
        )

    return find


def _with_items(a: Assessment, items: tuple[AssetItem, ...]) -> Assessment:
    assets = replace(a.sections.assets, items=items)
    return replace(a, sections=replace(a.sections, assets=assets))


def _with_threats(a: Assessment, threats: tuple[Threat, ...]) -> Assessment:
    section = replace(a.sections.threats, threats=threats)
    return replace(a, sections=replace(a.sections, threats=section))


def _with_forms(a: Assessment, forms: tuple[RiskForm, ...]) -> Assessment:
    risk = replace(a.sections.risk, forms=forms)
    return replace(a, sections=replace(a.sections, risk=risk))


# ---------------------------------------------------------------- section 5: items


@dataclass(frozen=True, slots=True)
class ItemRow:
    """What one row of a skema's table sets: name, description, S and V."""

    name: str
    description: str
    vulnerable: bool | None
    significant: bool | None


def do_save_items(
    user: AnyUser,
    record: AssessmentRecord,
    category: AssetCategory,
    rows: Mapping[str, ItemRow],
    added: ItemRow | None = None,
    *,
    base: int | None = None,
) -> list[str]:
    """Save the table of one skema: the rows by item id, and a new item when one is given.
    Its part is the rows shown: items others added meanwhile are kept, not a conflict."""

    def change(a: Assessment) -> Assessment:
        items = tuple(
            replace(
                item,
                name=rows[item.id].name,
                description=rows[item.id].description,
                vulnerable=rows[item.id].vulnerable,
                significant=rows[item.id].significant,
            )
            if item.id in rows and item.category is category
            else item
            for item in a.sections.assets.items
        )
        if added is not None:
            new_item = AssetItem(
                id=new_ref("item", (item.id for item in items)),
                category=category,
                name=added.name,
                description=added.description,
                vulnerable=added.vulnerable,
                significant=added.significant,
            )
            items = (*items, new_item)
        return _with_items(a, items)

    return _change(user, record, change, base, Part(tuple(item_prefix(i) for i in rows)))


def do_save_item(
    user: AnyUser, record: AssessmentRecord, item: AssetItem, *, base: int | None = None
) -> list[str]:
    """Replace one item (by id) with its edited version (the item's detail page)."""

    def change(a: Assessment) -> Assessment:
        items = a.sections.assets.items
        if item.id not in {existing.id for existing in items}:
            raise NotAllowed("unknown_item")
        return _with_items(a, tuple(item if old.id == item.id else old for old in items))

    return _change(user, record, change, base, Part((item_prefix(item.id),)))


def do_remove_item(
    user: AnyUser,
    record: AssessmentRecord,
    item_id: str,
    *,
    with_forms: bool = False,
    base: int | None = None,
) -> list[str]:
    """Remove an item; its risk forms go with it, but only when the user said so."""

    def change(a: Assessment) -> Assessment:
        forms = a.sections.risk.forms
        own = [form for form in forms if form.item == item_id]
        if own and not with_forms:
            raise HasForms(len(own))
        a = _with_forms(a, tuple(form for form in forms if form.item != item_id))
        return _with_items(a, tuple(i for i in a.sections.assets.items if i.id != item_id))

    part = Part((item_prefix(item_id),), related=_forms_where("item", item_id))
    return _change(user, record, change, base, part)


# ---------------------------------------------------------------- section 6.1: threats


@dataclass(frozen=True, slots=True)
class ThreatRow:
    name: str
    relevant: bool | None
    assessment: str


def do_save_threats(
    user: AnyUser,
    record: AssessmentRecord,
    rows: Mapping[str, ThreatRow],
    sources_text: str | None = None,
    *,
    base: int | None = None,
) -> list[str]:
    """Save list 6.1: name, relevance and assessment text of the rows by threat id, and the
    text on where the threat picture comes from (when given)."""

    def change(a: Assessment) -> Assessment:
        threats = tuple(
            replace(
                threat,
                name=rows[threat.id].name,
                relevant=rows[threat.id].relevant,
                assessment=rows[threat.id].assessment,
            )
            if threat.id in rows
            else threat
            for threat in a.sections.threats.threats
        )
        a = _with_threats(a, threats)
        if sources_text is None:
            return a
        section = replace(a.sections.threats, sources_text=sources_text)
        return replace(a, sections=replace(a.sections, threats=section))

    prefixes = tuple(threat_prefix(t) for t in rows)
    if sources_text is not None:
        prefixes = (*prefixes, "sections.6.sources_text")
    return _change(user, record, change, base, Part(prefixes))


def do_add_threat(
    user: AnyUser,
    record: AssessmentRecord,
    name: str,
    catalogue_id: str | None = None,
    *,
    base: int | None = None,
) -> Threat:
    """Add an own threat, or one of the catalogue's further (not pre-printed) threats. An
    addition touches nothing anyone else edits, so it never conflicts."""
    added: list[Threat] = []

    def change(a: Assessment) -> Assessment:
        threats = a.sections.threats.threats
        taken = [threat.id for threat in threats]
        threat = Threat(id=new_ref("threat", taken), name=name.strip())
        if catalogue_id:
            known = {t.id: t for t in resolve_threats(a.meta.threat_catalogue) or ()}
            source = known.get(catalogue_id)
            if source is None:
                raise NotAllowed("unknown_catalogue_threat")
            threat_id = catalogue_id if catalogue_id not in taken else new_ref("threat", taken)
            threat = Threat(
                id=threat_id,
                name=name.strip() or source.name,
                catalogue=source.id,
                unauthorised_access=source.unauthorised_access,
                cyber=source.cyber,
            )
        added.append(threat)
        return _with_threats(a, (*threats, threat))

    _change(user, record, change, base, Part(()))
    return added[-1]


def do_remove_threat(
    user: AnyUser,
    record: AssessmentRecord,
    threat_id: str,
    *,
    with_forms: bool = False,
    base: int | None = None,
) -> list[str]:
    """Remove a threat that is not pre-printed (those are judged relevant or not instead)."""

    def change(a: Assessment) -> Assessment:
        printed = {t.id for t in resolve_threats(a.meta.threat_catalogue) or () if t.preprinted}
        threat = a.sections.threats.by_id().get(threat_id)
        if threat is None:
            raise NotAllowed("unknown_threat")
        if threat.catalogue in printed:
            raise NotAllowed("preprinted_threat")
        forms = a.sections.risk.forms
        own = [form for form in forms if form.threat == threat_id]
        if own and not with_forms:
            raise HasForms(len(own))
        a = _with_forms(a, tuple(form for form in forms if form.threat != threat_id))
        return _with_threats(a, tuple(t for t in a.sections.threats.threats if t.id != threat_id))

    part = Part((threat_prefix(threat_id),), related=_forms_where("threat", threat_id))
    return _change(user, record, change, base, part)


# ---------------------------------------------------------------- grid 6.2.1 and forms 7.2


def form_has_content(form: RiskForm) -> bool:
    """Whether removing the form would lose work (ratings, texts or measures)."""
    return bool(
        form.consequence is not None
        or form.likelihood is not None
        or form.residual_consequence is not None
        or form.residual_likelihood is not None
        or form.consequence_reason.strip()
        or form.likelihood_reason.strip()
        or form.effect.strip()
        or form.existing_measures
        or not form.proposed.is_empty
    )


@dataclass(frozen=True, slots=True)
class Toggled:
    form: RiskForm  # the form created, or the form removed
    created: bool


def do_toggle_cross(
    user: AnyUser,
    record: AssessmentRecord,
    item_id: str,
    threat_id: str,
    *,
    confirm: bool = False,
    base: int | None = None,
) -> Toggled:
    """Tick or untick one cross of the grid. Ticking makes a new risk form with the next
    number; unticking a form with content raises NeedsConfirmation unless `confirm`. The part
    is the form at the cross: ticking a cross someone ticked meanwhile is a conflict, not an
    untick."""
    result: list[Toggled] = []

    def change(a: Assessment) -> Assessment:
        forms = a.sections.risk.forms
        existing = next((f for f in forms if f.cross == (item_id, threat_id)), None)
        if existing is not None:
            if form_has_content(existing) and not confirm:
                raise NeedsConfirmation(existing)
            result.append(Toggled(existing, created=False))
            return _with_forms(a, tuple(f for f in forms if f.id != existing.id))
        item = a.sections.assets.by_id().get(item_id)
        threat = a.sections.threats.by_id().get(threat_id)
        if item is None or not item.in_grid or threat is None:
            raise NotAllowed("not_in_grid")
        if threat.relevant is False:
            raise NotAllowed("threat_not_relevant")
        form = RiskForm(
            id=new_ref("form", (f.id for f in forms)),
            number=max((f.number for f in forms), default=0) + 1,
            item=item_id,
            threat=threat_id,
        )
        result.append(Toggled(form, created=True))
        return _with_forms(a, (*forms, form))

    def at_cross(a: Assessment) -> tuple[str, ...]:
        return tuple(form_prefix(f.id) for f in a.sections.risk.forms if f.cross == cross)

    cross = (item_id, threat_id)
    _change(user, record, change, base, Part((), related=at_cross))
    return result[-1]


def do_save_risk_form(
    user: AnyUser, record: AssessmentRecord, form: RiskForm, *, base: int | None = None
) -> list[str]:
    """Save one risk form (by id); its cross (item, threat) stays what it is."""

    def change(a: Assessment) -> Assessment:
        forms = a.sections.risk.forms
        old = next((f for f in forms if f.id == form.id), None)
        if old is None:
            raise NotAllowed("unknown_form")
        saved = replace(form, item=old.item, threat=old.threat, needs_reassessment=False)
        return _with_forms(a, tuple(saved if f.id == form.id else f for f in forms))

    return _change(user, record, change, base, Part((form_prefix(form.id),)))
