"""Benchmark: protecting one port-call notification through our code against the bare
cryptography / asn1crypto calls, keys loaded once; and a 1 MB interchange end to end.

    .venv/bin/python benchmarks/edi_crypto.py [--repeat 500] [--bits 2048] [--runs 3]

1. Round trip of one notification (the ISPS example, EDIFACT): sign (detached CMS, SHA-256,
   signing-time attribute) + envelope (AES-256-CBC) + decrypt + verify (message digest,
   signature over the signed attributes, signer certificate against the trusted one).
   Ours: services.edi_exchange.protect/unprotect + the trust check, i.e. also our container
   (labels, base64 JSON), the algorithm policy and the content-type check. Bare: the same
   cryptographic work written directly (see bare_round_trip), nothing more. Both run
   alternately, so that load from elsewhere falls on both alike; ratio = bare time / our
   time (medians), also shown per block of runs. Target >= 0.9.
2. A 1 MB BERMAN interchange (1,571 messages) end to end between two data folders:
   validate, sign, encrypt, folder drop, decrypt, verify, duplicate check, validate, inbox
   write, log, signed receipt, receipt taken in by the sender; --runs times, wall-clock
   and CPU time. Target < 1 s on 2 cores. Also shown without the message layer's
   validation (which dominates: reading and checking 1,571 messages on each side).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms as asn1_cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from bolvaerk.adapters.edi import certificates, container
from bolvaerk.services import edi_checks, edi_exchange, edi_identity, edi_messages, edi_partners

PASSPHRASE = "benchmark passphrase"  # noqa: S105 - throwaway identities


def timed(function: Callable[[], object], repeat: int) -> float:
    """Median seconds per call over `repeat` calls, after a warm-up."""
    function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def timed_pair(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of two functions run alternately, so that load from elsewhere on the machine
    falls on both alike."""
    first(), second()
    a, b = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        first()
        middle = time.perf_counter()
        second()
        a.append(middle - started)
        b.append(time.perf_counter() - middle)
    return statistics.median(a), statistics.median(b)


def bare_round_trip(payload: bytes, sender, recipient) -> None:
    """The same cryptographic work, written directly: sign (SHA-256, signing-time attribute),
    envelope (AES-256-CBC), decrypt, verify the message digest and the signature over the signed
    attributes, and check the signer certificate the signature carries against the trusted one
    (equal to it, valid at the signing time and now). Not more: no labels, no algorithm policy,
    no content-type check, no container; the signature travels length-prefixed."""
    signature = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(payload)
        .add_signer(sender.certificate, sender.key, hashes.SHA256())
        .sign(
            serialization.Encoding.DER,
            [
                pkcs7.PKCS7Options.DetachedSignature,
                pkcs7.PKCS7Options.Binary,
                pkcs7.PKCS7Options.NoCapabilities,
            ],
        )
    )
    inner = len(signature).to_bytes(4, "big") + signature + payload  # a minimal container
    secured = (
        pkcs7.PKCS7EnvelopeBuilder()
        .set_data(inner)
        .add_recipient(recipient.certificate)
        .set_content_encryption_algorithm(algorithms.AES256)
        .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )
    opened = pkcs7.pkcs7_decrypt_der(secured, recipient.certificate, recipient.key, [])
    size = int.from_bytes(opened[:4], "big")
    signed = asn1_cms.ContentInfo.load(opened[4 : 4 + size])["content"]
    content = opened[4 + size :]
    signer_info = signed["signer_infos"][0]
    attributes = {a["type"].native: a["values"].native for a in signer_info["signed_attrs"]}
    assert attributes["message_digest"][0] == hashlib.sha256(content).digest()
    signer = x509.load_der_x509_certificate(signed["certificates"][0].chosen.dump())
    trusted = sender.certificate  # the one certificate the receiver trusts for this sender
    assert signer == trusted
    for moment in (attributes["signing_time"][0], datetime.now(UTC)):
        assert trusted.not_valid_before_utc <= moment <= trusted.not_valid_after_utc
    signer.public_key().verify(
        signer_info["signature"].native,
        b"\x31" + signer_info["signed_attrs"].dump()[1:],
        padding.PKCS1v15(),
        hashes.SHA256(),
    )


def our_round_trip(payload: bytes, sender, recipient, labels) -> None:
    secured = edi_exchange.protect(sender, recipient.certificate, payload, labels)
    _inner, signed = edi_exchange.unprotect(recipient, secured)
    certificates.check_trust(
        signed.signer, pinned=[sender.certificate], anchors=(), intermediates=(),
        moments=[signed.signing_time, datetime.now(UTC)],
    )  # fmt: skip


