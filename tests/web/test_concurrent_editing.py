"""Two people editing the same assessment at once, through the pages: each form posts the
version it was loaded from; the second save of the same part is refused with HTTP 409, a banner
naming who saved and when, the diff (their value, your value) and the typed input still in the
form; saves of different parts both go through; saving again from the refused page wins. Also
two threads saving the same form at the same moment: exactly one wins."""

from __future__ import annotations

import re
import threading
from dataclasses import replace

import pytest
from django.db import connection
from django.test import Client
from django.utils.html import escape

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import AssetCategory
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.services.workspace import do_save_assessment, load
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db

BASE = re.compile(r'name="base_version" value="(\d+)"')


def _client(user_name: str) -> Client:
    client = Client()  # a plain client: the tests post the base_version the page gave them
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _prepared() -> Cast:
    """The cast with two S+V items and two crosses of the port office: forms 1 and 2."""
    cast = build_cast()
    assessment = load(cast.record)
    office = replace(assessment.sections.assets.items[0], vulnerable=True, significant=True)
    gate = AssetItem(
        id="item-gate",
        category=AssetCategory.PERIMETER,
        name="Port 1",
        vulnerable=True,
        significant=True,
    )
    threats = assessment.sections.threats.threats
    first, second = replace(threats[0], relevant=True), replace(threats[1], relevant=True)
    forms = (
        RiskForm(id="form-1", number=1, item=office.id, threat=first.id),
        RiskForm(id="form-2", number=2, item=office.id, threat=second.id),
    )
    sections = assessment.sections
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(
            assessment,
            sections=replace(
                sections,
                assets=replace(sections.assets, items=(office, gate)),
                threats=replace(sections.threats, threats=(first, second, *threats[2:])),
                risk=replace(sections.risk, forms=forms),
            ),
        ),
    )
    return cast


@pytest.fixture
def cast() -> Cast:
    return _prepared()


def _current(cast: Cast) -> Assessment:
    cast.record.refresh_from_db()
    return load(cast.record)


def _base_of(html: str) -> str:
    found = set(BASE.findall(html))
    assert len(found) == 1, found  # every form of the page posts the same base
    return found.pop()


def _form_url(cast: Cast, form_id: str = "form-1") -> str:
    return f"/assessments/{cast.record.pk}/forms/{form_id}/"


def _risk_post(base: str, **extra: str) -> dict[str, str]:
    data = {
        "base_version": base,
        "number": "1",
        "date": "01-03-2026",
        "consequence": "3",
        "likelihood": "III",
        "consequence_reason": "",
        "likelihood_reason": "",
        "effect": "",
        "residual_consequence": "",
        "residual_likelihood": "",
        "residual_justification": "",
        "existing-count": "0",
        "level_1-count": "0",
        "level_2-count": "0",
        "level_3-count": "0",
    }
    data.update(extra)
    return data


