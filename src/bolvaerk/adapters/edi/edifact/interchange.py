"""The interchange envelope: UNA, UNB ... UNZ around UNH ... UNT messages, with every count
and control reference checked, and the character set read from UNB and enforced.

Errors name the segment (1 = UNB) and the character position (with line and column).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bolvaerk.adapters.edi.edifact import charsets
from bolvaerk.adapters.edi.edifact.syntax import (
    DEFAULT,
    LEVEL_B,
    Segment,
    Separators,
    paused_gc,
    serialise,
    tokenize,
    where,
)
from bolvaerk.adapters.edi.errors import EdiFormatError

_BOM = b"\xef\xbb\xbf"
_ENVELOPE = frozenset({"UNB", "UNG", "UNE", "UNH", "UNT", "UNZ"})


@dataclass(slots=True)
class RawMessage:
    reference: str  # UNH 0062
    identifier: list[str]  # UNH S009: type, version, release, agency, association code
    segments: list[Segment]  # between UNH and UNT
    header: Segment  # the UNH segment


@dataclass(slots=True)
class Interchange:
    syntax_id: str
    syntax_version: str
    sender: str
    recipient: str
    prepared: tuple[str, str]  # UNB S004 date, time
    reference: str  # UNB 0020
    separators: Separators = DEFAULT
    messages: list[RawMessage] = field(default_factory=list)
    text: str = ""  # the decoded interchange, for line and column of later errors


def _service_advice(head: str) -> Separators:
    if len(head) < 9:
        raise EdiFormatError("EDIFACT-UNA", segment=0, position=1, line=1, column=1)
    component, element, decimal, release, repetition, terminator = (head[i] for i in range(3, 9))
    used = [component, element, terminator]
    used += [c for c in (release, repetition) if c != " "]
    if len(set(used)) != len(used) or any(c.isalnum() or c == " " for c in used):
        raise EdiFormatError("EDIFACT-UNA", segment=0, position=1, line=1, column=1)
    if decimal not in ".,":
        raise EdiFormatError("EDIFACT-UNA", segment=0, position=7, line=1, column=7)
    return Separators(
        component,
        element,
        decimal,
        "" if release == " " else release,
        "" if repetition == " " else repetition,
        terminator,
    )


def _decode(data: bytes) -> tuple[str, Separators, int, str]:
    """The text, its separators, where the segments start, and the syntax identifier."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    head = data[:64].decode("latin-1")
    if head.startswith("UNA"):
        separators, start = _service_advice(head), 9
    elif head.startswith("UNB") and head[3:4] in ("+", "\x1d"):
        separators, start = (DEFAULT if head[3] == "+" else LEVEL_B), 0
    else:
        raise EdiFormatError("EDIFACT-NO-UNB", segment=1, position=1, line=1, column=1)
    unb_at = start + len(head[start:]) - len(head[start:].lstrip("\r\n"))
    syntax_id = head[unb_at + 4 : unb_at + 8]
    if head[unb_at : unb_at + 4] != "UNB" + separators.element:
        raise EdiFormatError("EDIFACT-NO-UNB", segment=1, position=unb_at + 1, line=1, column=1)
    codec = charsets.codec(syntax_id)
    if codec is None:
        raise EdiFormatError("EDIFACT-CHARSET", segment=1, position=unb_at + 5, found=syntax_id)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise EdiFormatError(
            "EDIFACT-ENCODING", charset=syntax_id, byte=error.start + 1, detail=error.reason
        ) from None
    outside = charsets.first_outside(text, syntax_id)
    if outside is not None:
        raise EdiFormatError(
            "EDIFACT-REPERTOIRE",
            charset=syntax_id,
            character=repr(text[outside]),
            position=outside + 1,
            **where(text, outside + 1),
        )
    return text, separators, start, syntax_id


def _fail(code: str, text: str, segment: Segment, **params: object) -> EdiFormatError:
    return EdiFormatError(
        code,
        segment=segment.number,
        tag=segment.tag,
        position=segment.position,
        **where(text, segment.position),
        **params,
    )


def read_interchange(data: bytes) -> Interchange:
    with paused_gc():  # see tokenize: many small lists, no cycles
        return _read_interchange(data)