def interchange(size: int) -> bytes:
    """A BERMAN interchange of about `size` bytes: the example's message repeated with its
    own reference and document number, in one UNB..UNZ."""
    lines = edi_messages.to_edifact(edi_messages.example("berman")).decode("latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("UNH"))
    end = next(i for i, line in enumerate(lines) if line.startswith("UNT"))
    head, body, unz = lines[:start], lines[start : end + 1], lines[end + 1]
    out, count = list(head), 0
    while sum(len(line) + 1 for line in out) < size:
        count += 1
        for line in body:
            segment = line
            if line.startswith("UNH+1+"):
                segment = f"UNH+{count}+" + line[len("UNH+1+") :]
            elif line.startswith("BGM+NOA+AGX-B-0412+"):
                segment = line.replace("AGX-B-0412", f"AGX-B-{count:05d}")
            elif line.startswith("UNT+"):
                segment = line.rsplit("+", 1)[0] + f"+{count}'"
            out.append(segment)
    reference = unz.split("+")[2]
    out.append(f"UNZ+{count}+{reference}")
    return ("\n".join(out) + "\n").encode("latin-1")


def end_to_end(root: Path, payload: bytes, validator) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one exchange (identities made before the clock starts)."""
    agent_home, port_home = root / "agent", root / "port"
    agent = edi_identity.init_identity("Nordic Agency", PASSPHRASE, home=agent_home, bits=2048)
    port = edi_identity.init_identity("Aarhus Port", PASSPHRASE, home=port_home, bits=2048)
    agent_drop, port_drop = root / "to-agent", root / "to-port"
    edi_partners.add_partner(agent, "Aarhus Port", port.certificate, endpoint=str(port_drop))
    edi_partners.add_partner(port, "Nordic Agency", agent.certificate, endpoint=str(agent_drop))
    edi_identity.load_identity(agent, PASSPHRASE)  # keys loaded once, before the clock starts
    edi_identity.load_identity(port, PASSPHRASE)
    file = root / "interchange.edi"
    file.write_bytes(payload)
    started, cpu = time.perf_counter(), time.process_time()
    edi_exchange.send(agent, file, "Aarhus Port", validator=validator)
    [taken] = edi_exchange.receive(port, port_drop, validator=validator)
    [receipt] = edi_exchange.receive(agent, agent_drop, validator=validator)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert taken.ok, taken
    assert receipt.params["result"] == "accepted", receipt
    return elapsed, cpu


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--bits", type=int, default=2048)
    parser.add_argument("--runs", type=int, default=3, help="end-to-end runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = {}
        for name in ("Nordic Agency", "Aarhus Port"):
            home = root / name.replace(" ", "-")
            paths[name] = edi_identity.init_identity(name, PASSPHRASE, home=home, bits=args.bits)
        started = time.perf_counter()
        edi_identity.forget_loaded()
        sender = edi_identity.load_identity(paths["Nordic Agency"], PASSPHRASE)
        key_load = time.perf_counter() - started
        recipient = edi_identity.load_identity(paths["Aarhus Port"], PASSPHRASE)
        payload = edi_messages.to_edifact(edi_messages.example("isps"))
        labels = container.Labels("AGX-2026-000412", sender.name, recipient.name, "isps",
                                  "isps.edi", "2026-11-24T12:00:00+00:00")  # fmt: skip
        blocks = [  # the pairs in five blocks: how steady the ratio is under load
            timed_pair(
                lambda: bare_round_trip(payload, sender, recipient),
                lambda: our_round_trip(payload, sender, recipient, labels),
                max(1, args.repeat // 5),
            )
            for _ in range(5)
        ]
        bare = statistics.median(b for b, _ in blocks)
        ours = statistics.median(o for _, o in blocks)
        ratios = sorted(b / o for b, o in blocks)
        check = timed(lambda: edi_checks.message_check(payload), max(20, args.repeat // 10))
        print(f"one ISPS notification ({len(payload)} B, RSA-{args.bits}, AES-256-CBC, SHA-256)")
        print(f"  key load (decrypt PKCS#8 + checks), once per process: {key_load * 1e3:8.2f} ms")
        print(f"  bare sign+encrypt+decrypt+verify:                     {bare * 1e3:8.3f} ms")
        print(f"  ours (protect + unprotect + trust):                   {ours * 1e3:8.3f} ms")
        print(
            f"  ratio bare/ours: {bare / ours:.2f} (blocks {ratios[0]:.2f}-{ratios[-1]:.2f}; "
            f"target >= 0.9: {verdict(bare / ours >= 0.9)})"
        )
        print(f"  read + validate the message (message layer):          {check * 1e3:8.3f} ms")
        big = interchange(1 << 20)
        count = big.count(b"UNH+")
        print(f"1 MB interchange ({len(big):,} B, {count} BERMAN messages), end to end:")
        runs = [end_to_end(root / f"e2e-{i}", big, None) for i in range(args.runs)]
        walls = sorted(wall for wall, _ in runs)
        median = statistics.median(walls)
        print(
            f"  with validation on both sides: median {median:6.3f} s, best {walls[0]:6.3f} s, "
            f"worst {walls[-1]:6.3f} s of {args.runs} (CPU best {min(c for _, c in runs):6.3f} s; "
            f"target < 1 s: {verdict(median < 1)})"
        )
        bytes_only, _cpu = end_to_end(root / "e2e-bytes", big, edi_checks.any_bytes)
        print(f"  protection, transport, receipt only: {bytes_only:6.3f} s")
        print(f"  (cores available: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
