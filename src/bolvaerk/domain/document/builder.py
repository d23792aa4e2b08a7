"""Build the Document of an assessment: front page, contents, sections 1-8, annexes, plus the
register, grid and heat maps that spreadsheets and pictures use. Pure: texts come in translated."""

from __future__ import annotations

from datetime import date

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.document.blocks import heading
from bolvaerk.domain.document.front import front_page_blocks
from bolvaerk.domain.document.matrices import heat_maps
from bolvaerk.domain.document.model import Block, Contents, Document, PageBreak
from bolvaerk.domain.document.part_1_4 import section_1, section_2, section_3, section_4
from bolvaerk.domain.document.part_5_6 import grid_table, section_5, section_6
from bolvaerk.domain.document.part_7_8 import annex_list, section_7, section_8
from bolvaerk.domain.document.register import register_view
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.grid import build_grid
from bolvaerk.domain.risk import RiskModel

# Documents of an assessment without a completion date still need a fixed date to be
# reproducible; this one is recognisably not a real date of the assessment.
UNDATED = date(2000, 1, 1)


def build_document(
    assessment: Assessment, t: Texts, model: RiskModel | None, *, draft: bool = False
) -> Document:
    a = assessment
    grid = build_grid(a, model)
    fp = a.front_page
    subject = " - ".join(part for part in (fp.facility.strip(), fp.port.strip()) if part)
    blocks: list[Block] = [
        heading(1, "", t.by_kind("doc.title", a.kind), "front"),
        *front_page_blocks(a, t),
        PageBreak(),
        Contents(t("doc.contents")),
        PageBreak(),
        *section_1(a, t),
        *section_2(a, t),
        *section_3(a, t),
        *section_4(a, t),
        *section_5(a, t),
        *section_6(a, grid, t),
        *section_7(a, grid, model, t),
        *section_8(a, t),
        *annex_list(a, t),
    ]
    maps = heat_maps(grid, model, t) if model is not None else ()
    if maps:
        index = next(i for i, b in enumerate(blocks) if getattr(b, "key", "") == "7.1") + 1
        blocks[index:index] = [heading(3, "", t("heatmap.heading"), "heatmaps"), *maps]
    return Document(
        title=t.by_kind("doc.title", a.kind),
        subject=subject,
        language=t.language,
        marking=t("doc.marking"),
        draft_marking=t("doc.draft") if draft else "",
        created=fp.completed or UNDATED,
        identifier=f"{a.id}@{a.meta.revision}",
        page_label=t.values["doc.page"],
        blocks=tuple(blocks),
        register=register_view(a, grid, t),
        grid=grid_table(a, grid, t),
        heatmaps=maps,
    )