def _read_interchange(data: bytes) -> Interchange:
    text, separators, start, syntax_id = _decode(data)
    if start == 0:
        # without UNA, the repetition separator exists from syntax version 4 on
        unb_text = text.split(separators.terminator, 1)[0].split(separators.element)
        syntax = unb_text[1].split(separators.component) if len(unb_text) > 1 else []
        if syntax[1:2] != ["4"]:
            separators = replace(separators, repetition="")
    segments = tokenize(text, separators, start)
    if not segments or segments[0].tag != "UNB":
        raise EdiFormatError("EDIFACT-NO-UNB", segment=1, position=start + 1, line=1, column=1)
    unb = segments[0]
    interchange = Interchange(
        syntax_id=syntax_id,
        syntax_version=unb.value(0, 1),
        sender=unb.value(1, 0),
        recipient=unb.value(2, 0),
        prepared=(unb.value(3, 0), unb.value(3, 1)),
        reference=unb.value(4, 0),
        separators=separators,
        text=text,
    )
    if not interchange.reference:
        raise _fail("EDIFACT-UNB", text, unb, element="0020")
    tags = [segment.tag for segment in segments]
    index = 1
    while index < len(segments):
        segment = segments[index]
        if segment.tag == "UNZ":
            _check_unz(text, segment, interchange, segments[index + 1 :])
            return interchange
        if segment.tag != "UNH":
            code = "EDIFACT-GROUPS" if segment.tag == "UNG" else "EDIFACT-OUTSIDE"
            raise _fail(code, text, segment)
        index = _read_message(text, segments, tags, index, interchange)
    last = segments[-1]
    raise _fail("EDIFACT-UNZ-MISSING", text, last)


def _read_message(
    text: str, segments: list[Segment], tags: list[str], first: int, into: Interchange
) -> int:
    unh = segments[first]
    reference = unh.value(0, 0)
    if not reference or len(unh.elements) < 2:
        raise _fail("EDIFACT-UNH", text, unh)
    # the UNT and any envelope segment before it, found by list and set operations in C
    try:
        index = tags.index("UNT", first + 1)
    except ValueError:
        index = len(tags)
    if not _ENVELOPE.isdisjoint(tags[first + 1 : index]):
        stray = next(i for i in range(first + 1, index) if tags[i] in _ENVELOPE)
        raise _fail("EDIFACT-UNT-MISSING", text, segments[stray], message=unh.number)
    if index == len(tags):
        raise _fail("EDIFACT-UNT-MISSING", text, segments[-1], message=unh.number)
    segment = segments[index]
    count, unt_reference = segment.value(0, 0), segment.value(1, 0)
    expected = index - first + 1
    if count != str(expected) and not (count.isdigit() and int(count) == expected):
        raise _fail("EDIFACT-UNT-COUNT", text, segment, found=count, expected=expected)
    if unt_reference != reference:
        raise _fail("EDIFACT-UNT-REFERENCE", text, segment, found=unt_reference, expected=reference)
    body = segments[first + 1 : index]
    into.messages.append(RawMessage(reference, list(unh.elements[1]), body, unh))
    return index + 1


def _check_unz(text: str, unz: Segment, interchange: Interchange, after: list[Segment]) -> None:
    count, reference = unz.value(0, 0), unz.value(1, 0)
    expected = len(interchange.messages)
    if not (count.isdigit() and int(count) == expected):
        raise _fail("EDIFACT-UNZ-COUNT", text, unz, found=count, expected=expected)
    if reference != interchange.reference:
        raise _fail(
            "EDIFACT-UNZ-REFERENCE", text, unz, found=reference, expected=interchange.reference
        )
    if after:
        raise _fail("EDIFACT-AFTER-UNZ", text, after[0])


def interchange_text(interchange: Interchange) -> str:
    """UNA, UNB, each message framed by UNH/UNT with its count, UNZ."""
    header = [
        [interchange.syntax_id, interchange.syntax_version],
        [interchange.sender, "ZZZ"],
        [interchange.recipient, "ZZZ"],
        list(interchange.prepared),
        [interchange.reference],
    ]
    segments = [Segment("UNB", header)]
    for message in interchange.messages:
        segments.append(Segment("UNH", [[message.reference], message.identifier]))
        segments.extend(message.segments)
        count = len(message.segments) + 2
        segments.append(Segment("UNT", [[str(count)], [message.reference]]))
    segments.append(Segment("UNZ", [[str(len(interchange.messages))], [interchange.reference]]))
    return serialise(segments, interchange.separators)


def write_interchange(interchange: Interchange) -> bytes:
    """The interchange text encoded in its character set (checked against its repertoire)."""
    text = interchange_text(interchange)
    outside = charsets.first_outside(text, interchange.syntax_id)
    codec = charsets.codec(interchange.syntax_id)
    if codec is None or outside is not None:
        raise EdiFormatError(
            "EDIFACT-WRITE-CHARSET",
            charset=interchange.syntax_id,
            character=repr(text[outside]) if outside is not None else "",
        )
    try:
        return text.encode(codec)
    except UnicodeEncodeError as error:
        raise EdiFormatError(
            "EDIFACT-WRITE-CHARSET",
            charset=interchange.syntax_id,
            character=repr(text[error.start]),
        ) from None
