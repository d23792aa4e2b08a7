"""The secure-EDI web form, end to end with real parties: a ship agent fills the ISPS pre-arrival
notification in the web app (the agent's installation), checks it and sends it signed and
encrypted into the port's drop folder; the port takes it in with the exchange services, and in
the port's installation the PFSO sees it verified, with the last ten calls against the
facility's current security level. A tampered file shows as quarantined with its reason."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent, Facility, OrgKind, Role
from bolvaerk.adapters.edi import cms, container
from bolvaerk.domain.edi import Arrival, PreArrivalSecurity
from bolvaerk.services import edi_exchange, edi_messages, edi_records
from bolvaerk.services.edi_identity import PASSPHRASE_ENV, load_identity
from bolvaerk.services.people import do_create_organisation, do_create_user
from bolvaerk.web.forms.edi_isps import bind, initial_from
from tests.edi_parties import PASSPHRASE, Party, introduce, make_party
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db

GISIS = "DKFJ2-0001"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    agent = make_party(tmp_path, "Nordic Agency")
    port = make_party(tmp_path, "Fjordby Port")
    introduce(agent, port)  # the agent delivers into the port's drop folder
    introduce(port, agent)  # the port's receipts go back into the agent's drop folder
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    cast = build_cast()
    firm = do_create_organisation(None, "Aarhus Skibsagentur ApS", OrgKind.SHIP_AGENT)
    do_create_user(None, "sara", PASSWORD, firm, Role.AGENT, language="en")
    site = do_create_organisation(None, "bolvaerk drift", OrgKind.SITE)
    do_create_user(None, "admin", PASSWORD, site, Role.SITE_ADMIN, language="en")
    return {"agent": agent, "port": port, "cast": cast, "monkeypatch": monkeypatch}


def login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def use_installation(world: dict[str, Any], party: Party) -> None:
    """The web app serves the party's data folder (BOLVAERK_HOME, as in production)."""
    world["monkeypatch"].setenv("BOLVAERK_HOME", str(party.home))


def notification() -> PreArrivalSecurity:
    """The shipped example, arriving at our Fjordby facility in three days."""
    example = edi_messages.example("isps")
    assert isinstance(example, PreArrivalSecurity)
    eta = (datetime.now(UTC) + timedelta(days=3)).replace(hour=12, minute=0, second=0)
    call = Arrival(port="DKFJ2", eta=eta, facility=GISIS, purpose="Ferry call")
    return replace(example, call=call)


def form_data(message: PreArrivalSecurity, **changes: str) -> dict[str, str]:
    """What the browser posts for the message, as the page's own forms render it."""
    forms_ = bind(None, "en", [], initial_from(message))
    data: dict[str, str] = {}
    every = [*forms_.parts.values(), forms_.options]
    every += [forms_.last_calls.management_form, forms_.ship_to_ship.management_form]
    every += [*forms_.last_calls.forms, *forms_.ship_to_ship.forms]
    for form in every:
        for bound in form:
            value = bound.field.widget.format_value(bound.value())
            if isinstance(value, list):  # a select's chosen values
                value = value[0] if value else ""
            data[bound.html_name] = "" if value is None else str(value)
    data["send-form"] = "xml"
    data.update(changes)
    return data


def set_facility(client: Client, cast: Cast, level: int = 1) -> None:
    url = f"/facilities/{cast.facility.pk}/edi/"
    answer = client.post(url, {"security_level": str(level), "gisis_number": GISIS.lower()})
    assert answer.status_code == 302, answer.content.decode()[:2000]


