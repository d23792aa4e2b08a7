"""Two people editing the annex register at once, through the page: every row form posts the
version the page was loaded from; a save of an annex someone else saved (or removed) meanwhile,
and a new annex with a number someone else has just added, are refused with HTTP 409, the
banner and the diff, the typed input still in the row (a chosen file cannot be kept: the banner
says so); saves of different annexes both go through; saving again from the refused page wins.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.enums import AnnexKind
from bolvaerk.services.annexes import AnnexFields, assets_folder, do_add_annex
from bolvaerk.services.workspace import load
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db

BASE = re.compile(r'name="base_version" value="(\d+)"')
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # the head is what the upload check reads


@pytest.fixture
def cast(settings: Any, tmp_path: Path) -> Cast:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads"},
        },
    }
    cast = build_cast()
    for number, name in (("1", "Oversigtskort"), ("2", "Detailkort")):
        fields = AnnexFields(number, name, AnnexKind.MAP_PORT, True, None)
        do_add_annex(cast.anne, cast.record, fields)
    return cast


def _client(user_name: str) -> Client:
    client = Client()  # a plain client: the tests post the base_version the page gave them
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _url(cast: Cast) -> str:
    return f"/assessments/{cast.record.pk}/annexes/"


def _annexes(cast: Cast) -> tuple[Annex, ...]:
    cast.record.refresh_from_db()
    return load(cast.record).annexes


def _base_of(html: str) -> str:
    found = set(BASE.findall(html))
    assert len(found) == 1, found  # every form of the page posts the same base
    return found.pop()


def _open(client: Client, cast: Cast) -> str:
    response = client.get(_url(cast))
    assert response.status_code == 200
    return _base_of(response.content.decode())


def _row(key: str, base: str, **values: object) -> dict[str, object]:
    fields = {
        "number": "1",
        "name": "Oversigtskort",
        "kind": "map_port",
        "delivery": "electronic",
        "registered_letter_sent": "",
    } | values
    return {"base_version": base, "annex": key} | {f"{key}-{k}": v for k, v in fields.items()}


def _banner(html: str) -> str:
    return html.split('id="conflict"')[1].split("</section>", maxsplit=1)[0]


def _diff_row(html: str, path: str) -> str:
    return _banner(html).split(f'data-path="{path}"')[1].split("</tr>")[0]


def _table_row(html: str, key: str) -> str:
    return html.split(f'id="annex-row-{key}"')[1].split("</tr>", maxsplit=1)[0]


def _refusals() -> int:
    return AuditEvent.objects.filter(action="assessment.save_conflict").count()


def test_the_second_save_of_an_annex_is_refused_and_keeps_the_input(cast: Cast) -> None:
    first = _annexes(cast)[0]
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, cast), _open(bo, cast)
    saved = anne.post(_url(cast), _row(first.id, base_anne, name="Oversigtskort (Anne)"))
    assert saved.status_code == 302
    upload = SimpleUploadedFile("havnekort.png", PNG, content_type="image/png")
    typed = _row(
        first.id,
        base_bo,
        name="Havnekort (Bo)",
        kind="map_facility",
        delivery="letter",
        registered_letter_sent="03-02-2026",
        upload=upload,
    )
    refused = bo.post(_url(cast), typed)
    assert refused.status_code == 409
    page = refused.content.decode()
    banner = _banner(page)
    assert "anne saved this part at" in banner
    assert f"(version {int(base_anne) + 1})" in banner
    name = _diff_row(page, f"annexes[{first.id}].name")
    assert "Name" in name
    assert "Oversigtskort (Anne)" in name
    assert "Havnekort (Bo)" in name
    assert "changed by them" in name
    kind = _diff_row(page, f"annexes[{first.id}].kind")
    assert "Overview map (2.1)" in kind  # the kinds named as the page names them
    assert "Map of the facility (2.2)" in kind
    assert "The file havnekort.png was not stored either" in banner
    assert "choose it once more" in banner
    # Bo's input is still in his row, and every form now posts the current version
    row = _table_row(page, first.id)
    assert 'value="Havnekort (Bo)"' in row
    assert '<option value="map_facility" selected>' in row
    assert 'value="03-02-2026"' in row
    assert row.startswith(' class="has-conflict"')
    assert _base_of(page) == str(int(base_bo) + 1)
    # nothing of Bo's was saved, the file included; the refusal is audited once
    annex = _annexes(cast)[0]
    assert (annex.name, annex.kind, annex.file) == ("Oversigtskort (Anne)", AnnexKind.MAP_PORT, "")
    folder = assets_folder(cast.record)
    assert not folder.exists() or not any(folder.iterdir())
    event = AuditEvent.objects.get(action="assessment.save_conflict")
    assert (event.actor, event.details["base"]) == (cast.bo, int(base_bo))
    assert f"annexes[{first.id}].name" in event.details["differs"]
    # saving again from the refused page is deliberate: Bo's version wins
    again = _row(
        first.id,
        _base_of(page),
        name="Havnekort (Bo)",
        kind="map_facility",
        upload=SimpleUploadedFile("havnekort.png", PNG, content_type="image/png"),
    )
    assert bo.post(_url(cast), again).status_code == 302
    annex = _annexes(cast)[0]
    assert (annex.name, annex.kind, annex.file) == (
        "Havnekort (Bo)",
        AnnexKind.MAP_FACILITY,
        "havnekort.png",
    )
    assert _refusals() == 1


def test_saves_of_two_different_annexes_from_the_same_version_both_go_through(
    cast: Cast,
) -> None:
    first, second = _annexes(cast)
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, cast), _open(bo, cast)
    assert base_anne == base_bo
    one = anne.post(_url(cast), _row(first.id, base_anne, name="Oversigtskort (Anne)"))
    upload = SimpleUploadedFile("detail.png", PNG, content_type="image/png")
    two = bo.post(
        _url(cast), _row(second.id, base_bo, number="2", name="Detailkort (Bo)", upload=upload)
    )
    assert (one.status_code, two.status_code) == (302, 302)
    names = {a.id: (a.name, a.file) for a in _annexes(cast)}
    assert names == {
        first.id: ("Oversigtskort (Anne)", ""),
        second.id: ("Detailkort (Bo)", "detail.png"),
    }
    assert _refusals() == 0


def test_new_annexes_conflict_only_when_they_take_the_same_number(cast: Cast) -> None:
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, cast), _open(bo, cast)
    added = anne.post(_url(cast), _row("new", base_anne, number="3", name="Orgdiagram (Anne)"))
    assert added.status_code == 302
    other = bo.post(_url(cast), _row("new", base_bo, number="4", name="Sikringsorg. (Bo)"))
    assert other.status_code == 302  # another number: no conflict, though from an old base
    same = bo.post(_url(cast), _row("new", base_bo, number="3", name="Virksomhedsbilag (Bo)"))
    assert same.status_code == 409
    page = same.content.decode()
    banner = _banner(page)
    assert "Another annex got the number 3 meanwhile" in banner
    anne_annex = next(a for a in _annexes(cast) if a.number == "3")
    name = _diff_row(page, f"annexes[{anne_annex.id}].name")
    assert "Orgdiagram (Anne)" in name
    assert "Virksomhedsbilag (Bo)" in name
    number = _diff_row(page, f"annexes[{anne_annex.id}].number")
    assert number.count(">3</td>") == 2  # the same number on both sides: the reason
    assert 'value="Virksomhedsbilag (Bo)"' in _table_row(page, "new")
    assert [a.name for a in _annexes(cast) if a.number == "3"] == ["Orgdiagram (Anne)"]
    assert _refusals() == 1
    # knowing about Anne's annex 3, Bo may still add his own
    again = bo.post(
        _url(cast), _row("new", _base_of(page), number="3", name="Virksomhedsbilag (Bo)")
    )
    assert again.status_code == 302
    assert sorted(a.name for a in _annexes(cast) if a.number == "3") == [
        "Orgdiagram (Anne)",
        "Virksomhedsbilag (Bo)",
    ]


def test_a_number_on_the_page_when_it_was_loaded_is_no_conflict(cast: Cast) -> None:
    anne, bo = _client("anne"), _client("bo")
    base_bo = _open(bo, cast)
    assert anne.post(_url(cast), _row("new", _open(anne, cast), number="5")).status_code == 302
    # annex 1 was on Bo's page: adding another number 1 from the old base is deliberate
    response = bo.post(_url(cast), _row("new", base_bo, number="1", name="Bilag 1b"))
    assert response.status_code == 302
    assert [a.name for a in _annexes(cast) if a.number == "1"] == ["Oversigtskort", "Bilag 1b"]


def test_removing_an_annex_changed_meanwhile_is_refused(cast: Cast) -> None:
    first = _annexes(cast)[0]
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, cast), _open(bo, cast)
    assert anne.post(_url(cast), _row(first.id, base_anne, name="Kort (Anne)")).status_code == 302
    refused = bo.post(_url(cast), {"base_version": base_bo, "annex": first.id, "remove": "1"})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "The annex was not removed" in _banner(page)
    assert "Kort (Anne)" in _banner(page)
    assert 'value="Kort (Anne)"' in _table_row(page, first.id)  # the row as saved now
    assert _annexes(cast)[0].id == first.id
    assert _refusals() == 1
    removed = bo.post(
        _url(cast), {"base_version": _base_of(page), "annex": first.id, "remove": "1"}
    )
    assert removed.status_code == 302
    assert first.id not in [a.id for a in _annexes(cast)]


def test_editing_an_annex_removed_meanwhile_moves_the_input_to_the_new_row(cast: Cast) -> None:
    first = _annexes(cast)[0]
    anne, bo = _client("anne"), _client("bo")
    base_anne, base_bo = _open(anne, cast), _open(bo, cast)
    gone = anne.post(_url(cast), {"base_version": base_anne, "annex": first.id, "remove": "1"})
    assert gone.status_code == 302
    refused = bo.post(_url(cast), _row(first.id, base_bo, name="Oversigtskort (Bo)"))
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "This annex was removed meanwhile" in _banner(page)
    assert f'id="annex-row-{first.id}"' not in page
    assert 'value="Oversigtskort (Bo)"' in _table_row(page, "new")
    assert first.id not in [a.id for a in _annexes(cast)]
    assert _refusals() == 1


def test_a_post_without_the_base_version_is_refused(cast: Cast) -> None:
    first = _annexes(cast)[0]
    data = _row(first.id, "1", name="Blind")
    del data["base_version"]
    response = _client("anne").post(_url(cast), data)
    assert response.status_code == 400
    assert _annexes(cast)[0].name == "Oversigtskort"