def _open(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return _base_of(response.content.decode())


# ---------------------------------------------------------------- the risk form


def test_the_second_save_of_a_risk_form_is_refused_and_keeps_the_input(cast: Cast) -> None:
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, _form_url(cast)), _open(bo, _form_url(cast))
    assert base_anne == base_bo
    first = anne.post(
        _form_url(cast), _risk_post(base_anne, consequence_reason="Many passengers (Anne).")
    )
    assert first.status_code == 302
    second = bo.post(
        _form_url(cast),
        _risk_post(
            base_bo,
            consequence_reason="Few passengers at night (Bo).",
            likelihood="IV",
            **{"level_2-new-text": "Extra guards at night"},
        ),
    )
    assert second.status_code == 409
    page = second.content.decode()
    banner = page.split('id="conflict"')[1].split("</section>")[0]
    assert "anne saved this part at" in banner
    assert f"(version {int(base_anne) + 1})" in banner
    diff = banner.split('class="list conflict-diff"')[1]
    row = diff.split('data-path="sections.7.forms[form-1].consequence_reason"')[1].split("</tr>")[0]
    assert "Reason for the consequence" in row
    assert escape("Many passengers (Anne).") in row
    assert escape("Few passengers at night (Bo).") in row
    assert "changed by them" in row
    # the typed input is still in the form, and the form now posts the current version
    form = page.split('class="card risk-form"')[1].split("</form>")[0]
    assert escape("Few passengers at night (Bo).") in form.split("f-consequence_reason")[2]
    assert "Extra guards at night" in form
    assert '<option value="IV" selected>' in form
    assert _base_of(page) == str(int(base_bo) + 1)
    saved = _current(cast).sections.risk.forms[0]
    assert saved.consequence_reason == "Many passengers (Anne)."
    event = AuditEvent.objects.get(action="assessment.save_conflict")
    assert (event.actor, event.details["base"]) == (cast.bo, int(base_bo))
    log = anne.get(f"/assessments/{cast.record.pk}/log/").content.decode()
    assert "Save refused: someone else had saved the same part" in log
    # saving again from the refused page is deliberate: Bo's version wins
    again = bo.post(
        _form_url(cast),
        _risk_post(
            _base_of(page),
            consequence_reason="Few passengers at night (Bo).",
            **{"level_2-count": "1", "level_2-0-text": "Extra guards at night"},
        ),
    )
    assert again.status_code == 302
    saved = _current(cast).sections.risk.forms[0]
    assert saved.consequence_reason == "Few passengers at night (Bo)."
    assert [m.text for m in saved.proposed.level_2] == ["Extra guards at night"]


def test_saves_of_two_different_forms_from_the_same_version_both_go_through(cast: Cast) -> None:
    anne, bo = _client("anne"), _client("bo")
    base_anne = _open(anne, _form_url(cast, "form-1"))
    base_bo = _open(bo, _form_url(cast, "form-2"))
    one = anne.post(_form_url(cast, "form-1"), _risk_post(base_anne, effect="One"))
    two = bo.post(_form_url(cast, "form-2"), _risk_post(base_bo, number="2", effect="Two"))
    assert (one.status_code, two.status_code) == (302, 302)
    effects = {f.id: f.effect for f in _current(cast).sections.risk.forms}
    assert effects == {"form-1": "One", "form-2": "Two"}


def test_a_post_without_the_base_version_is_refused(cast: Cast) -> None:
    data = _risk_post("1", effect="Blind")
    del data["base_version"]
    response = _client("anne").post(_form_url(cast), data)
    assert response.status_code == 400
    assert _current(cast).sections.risk.forms[0].effect == ""


# ---------------------------------------------------------------- the editor pages


def _section_3(base: str, text: str) -> dict[str, str]:
    return {"base_version": base, "text": text, "physical_technical": "", "procedural": ""}


def test_the_editor_refuses_the_second_save_of_a_page(cast: Cast) -> None:
    url = f"/assessments/{cast.record.pk}/edit/3/"
    front = f"/assessments/{cast.record.pk}/edit/front/"
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo, base_front = _open(anne, url), _open(bo, url), _open(bo, front)
    assert anne.post(url, _section_3(base_anne, "Hegn (Anne).")).status_code == 302
    refused = bo.post(url, _section_3(base_bo, "Hegn og kameraer (Bo)."))
    assert refused.status_code == 409
    page = refused.content.decode()
    assert escape("Hegn (Anne).") in page.split('id="conflict"')[1].split("</section>")[0]
    field = page.split('id="sections-3-text"')[1].split("</textarea>")[0]
    assert escape("Hegn og kameraer (Bo).") in field
    assert _current(cast).sections.existing_security.text == "Hegn (Anne)."
    # another page from the same old version: no conflict
    data = {"base_version": base_front, "port": "Fjordby Havn", "facility": "Færgeterminalen"}
    assert bo.post(front, data).status_code == 302
    assert _current(cast).sections.existing_security.text == "Hegn (Anne)."
    assert _current(cast).front_page.facility == "Færgeterminalen"


