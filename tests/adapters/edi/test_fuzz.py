"""Fuzzing the readers with hypothesis: on arbitrary bytes and on mutations of every valid
message, in both forms, read_edifact / read_xml and the service raise nothing but our own
error type (or read a message). Bounded: 2,200 inputs, well under 30 s.
The number of inputs tried is printed (pytest -s shows it)."""

from __future__ import annotations

import contextlib
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bolvaerk.adapters.edi.edifact import read_edifact
from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.adapters.edi.xml import read_xml
from bolvaerk.domain.edi import MessageType
from bolvaerk.services import edi_messages

TRIED: Counter[str] = Counter()
SETTINGS = settings(
    max_examples=600,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEDS = [edi_messages.to_edifact(edi_messages.example(k)) for k in MessageType] + [
    edi_messages.to_xml(edi_messages.example(k)) for k in MessageType
]
SPECIALS = b"'+:?*<>&/\"=UNHTZB\n\r\x00\xff\xc3"


def _read_both(data: bytes) -> None:
    for reader in (read_edifact, read_xml):
        with contextlib.suppress(EdiFormatError):
            reader(data)
    with contextlib.suppress(edi_messages.EdiInputError):
        edi_messages.read_messages(data)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]))
        byte = draw(st.sampled_from(list(SPECIALS)) | st.integers(0, 255))
        if action == "flip":
            data[at] = byte
        elif action == "insert":
            data.insert(at, byte)
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 80))]
    return bytes(data)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    TRIED["arbitrary"] += 1
    _read_both(data)


@SETTINGS
@given(st.binary(max_size=200).map(lambda tail: b"UNA:+.? 'UNB+UNOC:4+" + tail))
def test_bytes_after_a_valid_start(data: bytes) -> None:
    TRIED["edifact start"] += 1
    _read_both(data)


@settings(SETTINGS, max_examples=1000)
@given(mutated())
def test_mutations_of_valid_messages(data: bytes) -> None:
    TRIED["mutations"] += 1
    _read_both(data)


def test_report_how_many_inputs_were_tried() -> None:
    total = sum(TRIED.values())
    print(f"\nEDI reader fuzzing: {total} inputs tried ({dict(TRIED)}), each through 3 readers")
    assert total == 0 or total >= 1000