def test_agent_sends_and_the_pfso_sees_it_verified_with_the_comparison(world):
    agent, port, cast = world["agent"], world["port"], world["cast"]
    use_installation(world, agent)
    sara = login("sara")
    page = sara.get("/edi/send/").content.decode()
    assert 'value="Fjordby Port"' in page
    assert 'id="ship-imo_number"' in page
    assert 'id="last_calls-9--port"' in page

    data = form_data(notification(), **{"send-partner": "Fjordby Port"})
    checked = sara.post("/edi/send/", {**data, "action": "check"})
    assert checked.status_code == 200
    assert "No findings: the notification meets every EDI rule." in checked.content.decode()
    assert not list(port.drop.iterdir())  # checking sends nothing

    sent = sara.post("/edi/send/", {**data, "action": "send"}, follow=True)
    text = sent.content.decode()
    assert sent.redirect_chain == [("/edi/sent/", 302)]
    [record] = edi_records.load_sent(agent.paths)
    assert f"Sent {record.message_id} to Fjordby Port" in text
    assert "waiting for the receipt" in text  # a folder drop answers later
    event = AuditEvent.objects.get(action="edi.sent")
    assert event.details["message_id"] == record.message_id
    assert event.details["receipt"] == "waiting"

    # The port takes the drop in with the exchange services (what `bolvaerk edi receive` does).
    [outcome] = edi_exchange.receive(port.paths, port.drop, passphrase=PASSPHRASE)
    assert outcome.ok
    assert outcome.message_id == record.message_id

    use_installation(world, port)
    pfso_sees_the_message_and_the_comparison(cast, record.message_id)

    # The agent takes the port's receipt in; the sent list shows it.
    use_installation(world, agent)
    edi_exchange.receive(agent.paths, agent.drop, passphrase=PASSPHRASE)
    assert "accepted by the port" in sara.get("/edi/sent/").content.decode()


def pfso_sees_the_message_and_the_comparison(cast: Cast, message_id: str) -> None:
    bo = login("bo")  # the facility's PFSO
    assert "No received messages for you." in bo.get("/edi/received/").content.decode()
    set_facility(bo, cast, level=1)
    facility = Facility.objects.get(pk=cast.facility.pk)
    assert (facility.gisis_number, facility.security_level) == (GISIS, 1)
    change = AuditEvent.objects.get(action="facility.edi_settings")
    assert change.details["new"] == {"security_level": 1, "gisis_number": GISIS}
    assert change.facility_id == facility.pk

    listing = bo.get("/edi/received/").content.decode()
    assert message_id in listing
    assert "Nordic Agency" in listing
    assert "Verified" in listing
    assert "ISPS pre-arrival security notification" in listing
    key = outcome_key(bo, message_id)
    detail = bo.get("/edi/received/message", {"key": key})
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "signature checked, sender a trusted partner" in html
    assert "facility's current security level" in html
    comparison = html.split('id="comparison"')[1].split("</table>")[0]
    rows = comparison.split("<tr")[2:]
    assert len(rows) == 10
    assert 'class="flagged"' in rows[1]
    assert "SEGOT" in rows[1]
    assert "above our level" in rows[1]
    assert 'class="flagged"' in rows[8]
    assert "not an ISPS port facility" in rows[8]
    assert "access ladder raised" in rows[8]  # the measures the ship reported
    assert sum('class="flagged"' in row for row in rows) == 2
    assert "2 calls need attention" in html

    # At level 2 the level-2 call is no longer above the facility's level.
    set_facility(bo, cast, level=2)
    html = bo.get("/edi/received/message", {"key": key}).content.decode()
    assert "1 call needs attention" in html


def outcome_key(client: Client, message_id: str) -> str:
    listing = client.get("/edi/received/").content.decode()
    row = next(r for r in listing.split("<tr") if message_id in r)
    return row.split("?key=")[1].split('"')[0]


def _secured(sender: Party, receiver: Party, payload: bytes, signed_payload: bytes) -> bytes:
    identity = load_identity(sender.paths, PASSPHRASE)
    signature = cms.sign(signed_payload, identity.certificate, identity.key, detached=True)
    labels = container.Labels("AGX-77", sender.name, receiver.name, "isps", "t.xml", "now")
    recipient = load_identity(receiver.paths, PASSPHRASE).certificate
    return cms.encrypt(container.pack(labels, payload, signature), [recipient])


