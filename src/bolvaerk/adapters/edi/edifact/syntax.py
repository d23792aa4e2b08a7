"""The UN/EDIFACT syntax layer (ISO 9735): separators, segments, tokenising and writing.

Tokenising splits on the segment terminator, then on the element, repetition and component
separators, with str.split. Where release characters occur, every released service character
is first swapped, in the whole text at once, for two private-use characters (the same length,
so positions hold), and plain splits do the rest; a text where that would not be exact (it
holds those characters itself, or a release character stands before an ordinary one) takes
the segment-by-segment path that re-joins pieces ending in an odd number of release
characters. Every segment keeps its number (1 = UNB) and its character position, for error
messages.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from bolvaerk.adapters.edi.errors import EdiFormatError

_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")


@dataclass(frozen=True, slots=True)
class Separators:
    """The service characters; "" means not used (release, repetition)."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = "*"
    terminator: str = "'"

    def advice(self) -> str:
        """The UNA service string advice."""
        return "UNA" + "".join(
            (
                self.component,
                self.element,
                self.decimal,
                self.release or " ",
                self.repetition or " ",
                self.terminator,
            )
        )

    @property
    def specials(self) -> str:
        return self.component + self.element + self.release + self.repetition + self.terminator


DEFAULT = Separators()
# Level B defaults (ISO 9735-1 annex): information separators, no release character.
LEVEL_B = Separators("\x1f", "\x1d", ",", "", "\x1e", "\x1c")


class Segment:
    """A segment: tag, elements (each a list of components) and, rarely, repetitions."""

    __slots__ = ("elements", "number", "position", "repeats", "tag")

    def __init__(
        self,
        tag: str,
        elements: list[list[str]],
        number: int = 0,
        position: int = 0,
        repeats: dict[int, list[list[str]]] | None = None,
    ) -> None:
        self.tag = tag
        self.elements = elements
        self.number = number  # 1 = the UNB segment
        self.position = position  # 1-based character position of the tag in the text
        self.repeats = repeats  # element index -> further repetitions of that element

    def value(self, element: int, component: int = 0) -> str:
        if element < len(self.elements) and component < len(self.elements[element]):
            return self.elements[element][component]
        return ""

    def __repr__(self) -> str:
        return f"Segment({self.tag!r}, {self.elements!r})"


def _rejoin(pieces: list[str], separator: str, release: str) -> list[str]:
    """Join back pieces whose separator was escaped (an odd number of release characters)."""
    joined: list[str] = []
    carry: str | None = None
    for piece in pieces:
        current = piece if carry is None else carry + separator + piece
        if current.endswith(release) and (len(current) - len(current.rstrip(release))) % 2:
            carry = current
        else:
            joined.append(current)
            carry = None
    if carry is not None:
        joined.append(carry)
    return joined


@cache
def _release_pattern(release: str) -> re.Pattern[str]:
    return re.compile(re.escape(release) + "(.)", re.DOTALL)


def _unescape(text: str, release: str) -> str:
    if release not in text:
        return text
    return _release_pattern(release).sub(r"\1", text)


def where(text: str, position: int) -> dict[str, int]:
    """Line and column of a 1-based character position."""
    before = text[: position - 1]
    return {"line": before.count("\n") + 1, "column": position - before.rfind("\n") - 1}


def _error(code: str, text: str, position: int, number: int, **params: object) -> EdiFormatError:
    return EdiFormatError(
        code, segment=number, position=position, **where(text, position), **params
    )


