"""The EDIFACT syntax layer and the message layouts: lossless round trips, UNA with other
separators and release characters, and a clear error (code, segment, position) for every
broken envelope."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bolvaerk.adapters.edi.edifact import read_edifact, read_interchange, write_edifact
from bolvaerk.adapters.edi.edifact.interchange import write_interchange
from bolvaerk.adapters.edi.edifact.syntax import Separators, tokenize
from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.adapters.edi.xml import read_xml, write_xml
from bolvaerk.domain.edi import MessageType
from bolvaerk.services.edi_messages import example

KINDS = list(MessageType)


def _error(data: bytes) -> EdiFormatError:
    with pytest.raises(EdiFormatError) as raised:
        read_edifact(data)
    return raised.value


@pytest.mark.parametrize("kind", KINDS)
def test_xml_to_edifact_to_xml_is_identical(kind: MessageType) -> None:
    xml = write_xml(example(kind))
    (message,) = read_edifact(write_edifact(read_xml(xml)))
    assert write_xml(message) == xml


@pytest.mark.parametrize("kind", KINDS)
def test_edifact_to_xml_to_edifact_is_identical(kind: MessageType) -> None:
    edifact = write_edifact(example(kind))
    (message,) = read_edifact(edifact)
    assert write_edifact(read_xml(write_xml(message))) == edifact
    assert message == example(kind)


@pytest.mark.parametrize("charset", ["UNOC", "UNOD", "UNOW", "UNOY", "UNOX", "UNOL"])
def test_every_latin_capable_charset_round_trips(charset: str) -> None:
    message = example(MessageType.BERMAN)  # Danish letters in the agent's name
    if charset in ("UNOD", "UNOX"):  # no Å/Ø there: use a message without them
        message = example(MessageType.WASDIS)
    data = write_edifact(message, charset)
    assert f"UNB+{charset}:4".encode() in data
    assert read_edifact(data) == (message,)


def test_unoa_is_chosen_for_capitals_only_and_checked() -> None:
    assert b"UNB+UNOA:4" in write_edifact(example(MessageType.APERAK))  # capitals and digits
    text = write_edifact(example(MessageType.WASDIS)).decode("latin-1")
    assert "UNB+UNOC:4" in text  # small letters
    with pytest.raises(EdiFormatError) as raised:
        write_edifact(example(MessageType.WASDIS), "UNOA")
    assert raised.value.code == "EDIFACT-WRITE-CHARSET"
    error = _error(text.replace("UNOC", "UNOA").encode("latin-1"))
    assert error.code == "EDIFACT-REPERTOIRE"
    assert (error.params["character"], error.params["line"]) == ("'e'", 10)  # in 'General cargo'
    assert read_edifact(text.replace("UNOC", "UNOB").encode("latin-1"))[0].ship.name


def test_unknown_and_unwritable_charsets() -> None:
    with pytest.raises(EdiFormatError) as raised:
        write_edifact(example(MessageType.BERMAN), "UNOZ")
    assert raised.value.code == "EDIFACT-CHARSET"
    with pytest.raises(EdiFormatError) as raised:
        write_edifact(example(MessageType.BERMAN), "UNOE")  # Cyrillic: no Ø
    assert raised.value.code == "EDIFACT-WRITE-CHARSET"
    data = write_edifact(example(MessageType.WASDIS)).replace(b"UNOA", b"UNOQ")
    data = data.replace(b"UNOC", b"UNOQ")
    assert _error(data).code == "EDIFACT-CHARSET"


def test_bad_bytes_for_the_charset() -> None:
    data = write_edifact(example(MessageType.BERMAN), "UNOW").replace("Ø".encode(), b"\xd8")
    error = _error(data)
    assert error.code == "EDIFACT-ENCODING"
    assert error.params["charset"] == "UNOW"


ODD = Separators(
    component="|", element="~", decimal=",", release="\\", repetition="^", terminator="#"
)


@pytest.mark.parametrize("kind", KINDS)
def test_a_non_default_una_reads_the_same(kind: MessageType) -> None:
    interchange = read_interchange(write_edifact(example(kind)))
    interchange.separators, interchange.syntax_id = ODD, "UNOC"
    data = write_interchange(interchange)
    assert data.startswith(b"UNA|~,\\^#")
    assert read_edifact(data) == (example(kind),)


HAND_WRITTEN = (
    "UNA|~,\\ #\r\n"
    "UNB~UNOC|3~AGENT|ZZZ~PORT|ZZZ~261124|1200~REF1#\r\n"
    "UNH~1~WASDIS|D|16A|UN|BVWAS1#\r\n"
    "BGM~WAS~W-1~9#\r\n"
    "DTM~137|20261124120000+0100|304#\r\n"
    "TDT~20~~1~~~~~LAXY7|103||NORDIC STAR\\~ \\#2|NO#\r\n"
    "RFF~VM|9074729#\r\n"
    "LOC~60~DKAAR#\r\n"
    "DTM~132|20261126140000+0100|304#\r\n"
    "FTX~AAI~~999~Filters\\|rags \\\\ drums * 2#\r\n"
    "QTY~ZDL|0,5|MTQ#\r\n"
    "QTY~ZMS|2|MTQ#\r\n"
    "QTY~ZRT|,25|MTQ#\r\n"
    "QTY~ZGN|0|MTQ#\r\n"
    "UNT~13~1#\r\n"
    "UNZ~1~REF1#\r\n"
)


def test_release_characters_decimal_comma_and_syntax_3() -> None:
    (message,) = read_edifact(HAND_WRITTEN.encode("latin-1"))
    assert message.ship.name == "NORDIC STAR~ #2"
    item = message.items[0]
    assert item.description == "Filters|rags \\ drums * 2"  # no repetition separator in UNA
    assert (str(item.to_deliver_m3), str(item.retained_m3)) == ("0.5", "0.25")
    assert message.header.sender == "AGENT"
    assert message.header.prepared_at.isoformat() == "2026-11-24T12:00:00+01:00"


def test_release_character_escapes_in_our_own_output() -> None:
    data = write_edifact(example(MessageType.ISPS)).decode("latin-1")
    assert "?'restricted areas?'" in data  # an apostrophe in the text
    assert "COM+?+4722000000:TE'" in data  # a plus in a phone number
    assert "20261124120000?+0100:304" in data  # and in a time zone


def test_defaults_without_una_in_syntax_3_and_4() -> None:
    body = "UNB+UNOC:{v}+A+B+261124:1200+R'UNH+1+APERAK:D:16A:UN:BVACK1'BGM+ACK+X*Y+9'"
    body += "DTM+137:20261124120000?+0000:304'RFF+ZRM:M'FTX+ZRT++ISPS'FTX+ZAS++AP'UNT+7+1'UNZ+1+R'"
    (message,) = read_edifact(body.format(v=3).encode())
    assert message.header.message_id == "X*Y"  # '*' is an ordinary character in syntax 3
    error = _error(body.format(v=4).encode())
    assert error.code == "EDIFACT-REPETITION"
    assert error.params["segment"] == 3


def test_level_b_default_separators() -> None:
    body = "UNB\x1dUNOB\x1f4\x1dA\x1dB\x1d20261124\x1f1200\x1dR\x1c"
    body += "UNH\x1d1\x1dAPERAK\x1fD\x1f16A\x1fUN\x1fBVACK1\x1cBGM\x1dACK\x1dx-1\x1d9\x1c"
    body += (
        "DTM\x1d137\x1f20261124120000-0500\x1f304\x1cRFF\x1dZRM\x1fm\x1cFTX\x1dZRT\x1d\x1dISPS\x1c"
    )
    body += "FTX\x1dZAS\x1d\x1dRE\x1cERC\x1dEDI-X\x1cUNT\x1d8\x1d1\x1cUNZ\x1d1\x1dR\x1c"
    (message,) = read_edifact(body.encode())
    assert message.status.value == "rejected"
    assert message.errors[0].code == "EDI-X"


def _add(text: str, old: str, new: str) -> str:
    """Replace old by new (one segment more) and keep the UNT count right."""
    return text.replace(old, new, 1).replace("UNT+75+1", "UNT+76+1")


def _isps() -> str:
    return write_edifact(example(MessageType.ISPS)).decode("latin-1")


@pytest.mark.parametrize(
    ("change", "code", "segment"),
    [
        (lambda t: t.replace("UNT+75+1", "UNT+74+1"), "EDIFACT-UNT-COUNT", 76),
        (lambda t: t.replace("UNT+75+1", "UNT+75+2"), "EDIFACT-UNT-REFERENCE", 76),
        (lambda t: t.replace("UNZ+1+", "UNZ+2+"), "EDIFACT-UNZ-COUNT", 77),
        (lambda t: t.replace("UNZ+1+AGX", "UNZ+1+XGA"), "EDIFACT-UNZ-REFERENCE", 77),
        (lambda t: t.replace("UNT+75+1'\n", ""), "EDIFACT-UNT-MISSING", 76),
        (lambda t: t.replace("UNZ+1+AGX2026000412'\n", ""), "EDIFACT-UNZ-MISSING", 76),
        (lambda t: t + "UNH+2+X'\n", "EDIFACT-AFTER-UNZ", 78),
        (lambda t: t.replace("UNH+1+", "DTM+1+UNH+1+"), "EDIFACT-OUTSIDE", 2),
        (lambda t: t.replace("UNH+1+", "UNG+X'\nUNH+1+"), "EDIFACT-GROUPS", 2),
        (lambda t: t.replace("RFF+VM", "rff+VM"), "EDIFACT-TAG", 6),
        (lambda t: t.replace("?'restricted", "'restricted"), "EDIFACT-TAG", 38),
        (lambda t: t.replace("RFF+VM", "UNA:+.? 'RFF+VM"), "EDIFACT-UNA-TWICE", 6),
        (lambda t: t[:-2], "EDIFACT-UNTERMINATED", 77),
        (lambda t: t.replace("+AGX2026000412'\nUNH", "'\nUNH"), "EDIFACT-UNB", 1),
        (lambda t: t.replace("UNH+1+BERMAN:D:16A:UN:BVSEC1", "UNH+1"), "EDIFACT-UNH", 2),
        (lambda t: t.replace("BVSEC1", "XXSEC1"), "EDIFACT-MESSAGE-TYPE", 2),
        (lambda t: t.replace("FTX+ZOM", "FTX+ZZZ"), "EDIFACT-UNEXPECTED", 20),
        (lambda t: _add(t, "FTX+ZOM", "FTX+ZSP++N'\nFTX+ZOM"), "EDIFACT-REPEATED", 20),
        (
            lambda t: t.replace("DTM+178:20261120:102", "DTM+178:20261120:102+X"),
            "EDIFACT-EXTRA",
            30,
        ),
        (lambda t: t.replace("DTM+178:20261120:102", "DTM+178:2026112:102"), "EDIFACT-VALUE", 30),
        (lambda t: t.replace("FTX+ZSP++Y", "FTX+ZSP++J"), "EDIFACT-VALUE", 18),
        (lambda t: t.replace("FTX+ZSL++1'", "FTX+ZSL++1*2'", 1), "EDIFACT-REPETITION", 19),
        (
            lambda t: _add(t, "DTM+186:20261118", "DTM+186:20261118:102'DTM+186:20261118"),
            "EDIFACT-REPEATED",
            36,
        ),
        (lambda t: _add(t, "NAD+AG+", "NAD+ZSO'NAD+AG+"), "EDIFACT-REPEATED", 25),
    ],
)
def test_broken_interchanges_name_the_segment(change, code: str, segment: int) -> None:
    error = _error(change(_isps()).encode("latin-1"))
    assert error.code == code
    assert error.params["segment"] == segment
    assert error.params["position"] >= 1
    assert error.params["line"] >= 1


def test_missing_required_value_names_the_message() -> None:
    data = _isps().replace("DTM+132:20261126140000?+0100:304'\n", "").replace("UNT+75", "UNT+74")
    error = _error(data.encode("latin-1"))
    assert (error.code, error.params["path"], error.params["segment"]) == (
        "EDI-MISSING",
        "call.eta",
        2,
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"UNA:+", "EDIFACT-UNA"),
        (b"UNA::.? 'UNB+UNOC:4'", "EDIFACT-UNA"),
        (b"UNA:+;? 'UNB+UNOC:4'", "EDIFACT-UNA"),
        (b"UNAa+.? 'UNB+UNOC:4'", "EDIFACT-UNA"),
        (b"UNA:+.? 'UNH+1'", "EDIFACT-NO-UNB"),
        (b"UNZ+1+X'", "EDIFACT-NO-UNB"),
        (b"\xef\xbb\xbfUNB+UNOC:4+A+B+1:1+R'UNZ+0+R'", None),
    ],
)
def test_service_string_advice_and_start(data: bytes, code: str | None) -> None:
    if code is None:
        assert read_edifact(data) == ()
        return
    assert _error(data).code == code


def test_tokenizer_keeps_positions_and_repetitions() -> None:
    text = "UNB+UNOC:4'\r\nABC+a*b:c+?+d'"
    segments = tokenize(text, Separators())
    assert [s.tag for s in segments] == ["UNB", "ABC"]
    assert segments[1].position == 14
    assert segments[1].elements == [["a"], ["+d"]]
    assert segments[1].repeats == {0: [["b", "c"]]}
    assert repr(segments[1]).startswith("Segment('ABC'")


def test_writing_without_a_release_character_refuses_separators_in_values() -> None:
    interchange = read_interchange(write_edifact(example(MessageType.ISPS)))
    interchange.separators = replace(Separators(), release="")
    with pytest.raises(EdiFormatError) as raised:
        write_interchange(interchange)
    assert raised.value.code == "EDIFACT-CANNOT-ESCAPE"
