"""Fail when a source module exceeds the hard size budget (house style 3.10)."""

from __future__ import annotations

import sys
from pathlib import Path

SOFT, HARD = 400, 800


def main() -> int:
    root = Path(__file__).resolve().parent.parent / "src"
    failed = False
    for path in sorted(root.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > HARD:
            print(f"FAIL {path.relative_to(root)}: {lines} lines (hard limit {HARD})")
            failed = True
        elif lines > SOFT:
            print(f"note {path.relative_to(root)}: {lines} lines (soft limit {SOFT})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
