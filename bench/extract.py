"""Benchmark: extraction throughput on 1, 10 and 100 MB of generated wire copy, and a linearity check.

Run ``python bench/extract.py`` (sizes in MB from ``BENCH_EXTRACT_SIZES``, default
``1,10,100``). The text is generated deterministically: wire-style paragraphs about
one incident with varied figures, speakers, hedges, attributions, traps (earlier
incidents, distances, ages, dates), an Arabic line per 20 paragraphs and three
``UPDATE:`` sections at the end, so every stage of the extractor does real work.
Prints one Markdown table: size, seconds, MB/s, claims, revisions, seconds per MB
relative to the smallest size (1.00 means perfectly linear) and peak memory.
"""

from __future__ import annotations

import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from taji_events.extract import extract_events
from taji_events.model import Source

SIZES = [float(s) for s in os.environ.get("BENCH_EXTRACT_SIZES", "1,10,100").split(",") if s]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen", "dozens of",
           "at least 14", "more than 20", "about 30", "(25)", "several", "11", "17", "23", "1,200"]
PEOPLE = ["soldiers", "civilians", "police officers", "villagers", "people", "personnel", "workers"]
SPEAKERS = ["police said", "the army said", "two officials told Reuters", "a local official said",
            "according to the health ministry", "a spokesman for the governor said"]
TEMPLATES = [
    "{n} {p} were killed and {m} wounded when gunmen attacked the village, {s}.",
    "The attackers fired {r} rockets at the base, {k} of which landed inside the perimeter, {s}.",
    "A doctor at the main hospital said {n} {p} had died of their wounds.",
    "No group has claimed responsibility, but officials believe Al Shabaab militants are responsible.",
    "The blast left {m} {p} injured, {s}, citing preliminary information.",
    "Last year, a similar attack on the same district killed {n} {p}.",
    "The town lies about {d} km from the border, and the 34-year-old commander was among the dead.",
    "Officials initially reported that the attack did not result in any losses.",
    "Two Americans and a British contractor were among the {n} {p} killed, {s}.",
    "The ministry blamed the attack on the Dagoberto Ramos front, which denied any involvement.",
]
ARABIC = "وقال مصدر عسكري إن الهجوم أسفر عن مقتل 5 جنود وإصابة 11 آخرين."


def generate(size: int, seed: int = 7) -> str:
    """About ``size`` characters of wire copy, ending with three update sections."""
    rng = random.Random(seed)
    parts: list[str] = ["Attack on village kills soldiers\n\n"]
    length = len(parts[0])
    paragraph = 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            template = rng.choice(TEMPLATES)
            sentences.append(template.format(n=rng.choice(NUMBERS), m=rng.choice(NUMBERS),
                                             p=rng.choice(PEOPLE), s=rng.choice(SPEAKERS),
                                             r=rng.randint(5, 40), k=rng.randint(1, 4),
                                             d=rng.randint(5, 90)))
        text = " ".join(sentences)
        text = text[0].upper() + text[1:]
        if paragraph % 20 == 19:
            text += "\n" + ARABIC
        parts.append(text + "\n\n")
        length += len(parts[-1])
        paragraph += 1
    for clock in ("6:20pm EST", "7:15pm EST", "8:15pm EST"):
        parts.append(f"UPDATE: {clock}:\n\nThe governor said the death toll had risen to "
                     f"{rng.randint(20, 60)}.\n\n")
    return "".join(parts)


def measure(megabytes: float) -> dict[str, float]:
    text = generate(int(megabytes * 1_000_000))
    source = Source("Example Wire", "wire", "America/New_York")
    start = time.perf_counter()
    events = extract_events(text, incident="village-2021-06-02", source=source, published="2021-06-02")
    seconds = time.perf_counter() - start
    return {"mb": len(text.encode("utf-8")) / 1e6, "seconds": seconds, "claims": len(events[-1].claims),
            "revisions": len(events)}


def main() -> None:
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print("| size | seconds | MB/s | claims (last revision) | revisions | s per MB vs smallest | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    first: float | None = None
    for size in SIZES:
        row = measure(size)
        per_mb = row["seconds"] / row["mb"]
        first = first or per_mb
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {row['mb']:.1f} MB | {row['seconds']:.1f} | {row['mb'] / row['seconds']:.2f} | "
              f"{row['claims']:,} | {row['revisions']} | {per_mb / first:.2f} | {peak:,.0f} MB |",
              flush=True)


if __name__ == "__main__":
    main()