def test_tampered_files_show_as_quarantined_with_the_reason(world):
    agent, port, cast = world["agent"], world["port"], world["cast"]
    signed = edi_messages.to_xml(notification())
    # Someone on the way hides the level-2 call: the payload no longer matches the signature.
    altered = signed.replace(b"<ISPSSecurityLevelCode>2<", b"<ISPSSecurityLevelCode>1<", 1)
    assert altered != signed
    (port.drop / "a.edi.p7m").write_bytes(_secured(agent, port, altered, signed))
    (port.drop / "b.edi.p7m").write_bytes(b"\x30\x82garbage that is no CMS at all")
    outcomes = edi_exchange.receive(port.paths, port.drop, passphrase=PASSPHRASE)
    assert [o.code for o in outcomes] == ["digest-mismatch", "not-cms"]

    use_installation(world, port)
    bo = login("bo")
    set_facility(bo, cast)
    listing = bo.get("/edi/received/").content.decode()
    assert "Quarantined" in listing
    assert "The content was changed after signing" in listing
    assert "no CMS structure" not in listing  # unreadable: matches no facility, admins only
    key = outcome_key(bo, "AGX-77")
    html = bo.get("/edi/received/message", {"key": key}).content.decode()
    assert "What is shown below was not verified" in html
    assert "The content was changed after signing" in html

    admin = login("admin")
    listing = admin.get("/edi/received/").content.decode()
    assert "no CMS structure" in listing
    assert "AGX-77" in listing

    # Danish for a Danish user: the reason in the user's language.
    bo.cookies.clear()
    cast.bo.membership.language = "da"
    cast.bo.membership.save()
    danish = login("bo").get("/edi/received/").content.decode()
    assert "Indholdet er ændret efter underskriften" in danish


def test_outsiders_get_404_and_parties_no_more_than_their_part(world):
    agent, port, cast = world["agent"], world["port"], world["cast"]
    payload = edi_messages.to_xml(notification())
    (port.drop / "m.edi.p7m").write_bytes(_secured(agent, port, payload, payload))
    [outcome] = edi_exchange.receive(port.paths, port.drop, passphrase=PASSPHRASE)
    assert outcome.ok
    use_installation(world, port)
    set_facility(login("bo"), cast)
    key = outcome_key(login("bo"), "AGX-2026-000412")
    operator = do_create_organisation(None, "Other Terminal A/S", OrgKind.FACILITY_OPERATOR)
    do_create_user(None, "other-pfso", PASSWORD, operator, Role.PFSO, language="en")
    for username in ("olga", "anne", "carl", "other-pfso"):
        client = login(username)
        assert client.get("/edi/received/message", {"key": key}).status_code == 404, username
    for username in ("olga", "anne", "carl"):  # no role that reads received messages
        assert login(username).get("/edi/received/").status_code == 404, username
    assert "AGX-2026-000412" not in login("other-pfso").get("/edi/received/").content.decode()
    for username in ("bo", "eva", "admin", "anne"):  # not ship agents
        if username != "admin":
            assert login(username).get("/edi/send/").status_code == 404, username
            assert login(username).get("/edi/sent/").status_code == 404, username
    for username in ("eva", "admin"):
        assert login(username).get("/edi/received/message", {"key": key}).status_code == 200
    # the facility's EDI page: outsiders 404; parties see it, only the PFSO/PSO may change it
    url = f"/facilities/{cast.facility.pk}/edi/"
    assert login("olga").get(url).status_code == 404
    assert login("olga").post(url, {"security_level": "3"}).status_code == 404
    assert login("anne").get(url).status_code == 200
    assert login("anne").post(url, {"security_level": "3"}).status_code == 403
    assert Facility.objects.get(pk=cast.facility.pk).security_level == 1
    assert login("sara").get(url).status_code == 404
    nav = login("sara").get("/edi/sent/").content.decode()
    assert 'href="/edi/sent/"' in nav
    assert 'href="/edi/received/"' not in nav