def tokenize(text: str, separators: Separators, start: int = 0) -> list[Segment]:
    """The segments of text from start (just after UNA, if any) to the last terminator.

    The cyclic garbage collector is paused meanwhile: tokenising creates many small lists and
    no cycles, and on large interchanges the collector's passes over them cost more than the
    parse itself (measured: 2x on 5,000 messages).
    """
    with paused_gc():
        return _tokenize(text, separators, start)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection meanwhile (restored as it was, also on errors)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tokenize(text: str, separators: Separators, start: int) -> list[Segment]:
    release, terminator = separators.release, separators.terminator
    element, component, repetition = (
        separators.element,
        separators.component,
        separators.repetition,
    )
    body = text[start:]
    escaped = bool(release) and release in body
    restore: dict[int, str | None] | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    if escaped:
        protected = _protect_text(body, separators)
        if protected is not None:  # every release pair swapped for same-length stand-ins
            protection = _protection(separators)
            body, restore, pairs, escaped = protected, protection.restore, protection.pairs, False
    pieces = body.split(terminator)
    if escaped:
        pieces = _rejoin(pieces, terminator, release)
    tail = pieces.pop()
    segments: list[Segment] = []
    append = segments.append
    tags = _KNOWN_TAGS
    step = len(terminator)
    offset = start  # where the piece starts (0-based); line breaks before a tag are formatting
    # asked of the whole text once, so that most segments are not searched for them at all
    special = escaped or (bool(repetition) and repetition in body)
    stand_ins = bool(pairs) and _PAD in body
    for number, raw in enumerate(pieces, 1):
        if special and ((escaped and release in raw) or (repetition and repetition in raw)):
            stripped = raw.lstrip("\r\n")
            position = offset + len(raw) - len(stripped) + 1
            segment = _segment(
                text,
                stripped,
                separators,
                escaped=escaped,
                number=number,
                position=position,
                restore=restore,
            )
            append(segment)
        else:  # the common case: plain splits
            parts = raw.split(element)
            known = tags.get(parts[0])
            if known is None:
                known = _check_tag(text, parts[0], number, offset, restore)
            tag, skip = known
            if stand_ins and _PAD in raw:
                elements = [_restored(part.split(component), pairs) for part in parts[1:]]
            else:
                elements = [part.split(component) for part in parts[1:]]
            append(Segment(tag, elements, number, offset + skip + 1))
        offset += len(raw) + step
    if tail.strip("\r\n \t"):
        position = offset + len(tail) - len(tail.lstrip("\r\n \t")) + 1
        raise _error("EDIFACT-UNTERMINATED", text, position, len(pieces) + 1)
    return segments


def _restored(components: list[str], pairs: tuple[tuple[str, str], ...]) -> list[str]:
    return [_restore(c, pairs) if _PAD in c else c for c in components]