def test_adding_a_row_keeps_the_base_the_page_was_loaded_from(cast: Cast) -> None:
    url = f"/assessments/{cast.record.pk}/edit/1/"
    anne = _client("anne")
    base = _open(anne, url)
    do_save_assessment(  # someone saves meanwhile
        cast.bo,
        cast.record,
        replace(_current(cast), front_page=replace(_current(cast).front_page, cvr="12345678")),
    )
    data = {
        "base_version": base,
        "add": "participants",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
    }
    response = anne.post(url, data)
    assert response.status_code == 200
    assert _base_of(response.content.decode()) == base


# ---------------------------------------------------------------- sections 5 and 6.1


def test_the_skema_table_refuses_rows_saved_meanwhile_and_keeps_the_new_row(cast: Cast) -> None:
    url = f"/assessments/{cast.record.pk}/items/"
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, url), _open(bo, url)

    def row(base: str, name: str, new: str = "") -> dict[str, str]:
        return {
            "base_version": base,
            "category": "5.3",
            "item-gate-name": name,
            "item-gate-description": "",
            "item-gate-s": "1",
            "item-gate-s-was": "yes",
            "item-gate-v": "1",
            "item-gate-v-was": "yes",
            "new-name": new,
        }

    assert anne.post(url, row(base_anne, "Port 2 (Anne)")).status_code == 302
    refused = bo.post(url, row(base_bo, "Port 3 (Bo)", new="Hegn mod vandsiden"))
    assert refused.status_code == 409
    page = refused.content.decode()
    skema = page.split('id="skema-5.3"')[1].split("</form>")[0]
    assert "Port 2 (Anne)" in skema.split('id="conflict"')[1]
    assert 'value="Port 3 (Bo)"' in skema
    assert 'value="Hegn mod vandsiden"' in skema
    assert _current(cast).sections.assets.by_id()["item-gate"].name == "Port 2 (Anne)"


def test_an_item_added_meanwhile_to_the_same_skema_is_no_conflict(cast: Cast) -> None:
    url = f"/assessments/{cast.record.pk}/items/"
    bo = _client("bo")
    base = _open(bo, url)
    current = _current(cast)
    fence = AssetItem(id="item-fence", category=AssetCategory.PERIMETER, name="Hegn (Anne)")
    assets = replace(current.sections.assets, items=(*current.sections.assets.items, fence))
    do_save_assessment(
        cast.anne, cast.record, replace(current, sections=replace(current.sections, assets=assets))
    )
    data = {
        "base_version": base,
        "category": "5.3",
        "item-gate-name": "Port 2 (Bo)",
        "item-gate-description": "",
        "item-gate-s-was": "yes",
        "item-gate-v-was": "yes",
        "item-gate-s": "1",
        "item-gate-v": "1",
    }
    assert bo.post(url, data).status_code == 302
    items = _current(cast).sections.assets.by_id()
    assert items["item-gate"].name == "Port 2 (Bo)"
    assert items["item-fence"] == fence  # Anne's new item kept as she saved it