def test_bad_input_keeps_what_was_typed_and_names_the_field_and_rule(world):
    agent, port = world["agent"], world["port"]
    use_installation(world, agent)
    sara = login("sara")
    data = form_data(
        notification(),
        **{
            "ship-imo_number": "9074728",
            "last_calls-3-arrival": "31-31-2026",
            "send-partner": "Fjordby Port",
        },
    )
    answer = sara.post("/edi/send/", {**data, "action": "check"})
    html = answer.content.decode()
    assert answer.status_code == 400
    assert 'value="31-31-2026"' in html
    assert 'value="9074728"' in html
    assert "Write the date as dd-mm-yyyy" in html
    assert "Nothing you typed was lost" in html

    data["last_calls-3-arrival"] = "08-11-2026"
    answer = sara.post("/edi/send/", {**data, "action": "check"})
    html = answer.content.decode()
    assert answer.status_code == 200
    field = html.split('id="ship-imo_number"')[1].split("</div>")[0]
    assert "EDI-SHIP-01" in field
    assert "wrong check digit (it should be 9)" in field
    assert "<strong>IMO number:</strong>" in html  # the summary names the field
    assert 'href="#ship-imo_number"' in html
    assert 'value="9074728"' in html
    assert 'value="NORDIC STAR"' in html

    # A call with a higher level and no measures: the finding sits in that row
    data["last_calls-1-additional_measures"] = ""
    html = sara.post("/edi/send/", {**data, "action": "check"}).content.decode()
    row = html.split('id="last_calls-row-2"')[1].split("</tr>")[0]
    assert "EDI-ISPS-06" in row

    refused = sara.post("/edi/send/", {**data, "action": "send"})
    assert refused.status_code == 400
    assert "EDI-SHIP-01" in refused.content.decode()
    assert not list(port.drop.iterdir())  # nothing with errors leaves the house
    assert not AuditEvent.objects.filter(action="edi.sent").exists()

    missing = sara.post("/edi/send/", {**form_data(notification()), "action": "send"})
    assert "Choose the port to send the notification to." in missing.content.decode()


def test_without_an_identity_the_page_says_how_to_make_one(world, tmp_path):
    world["monkeypatch"].setenv("BOLVAERK_HOME", str(tmp_path / "fresh"))
    html = login("sara").get("/edi/send/").content.decode()
    assert "This installation has no EDI identity yet" in html
    assert "bolvaerk edi init --name" in html
    answer = login("sara").post("/edi/send/", {**form_data(notification()), "action": "check"})
    assert answer.status_code == 200  # checking works without an identity


class _Inbox(BaseHTTPRequestHandler):
    """A port's HTTPS inbox stand-in on loopback: the real inbox service, its real receipt."""

    home: Path

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        answer = edi_exchange.inbox(body, home=self.home)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def inbox_server(world) -> Iterator[str]:
    handler = type("Inbox", (_Inbox,), {"home": world["port"].home})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/edi/inbox"
    server.shutdown()
    server.server_close()


def test_an_https_partner_answers_with_the_receipt_at_once(world, inbox_server):
    agent, port = world["agent"], world["port"]
    introduce(agent, port, inbox_server, replace=True)  # now through its web inbox
    use_installation(world, agent)
    data = form_data(notification(), **{"send-partner": "Fjordby Port", "send-form": "edifact"})
    sent = login("sara").post("/edi/send/", {**data, "action": "send"}, follow=True)
    assert "Receipt: accepted by the port." in sent.content.decode()
    [saved] = (port.paths.inbox / "Nordic_Agency").iterdir()
    assert saved.suffix == ".edi"
    assert edi_messages.detect_form(saved.read_bytes()).value == "edifact"
