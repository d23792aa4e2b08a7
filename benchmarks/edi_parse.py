"""Benchmark: our EDIFACT syntax layer against pydifact on the same interchange, in one run.

    .venv/bin/python benchmarks/edi_parse.py [--repeat 4]

Input: one interchange of N BERMAN notifications (our shipped example: ISPS and bunker data,
30 segments each, five of them with release characters in phone numbers and time zones),
N = 100, 1,000, 5,000. "syntax" parses UNA/UNB..UNZ into segments and checks every UNT/UNZ
count and control reference and the character set (what pydifact's Interchange.from_str
does, minus its directory checks); "typed" also maps every message to the typed model
(strict layout, lossless). Target: syntax >= 10x pydifact. Then a 1 MB interchange parsed,
mapped and validated (every EDI rule): one side's share of the end-to-end target (< 1 s for
sending and receiving, see edi_crypto.py).

Times are CPU times (time.process_time, the machine may be shared). The parsers run in
rounds, pydifact, ours, ours typed, one after the other, so that load from elsewhere falls
on all alike; the ratio is that of the least times, and the range is that of the ratios
within each round. pydifact's per-parse warnings are silenced.
"""

from __future__ import annotations

import argparse
import gc
import re
import time
import warnings
from collections.abc import Callable

from pydifact.segmentcollection import Interchange as PydifactInterchange

from bolvaerk.adapters.edi.edifact import read_edifact, read_interchange
from bolvaerk.services import edi_messages


def cpu_time(run: Callable[[], object]) -> float:
    """CPU seconds of one run, after a full collection (no garbage left from the last)."""
    gc.collect()
    start = time.process_time()
    run()
    return time.process_time() - start


def best_of(repeat: int, run: Callable[[], object]) -> float:
    return min(cpu_time(run) for _ in range(repeat))


SIZES = (100, 1_000, 5_000)


def interchange(count: int) -> bytes:
    """count copies of the BERMAN example in one interchange, each with its own reference."""
    one = edi_messages.to_edifact(edi_messages.example("berman")).decode("latin-1")
    head, _, rest = one.partition("UNH+")
    body = "UNH+" + rest.partition("UNZ+")[0]
    reference = re.search(r"UNZ\+1\+([^']+)'", one)
    assert reference is not None
    messages = [
        re.sub(r"UNT\+(\d+)\+1'", rf"UNT+\1+{n}'", body.replace("UNH+1+", f"UNH+{n}+", 1))
        for n in range(1, count + 1)
    ]
    text = head + "".join(messages) + f"UNZ+{count}+{reference.group(1)}'\n"
    return text.encode("latin-1")


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=4, help="rounds per size")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pydifact warns on every parse (anchors-edi.md §3)
    columns = ("messages", "MB", "pydifact", "syntax", "ratio", "(rounds)", "typed", "ratio")
    print("{:>8} {:>5} {:>10} {:>9} {:>6} {:>11} {:>9} {:>6}".format(*columns))
    for size in SIZES:
        data = interchange(size)
        text = data.decode("latin-1")
        pydifact_segments = sum(1 for _ in PydifactInterchange.from_str(text).segments)
        ours = read_interchange(data)
        assert len(ours.messages) == size
        assert pydifact_segments == sum(len(m.segments) + 2 for m in ours.messages)
        rounds = [
            (
                cpu_time(lambda text=text: PydifactInterchange.from_str(text)),
                cpu_time(lambda data=data: read_interchange(data)),
                cpu_time(lambda data=data: read_edifact(data)),
            )
            for _ in range(args.repeat)
        ]
        base, syntax, typed = (min(r[i] for r in rounds) for i in range(3))
        ratios = sorted(r[0] / r[1] for r in rounds)
        print(
            f"{size:>8} {len(data) / 1e6:>5.2f} {base * 1000:>8.1f}ms {syntax * 1000:>7.1f}ms "
            f"{base / syntax:>5.1f}x {ratios[0]:>4.1f}-{ratios[-1]:<4.1f}x "
            f"{typed * 1000:>7.1f}ms {base / typed:>5.1f}x   "
            f"target syntax >= 10x: {verdict(base / syntax >= 10)}"
        )
    size = 1
    while len(interchange(size)) < 1_000_000:
        size *= 2
    low, high = size // 2, size
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if len(interchange(middle)) < 1_000_000 else (low, middle)
    data = interchange(high)

    def parse_and_validate() -> int:
        messages = edi_messages.read_messages(data)
        return sum(len(findings) for findings in edi_messages.validate_all(messages))

    assert parse_and_validate() == 0
    elapsed = best_of(args.repeat, parse_and_validate)
    print(
        f"1 MB interchange ({len(data) / 1e6:.2f} MB, {high} messages): parse + map + validate "
        f"{elapsed * 1000:.0f} ms ({len(data) / 1e6 / elapsed:.1f} MB/s); done on each side of "
        f"an exchange, within its target < 1 s for both sides (edi_crypto.py)"
    )


if __name__ == "__main__":
    main()
