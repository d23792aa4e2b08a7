"""Synthetic assessments for the benchmarks (the small base grown to N crosses), and timing."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

BASE = Path(__file__).resolve().parent.parent / "tests" / "cases" / "bases" / "pfsa-small.yaml"
SIZES = (100, 300, 900, 2700)
THREATS_PER_ITEM = 10


def synthetic(crosses: int) -> dict[str, Any]:
    """The small base grown to `crosses` forms: crosses/10 S+V items x 10 relevant threats."""
    document = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    sections = document["sections"]
    for threat in sections["6"]["threats"]:
        threat["relevant"] = True
    threats = [t["id"] for t in sections["6"]["threats"]][:THREATS_PER_ITEM]
    template_item = sections["5"]["items"][1]
    template_form = sections["7"]["forms"][0]
    items, forms = [], []
    for i in range(crosses // THREATS_PER_ITEM):
        item = copy.deepcopy(template_item)
        item["id"] = f"item-{i:05d}"
        item["name"] = f"Areal {i}"
        items.append(item)
        for threat in threats:
            form = copy.deepcopy(template_form)
            form["id"] = f"form-{len(forms) + 1:05d}"
            form["number"] = len(forms) + 1
            form["item"], form["threat"] = item["id"], threat
            forms.append(form)
    sections["5"]["items"] = [sections["5"]["items"][0], *items]  # keep the port office
    office_forms = [f for f in sections["7"]["forms"] if f["item"] == "item-port-office"]
    for form in office_forms:
        form["number"] = len(forms) + 1
        forms.append(form)
    sections["7"]["forms"] = forms
    sections["8"]["edits"] = []
    return document


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)
