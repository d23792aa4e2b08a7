"""The document builder on hand-built assessments (pure: texts echo their keys)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date

from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.assessment import Assessment, Sections
from bolvaerk.domain.assets import CyberDescription
from bolvaerk.domain.description import Company, Description, TrafficRow
from bolvaerk.domain.document.blocks import cell
from bolvaerk.domain.document.builder import UNDATED, build_document
from bolvaerk.domain.document.model import (
    Contents,
    Document,
    Image,
    MatrixView,
    PageBreak,
    Paragraph,
    Table,
    TextStyle,
)
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import (
    Activity,
    AnnexKind,
    AssessmentKind,
    Consequence,
    Likelihood,
    MajorChange,
    RiskCompanyClass,
)
from bolvaerk.domain.front_page import FrontPage
from bolvaerk.domain.organisation import Organisation, PersonnelGroup
from bolvaerk.domain.summary import Summary
from bolvaerk.domain.threats import Threat
from tests.domain.builders import assessment, form, item, proposals, ts_like_model


class Echo(Mapping[str, str]):
    """Every key is its own text, so the structure can be checked without content."""

    def __getitem__(self, key: str) -> str:
        return key

    def __iter__(self) -> Iterator[str]:
        return iter(("subset.cruise",))

    def __len__(self) -> int:
        return 1


T = Texts("xx", Echo())
THREATS = (Threat(id="t1", name="Uautoriseret adgang"), Threat(id="t2", name=""))


def _forms() -> tuple[object, ...]:
    return (
        form(
            "f1",
            1,
            "a",
            "t1",
            date=date(2021, 5, 1),
            consequence=Consequence.SERIOUS,
            likelihood=Likelihood.III,
            proposed=proposals(("Port",), ("Vagt",), ("Fast vagt",)),
            effect="Grøn efter tiltag",
            residual_likelihood=Likelihood.II,
            residual_justification="Accepteret",
            needs_reassessment=True,
        ),
        form("f2", 2, "a", "t2"),  # not rated
        form("f3", 3, "gone", "t1", proposed=proposals((), ("Kun niveau 2",))),  # outside the grid
        form("f4", 4, "a", "t1"),  # the same cross again: not its grid cell
    )


def _doc(a: Assessment, *, model: bool = True, draft: bool = False) -> Document:
    return build_document(a, T, ts_like_model() if model else None, draft=draft)


def _blocks(document: Document, kind: type) -> list[object]:
    return [b for b in document.blocks if isinstance(b, kind)]


def test_the_skeleton_of_a_document() -> None:
    a = assessment((item("a"),), THREATS, _forms())  # type: ignore[arg-type]
    document = _doc(a, draft=True)
    assert document.created == UNDATED
    assert document.draft_marking == "doc.draft"
    assert document.identifier == "a-1@1"
    assert _blocks(document, Contents)
    assert _blocks(document, PageBreak)
    assert not _blocks(document, Image)  # no logo
    assert len(document.heatmaps) == 2
    matrices = [m for m in _blocks(document, MatrixView) if m.key.endswith("-matrix")]  # type: ignore[attr-defined]
    assert [m.rated for m in matrices] == [(Consequence.SERIOUS, Likelihood.III), None, None, None]  # type: ignore[attr-defined]
    notes = [p.text for p in _blocks(document, Paragraph)]  # type: ignore[attr-defined]
    assert "doc.reassess" in notes
    assert "s7.2.unrated" in notes
    assert "s7.2.justification" in notes
    register = document.register
    assert register is not None
    assert [r.colour for r in register.rows][1:] == [None, None, None]


def test_without_a_model_there_are_no_colours_or_heat_maps() -> None:
    a = assessment((item("a"),), THREATS, _forms())  # type: ignore[arg-type]
    document = _doc(a, model=False)
    assert document.heatmaps == ()
    assert not _blocks(document, MatrixView)


def test_front_page_choices_logo_and_dates() -> None:
    a = replace(
        assessment((), (), ()),
        front_page=FrontPage(
            port="Fjordby Havn",
            logo="logo.png",
            activities=(Activity.OTHER,),
            activity_other="speciallaster",
            major_changes=(MajorChange.B_NEW_TERMINAL_OPERATOR,),
            pfsa_approved=date(2016, 9, 15),
            completed=date(2021, 5, 20),
        ),
    )
    document = _doc(a)
    assert document.created == date(2021, 5, 20)
    (logo,) = _blocks(document, Image)
    assert logo.file == "logo.png"  # type: ignore[attr-defined]
    front = next(t for t in document.tables() if t.key == "front")
    values = {row[0].text: row[1] for row in front.rows}
    assert values["front.activities"].text == "activity.other (speciallaster)"
    assert values["front.application_reason"].empty
    assert values["front.pfsa_approved"].text == "15-09-2016"
    assert values["front.pfsp_approved"].text == "doc.none"
    assert values["front.major_changes"].text == "change.b_new_terminal_operator"


def test_sections_with_companies_staff_traffic_and_psa() -> None:
    description = Description(
        traffic=(
            TrafficRow("passenger", calls=10, passengers=1000, quantity=12.5, unit="m3"),
            TrafficRow("cruise", calls=4),
            TrafficRow("bulk", calls=2, quantity=100.0),
        ),
        companies=(
            Company(id="c1", name="Depot", risk_class=RiskCompanyClass.COLUMN_2),
            Company(id="c2"),
        ),
    )
    organisation = Organisation(
        groups_with_duties=(PersonnelGroup(id="g1", function="Vagt", count=2),),
        groups_without_duties=(PersonnelGroup(id="g2"),),
    )
    a = Assessment(
        id="p",
        kind=AssessmentKind.PSA,
        sections=Sections(
            description=description,
            organisation=organisation,
            summary=Summary(status_justification="ON/OFF er begrundet"),
        ),
        annexes=(
            Annex(id="x", number="1", kind=AnnexKind.ORG_GENERAL),
            Annex(id="y", number="2", electronic=False, registered_letter_sent=date(2021, 5, 2)),
            Annex(id="z", number="3", electronic=False),
        ),
    )
    document = _doc(a)
    tables = {t.key: t for t in document.tables()}
    traffic = tables["2.3.1"]
    assert traffic.rows[-1][1].text == "12"  # the cruise row is a subset: not counted twice
    assert traffic.rows[-1][4].text == ""  # mixed units: no total quantity
    assert tables["2.4-c1"].rows[5][1].text == "risk_class.column_2"
    assert tables["2.4-c2"].rows[5][1].empty
    assert tables["4.2.2"].rows[0][3].empty
    assert "psa-committee" in tables
    delivery = [row[3].text for row in tables["annexes"].rows]
    assert delivery == ["annex.electronic", "annex.letter", "annex.letter_pending"]
    notes = [p for p in _blocks(document, Paragraph) if p.style is TextStyle.NOTE]  # type: ignore[attr-defined]
    assert any(p.text == "s8.2.none" for p in notes)  # type: ignore[attr-defined]
    assert any(p.text == "s5.no_items" for p in notes)  # type: ignore[attr-defined]


def test_items_marks_and_cyber() -> None:
    undecided = replace(item("u"), vulnerable=None, significant=None)
    cyber = replace(
        item("c"), description="", cyber=CyberDescription(system_type="CCTV", measures=("backup",))
    )
    described = replace(item("d"), description="Kamera", cyber=CyberDescription(description="Net"))
    document = _doc(assessment((undecided, cyber, described), (), ()))
    table = next(t for t in document.tables() if t.key == "5.1")
    assert [row[2].text for row in table.rows] == ["?", "X", "X"]
    assert table.rows[1][1].text == "s5.cyber"
    assert table.rows[2][1].text == "Kamera\ns5.cyber"


def test_cells_format_numbers_the_danish_way() -> None:
    assert cell(1234567, T).text == "1.234.567"
    assert cell(2.5, T).text == "2.5"
    assert cell(150000.0, T).text == "150.000"
    assert cell(" ", T).empty
    assert T.yes_no(None) == "doc.empty"
    assert isinstance(_doc(assessment((), (), ())).blocks[0], object)
    assert isinstance(next(iter(_doc(assessment((), (), ())).tables())), Table)