def _restore(value: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """The value with its stand-ins back as service characters (str.translate walks every
    character through a dict; a replace per stand-in present is several times quicker)."""
    for stand_ins, char in pairs:
        if stand_ins in value:
            value = value.replace(stand_ins, char)
    return value


# raw tags already seen to be well formed, with line breaks before them: "\nBGM" -> ("BGM", 1)
_KNOWN_TAGS: dict[str, tuple[str, int]] = {}


def _check_tag(
    text: str, raw: str, number: int, offset: int, restore: dict[int, str | None] | None = None
) -> tuple[str, int]:
    """The tag and the line breaks before it; EdifactError if it is not a tag."""
    tag = raw.lstrip("\r\n")
    skip = len(raw) - len(tag)
    if _TAG.fullmatch(tag):
        if len(_KNOWN_TAGS) < 1000:
            _KNOWN_TAGS[raw] = (tag, skip)
        return tag, skip
    if restore is not None:
        tag = tag.translate(restore)  # name what was written, not our stand-ins
    code = "EDIFACT-UNA-TWICE" if tag.startswith("UNA") else "EDIFACT-TAG"
    raise _error(code, text, offset + skip + 1, number, tag=tag[:20])


# A released service character ("?+") becomes two private-use characters of the same length,
# so that plain splits do the work and character positions stay those of the text: _PAD
# (dropped when restored) and the character's stand-in.
_PAD = chr(0xE0FF)


@dataclass(frozen=True, slots=True)
class _Protection:
    """Escaped service characters swapped for private-use characters while splitting."""

    pattern: re.Pattern[str]  # release + any character
    protect: dict[str, str]  # service character -> stand-in
    restore: dict[int, str | None]  # stand-in -> service character, _PAD -> dropped
    pairs: tuple[tuple[str, str], ...]  # (_PAD + stand-in, service character)
    clash: re.Pattern[str]  # the stand-ins, to fall back when a text holds them itself
    stand_ins: str  # the same, with _PAD


@cache
def _protection(separators: Separators) -> _Protection:
    # the release character first: "??+" is an escaped "?" and then a separator
    specials = [separators.release, *(c for c in separators.specials if c != separators.release)]
    stand_ins = [chr(0xE000 + index) for index in range(len(specials))]
    restore: dict[int, str | None] = {
        ord(stand): char for char, stand in zip(specials, stand_ins, strict=True)
    }
    restore[ord(_PAD)] = None
    return _Protection(
        pattern=_release_pattern(separators.release),
        protect=dict(zip(specials, stand_ins, strict=True)),
        restore=restore,
        pairs=tuple((_PAD + stand, char) for char, stand in zip(specials, stand_ins, strict=True)),
        clash=re.compile("[" + "".join(stand_ins) + _PAD + "]"),
        stand_ins="".join(stand_ins) + _PAD,
    )


def _protect_text(text: str, separators: Separators) -> str | None:
    """The text with every released service character as _PAD + its stand-in; None when that
    cannot be done exactly (the text holds a stand-in itself, or a release character stands
    before an ordinary character or at the end): the segment-by-segment path handles those.

    str.replace, release pair first, does what a left-to-right scan does."""
    release = separators.release
    protection = _protection(separators)
    if any(char in text for char in protection.stand_ins):  # quicker than a regex search
        return None
    for char, stand_in in protection.protect.items():
        text = text.replace(release + char, _PAD + stand_in)
    return None if release in text else text


def _protect(body: str, release: str, protection: _Protection) -> str:
    """Escaped service characters replaced by _PAD and their stand-ins, other release
    characters dropped (a release before an ordinary character, allowed if unusual)."""
    for char, stand_in in protection.protect.items():
        body = body.replace(release + char, _PAD + stand_in)
    if release in body:
        body = protection.pattern.sub(lambda m: m[1], body)
    return body


def _segment(
    text: str,
    body: str,
    separators: Separators,
    *,
    escaped: bool,
    number: int,
    position: int,
    restore: dict[int, str | None] | None = None,
) -> Segment:
    """A segment with release characters or repetitions (the uncommon, slower path); restore
    is given when the text's released characters were swapped for stand-ins already."""
    if escaped and separators.release in body:
        protection = _protection(separators)
        if protection.clash.search(body) is None:
            body = _protect(body, separators.release, protection)
            restore, escaped = protection.restore, False
    release, element, repetition = separators.release, separators.element, separators.repetition
    parts = _split_one(body, element, release, escaped)
    tag, _ = _KNOWN_TAGS.get(parts[0]) or _check_tag(text, parts[0], number, position - 1, restore)
    elements: list[list[str]] = []
    repeats: dict[int, list[list[str]]] = {}
    for index, part in enumerate(parts[1:]):
        reps = _split_one(part, repetition, release, escaped) if repetition else [part]
        elements.append(_components(reps[0], separators, escaped, restore))
        if len(reps) > 1:
            repeats[index] = [_components(r, separators, escaped, restore) for r in reps[1:]]
    return Segment(tag, elements, number, position, repeats or None)


def _split_one(text: str, separator: str, release: str, escaped: bool) -> list[str]:
    pieces = text.split(separator)
    return _rejoin(pieces, separator, release) if escaped and release in text else pieces


def _components(
    text: str, separators: Separators, escaped: bool, restore: dict[int, str | None] | None
) -> list[str]:
    release = separators.release
    pieces = _split_one(text, separators.component, release, escaped)
    if restore is not None:
        return [piece.translate(restore) for piece in pieces]
    return [_unescape(p, release) for p in pieces] if escaped else pieces


def _escape(value: str, separators: Separators, pattern: re.Pattern[str]) -> str:
    if not pattern.search(value):
        return value
    if not separators.release:
        raise EdiFormatError("EDIFACT-CANNOT-ESCAPE", value=value[:40])
    return pattern.sub(lambda match: separators.release + match.group(0), value)


def serialise(segments: list[Segment], separators: Separators, newline: bool = True) -> str:
    """The text of segments, UNA first; trailing empty components and elements left out."""
    specials = "".join(dict.fromkeys(c for c in separators.specials if c))
    pattern = re.compile("[" + re.escape(specials) + "]")
    end = separators.terminator + ("\n" if newline else "")
    lines = [separators.advice() + ("\n" if newline else "")]
    for segment in segments:
        elements = []
        for index, components in enumerate(segment.elements):
            reps = [components, *(segment.repeats or {}).get(index, [])]
            written = [
                separators.component.join(_escape(c, separators, pattern) for c in _trim(rep))
                for rep in reps
            ]
            elements.append(separators.repetition.join(written))
        while elements and not elements[-1]:
            elements.pop()
        lines.append(separators.element.join([segment.tag, *elements]) + end)
    return "".join(lines)


def _trim(components: list[str]) -> list[str]:
    end = len(components)
    while end and not components[end - 1]:
        end -= 1
    return components[:end]
