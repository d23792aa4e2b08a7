"""The quick paths taken for speed give exactly what the general ones give: the tokeniser's
whole-text handling of release characters (and its fallback), the layout's quick check for
values in unused positions, the bare DER reading of a CMS signer's attributes, and the
container written without the JSON encoder scanning the base64 parts."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bolvaerk.adapters.edi import cms, cms_attributes, container, keys
from bolvaerk.adapters.edi.edifact import read_edifact, write_edifact
from bolvaerk.adapters.edi.edifact.syntax import DEFAULT, Segment, Separators, serialise, tokenize
from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.domain.edi import MessageType
from bolvaerk.services.edi_messages import example

# the service characters, our private-use stand-ins (which make the tokeniser fall back to
# its segment-by-segment path) and a few ordinary ones
ALPHABET = "?+:'*AB 1\n\ue000\ue003\ue0ff"
values = st.text(ALPHABET, max_size=6)
segments = st.lists(
    st.tuples(
        st.sampled_from(["BGM", "DTM", "FTX"]),
        st.lists(st.lists(values, min_size=1, max_size=3), max_size=4),
    ),
    min_size=1,
    max_size=6,
)


def _trimmed(elements: list[list[str]]) -> list[list[str]]:
    """What a reader gets back: serialise leaves out trailing empty components/elements."""
    out = []
    for components in elements:
        end = len(components)
        while end and not components[end - 1]:
            end -= 1
        out.append(components[:end])
    while out and not any(out[-1]):
        out.pop()
    return out


def _normal(elements: list[list[str]]) -> list[list[str]]:
    # an element written as nothing reads back as one empty component
    return [components or [""] for components in elements]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(segments)
def test_escaped_values_read_back_exactly_with_their_positions(drawn) -> None:
    written = [Segment(tag, [list(c) for c in elements]) for tag, elements in drawn]
    text = serialise(written, DEFAULT)
    read = tokenize(text, DEFAULT, 9)
    assert [s.tag for s in read] == [tag for tag, _ in drawn]
    for segment, (_tag, elements) in zip(read, drawn, strict=True):
        assert segment.repeats is None or segment.repeats == {}
        assert _trimmed(segment.elements) == _trimmed(_normal(_trimmed(elements)))
        assert text[segment.position - 1 : segment.position + 2] == segment.tag


@pytest.mark.parametrize(
    ("text", "elements"),
    [
        # a release character before an ordinary character: allowed, dropped (fallback path)
        ("UNB+X'ABC+?A?+b:c'", [["A+b", "c"]]),
        # a stand-in character in the text itself: the segment-by-segment path
        ("UNB+X'ABC+\ue000?+:d'", [["\ue000+", "d"]]),
        ("UNB+X'ABC+?'?:??:e'", [["':?", "e"]]),  # the release character released
        ("UNB+X'ABC+??+f'", [["?"], ["f"]]),  # "??" then a separator
    ],
)
def test_release_characters_on_every_path(text: str, elements: list[list[str]]) -> None:
    segments = tokenize(text, DEFAULT)
    assert segments[1].elements == elements
    assert segments[1].position == 7


def test_repetitions_and_released_characters_in_one_segment() -> None:
    segments = tokenize("UNB+X'ABC+a*b?*c:?+d'", DEFAULT)
    assert segments[1].elements == [["a"]]
    assert segments[1].repeats == {0: [["b*c", "+d"]]}


def test_a_bad_tag_is_named_as_written_not_with_stand_ins() -> None:
    with pytest.raises(EdiFormatError) as raised:
        tokenize("UNB+X'R?+F+1'", DEFAULT)
    assert (raised.value.code, raised.value.params["tag"]) == ("EDIFACT-TAG", "R+F")
    assert raised.value.params["position"] == 7


def test_other_separators_and_release_character() -> None:
    separators = Separators("|", "~", ".", "\\", "^", "#")
    segments = tokenize("UNB~X#ABC~a\\~b|c\\#^d#", separators)
    assert segments[1].elements == [["a~b", "c#"]]
    assert segments[1].repeats == {0: [["d"]]}


def _isps() -> str:
    return write_edifact(example(MessageType.ISPS)).decode("latin-1")


@pytest.mark.parametrize(
    "change",
    [
        ("TDT+20++1+++++LAXY7", "TDT+20++1++X+++LAXY7"),  # unused, between used elements
        ("LAXY7:103::NORDIC", "LAXY7:103:X:NORDIC"),  # unused, between used components
        ("DTM+178:20261120:102", "DTM+178:20261120:102:X"),  # after the last used component
        ("DTM+178:20261120:102", "DTM+178:20261120:102++X"),  # in an element not used at all
    ],
)
def test_values_in_unused_positions_are_refused(change: tuple[str, str]) -> None:
    text = _isps()
    assert change[0] in text
    with pytest.raises(EdiFormatError) as raised:
        read_edifact(text.replace(change[0], change[1], 1).encode("latin-1"))
    assert raised.value.code == "EDIFACT-EXTRA"


def test_empty_values_in_unused_positions_are_fine() -> None:
    text = _isps().replace("DTM+178:20261120:102", "DTM+178:20261120:102::++", 1)
    assert read_edifact(text.encode("latin-1")) == read_edifact(_isps().encode("latin-1"))


@pytest.fixture(scope="module")
def party():
    return keys.generate("Nordic Agency", bits=2048)


def _signed_attributes(signature: bytes):
    return cms._content_info(signature)["content"]["signer_infos"][0]["signed_attrs"]


def test_the_bare_attribute_reading_agrees_with_asn1crypto(party) -> None:
    attributes = _signed_attributes(
        cms.sign(b"payload", party.certificate, party.key, detached=True)
    )
    plain = cms_attributes._plain_attributes(attributes)
    assert plain is not None
    assert plain == cms_attributes._attributes(attributes)
    content_types, times, digests = plain
    assert (len(content_types), len(times), len(digests)) == (1, 1, 1)


def test_other_attributes_are_read_by_asn1crypto_classes(party) -> None:
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.serialization import pkcs7  # noqa: PLC0415

    signature = (  # with the S/MIME capabilities attribute, which we do not read
        pkcs7.PKCS7SignatureBuilder()
        .set_data(b"payload")
        .add_signer(party.certificate, party.key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])
    )
    assert cms_attributes._plain_attributes(_signed_attributes(signature)) is None
    signed = cms.verify(signature, b"payload")
    assert signed.signer == party.certificate
    assert cms.carried_certificates(signature) == [party.certificate]


def test_carried_certificates_of_something_else() -> None:
    with pytest.raises(cms.CmsError) as refused:
        cms.carried_certificates(b"garbage")
    assert refused.value.code == "not-cms"


@pytest.mark.parametrize(
    "labels",
    [
        ("AGX-1", "Nordic Agency", "Aarhus Port", "isps", "isps.edi", "2026-11-24T12:00:00+00:00"),
        ("", "", "", "", "", ""),
        ('Ø"\\\n\u2028</x>', "😀", "\x00", "b", "fil€.edi", "d"),
    ],
)
@pytest.mark.parametrize("payload", [b"", b"x", bytes(range(256)) * 9])
def test_the_container_is_what_the_json_encoder_writes(labels, payload: bytes) -> None:
    packed = container.pack(container.Labels(*labels), payload, b"\x30\x03sig")
    document = {"format": container.FORMAT, **dict(zip(container._LABELS, labels, strict=True))}
    document["payload"] = base64.b64encode(payload).decode("ascii")
    document["signature"] = base64.b64encode(b"\x30\x03sig").decode("ascii")
    assert packed == json.dumps(document, ensure_ascii=True, separators=(",", ":")).encode()
    assert container.unpack(packed) == container.Inner(
        container.Labels(*labels), payload, b"\x30\x03sig"
    )