def test_the_item_page_and_list_6_1_refuse_a_stale_save(cast: Cast) -> None:
    item_url = f"/assessments/{cast.record.pk}/items/item-gate/"
    threats_url = f"/assessments/{cast.record.pk}/threats/"
    anne, bo = _client("anne"), _client("bo")
    base_item, base_threats = _open(bo, item_url), _open(bo, threats_url)
    current = _current(cast)
    threat = current.sections.threats.threats[0]
    gate = current.sections.assets.by_id()["item-gate"]
    edited = replace(current.sections.threats, sources_text="PET 2026 (Anne)")
    items = tuple(
        replace(i, description="Anne's") if i.id == gate.id else i
        for i in current.sections.assets.items
    )
    sections = replace(
        current.sections, threats=edited, assets=replace(current.sections.assets, items=items)
    )
    assert anne.get(item_url).status_code == 200
    do_save_assessment(cast.anne, cast.record, replace(current, sections=sections))
    item = bo.post(
        item_url,
        {
            "base_version": base_item,
            "category": "5.3",
            "name": "Port 1",
            "description": "Bo's description",
            "electricity_class": "none",
            "s": "1",
            "v": "1",
        },
    )
    assert item.status_code == 409
    assert "Bo&#x27;s description" in item.content.decode().split("f-description")[2]
    threats = bo.post(
        threats_url,
        {
            "base_version": base_threats,
            "sources_text": "Politiet (Bo)",
            f"{threat.id}-name": threat.name,
            f"{threat.id}-relevant": "yes",
            f"{threat.id}-assessment": "Bo's assessment",
        },
    )
    assert threats.status_code == 409
    page = threats.content.decode()
    assert "PET 2026 (Anne)" in page.split('id="conflict"')[1].split("</section>")[0]
    assert "Politiet (Bo)</textarea>" in page
    assert "Bo&#x27;s assessment</textarea>" in page
    assert AuditEvent.objects.filter(action="assessment.save_conflict").count() == 2


# ---------------------------------------------------------------- the grid (htmx)


def test_a_cross_ticked_meanwhile_is_not_unticked_by_a_stale_grid(cast: Cast) -> None:
    grid = f"/assessments/{cast.record.pk}/grid/"
    toggle = f"{grid}toggle/"
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, grid), _open(bo, grid)
    threat = _current(cast).sections.threats.threats[0].id
    cross = f"item-gate|{threat}"
    htmx = {"HTTP_HX_REQUEST": "true"}
    ticked = anne.post(toggle, {"base_version": base_anne, "cross": cross}, **htmx)
    assert ticked.status_code == 200
    # the answer moves the grid's base on, so Anne's next click is not a conflict
    assert 'id="grid-base" name="base_version" value="' in ticked.content.decode()
    assert _base_of(ticked.content.decode()) == str(int(base_anne) + 1)
    refused = bo.post(toggle, {"base_version": base_bo, "cross": cross}, **htmx)
    assert refused.status_code == 204
    assert refused["HX-Redirect"].endswith("#row-item-gate")
    forms = [f for f in _current(cast).sections.risk.forms if f.item == "item-gate"]
    assert len(forms) == 1  # still ticked: Bo's stale click did not untick Anne's cross
    page = bo.get(grid).content.decode()
    assert "Your click was not applied" in page
    other = _current(cast).sections.threats.threats[1].id
    stale_but_elsewhere = bo.post(
        toggle, {"base_version": base_bo, "cross": f"item-gate|{other}"}, **htmx
    )
    assert stale_but_elsewhere.status_code == 200


# ---------------------------------------------------------------- two saves at the same moment


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the SQLite test database is shared in memory: its table locks fail at once instead "
    "of waiting, unlike the file database the application runs on",
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_one_form_exactly_one_wins() -> None:
    cast = _prepared()
    clients = {"anne": _client("anne"), "bo": _client("bo")}
    base = _open(clients["anne"], _form_url(cast))
    start = threading.Barrier(2)
    statuses: dict[str, int] = {}
    errors: list[BaseException] = []

    def save(name: str) -> None:
        try:
            try:
                start.wait(timeout=10)
                data = _risk_post(base, effect=f"Effect by {name}")
                statuses[name] = clients[name].post(_form_url(cast), data).status_code
            finally:
                connection.close()  # each thread has its own connection
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=save, args=(name,)) for name in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(statuses.values()) == [302, 409]
    winner = next(name for name, status in statuses.items() if status == 302)
    assert _current(cast).sections.risk.forms[0].effect == f"Effect by {winner}"
    assert AuditEvent.objects.filter(action="assessment.save_conflict").count() == 1
