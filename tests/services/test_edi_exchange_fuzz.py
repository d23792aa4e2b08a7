"""Fuzzing `receive` with mutated secured files and receipts: every input ends as a refused,
quarantined and logged outcome (or, rarely, an accepted one), never an unhandled exception."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bolvaerk.services import edi_exchange, edi_intake, edi_log
from tests.edi_parties import PASSPHRASE, introduce, make_party, payloads

MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "cut", "insert", "delete", "splice"]),
        st.integers(min_value=0, max_value=1 << 20),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=4,
)


def _mutate(data: bytes, steps: list[tuple[str, int, bytes]]) -> bytes:
    buffer = bytearray(data)
    for kind, where, extra in steps:
        at = where % (len(buffer) + 1)
        if kind == "flip" and buffer:
            buffer[at % len(buffer)] ^= extra[0] or 1
        elif kind == "cut":
            del buffer[at:]
        elif kind == "insert":
            buffer[at:at] = extra
        elif kind == "delete":
            del buffer[at : at + len(extra)]
        else:
            buffer[at : at + len(extra)] = extra
    return bytes(buffer)


def test_receive_survives_mutated_files(tmp_path, capsys):
    agent = make_party(tmp_path, "Nordic Agency")
    port = make_party(tmp_path, "Aarhus Port")
    introduce(agent, port)
    introduce(port, agent)
    file = tmp_path / "isps.edi"
    file.write_bytes(payloads()["isps.edi"])
    result = edi_exchange.send(agent.paths, file, port.name, passphrase=PASSPHRASE)
    secured = (port.drop / result.file).read_bytes()
    edi_exchange.receive(port.paths, port.drop, passphrase=PASSPHRASE)
    receipt = next(agent.drop.iterdir()).read_bytes()
    port_identity, agent_identity = port.identity, agent.identity
    seeds = [(port_identity, secured), (agent_identity, receipt)]
    tried = {"count": 0, "refused": 0}
    started = time.monotonic()

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(seed=st.sampled_from([0, 1]), steps=MUTATIONS)
    def receive_mutated(seed: int, steps: list[tuple[str, int, bytes]]) -> None:
        identity, original = seeds[seed]
        data = _mutate(original, steps)
        outcome, _receipt = edi_intake.receive_bytes(identity, data, "fuzz.p7m", send_receipt=False)
        tried["count"] += 1
        if data != original:
            assert outcome.status != "accepted" or outcome.kind == "receipt"
        tried["refused"] += outcome.status != "accepted"

    receive_mutated()
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\nedi receive fuzz: {tried['count']} mutated files, {tried['refused']} refused, "
            f"{elapsed:.1f} s"
        )
    assert tried["count"] >= 300
    assert elapsed < 30
    for party in (agent, port):
        assert edi_log.verify(party.paths.log).broken_at is None
