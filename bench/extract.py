"""Benchmark: extraction throughput on 1, 10 and 100 MB of generated wire copy, and a linearity check.

Run ``python bench/extract.py`` (sizes in MB from ``BENCH_EXTRACT_SIZES``, default
``1,10,100``; kinds from ``BENCH_EXTRACT_KINDS``, default ``wire,dense``). Both texts
are generated deterministically:

* ``wire``: wire-style paragraphs about one incident with varied figures, speakers,
  hedges, attributions, traps (earlier incidents, distances, ages, dates), an Arabic
  line per 20 paragraphs and three ``UPDATE:`` sections at the end, so every stage of
  the extractor does real work;
* ``dense``: a toll sheet with many figures in every sentence (casualties by place
  and group, projectiles fired and landed, subsets, times, dates, calibres and
  distances), the hardest case for the count stages.

``BENCH_EXTRACT_KINDS=adversarial`` instead times long repetitions of fragments that
could make a careless expression backtrack ("1", ", ", "no group ", ...), at 10 000
and 40 000 characters, and prints the cost ratio: 4x the input must cost less than 8x
the time (plus 0.5 s), since a quadratic step would cost 16x. Such checks live here,
not in the unit tests, because time is never asserted there.

Prints one Markdown table: kind, size, CPU seconds, MB per CPU second, wall seconds,
claims, revisions, CPU seconds per MB relative to the kind's smallest size (1.00 means
perfectly linear) and peak memory. CPU time is reported beside wall time because on a
shared machine other processes stretch the wall clock, not the work done.
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


PLACES = ["Kolo", "Barde", "Ymir", "Tashka", "Ardo", "Velm", "Quarro", "Nessa"]
DENSE = [
    "In {a}, {n} {p} were killed and {m} wounded; in {b}, {k} {p} died and {j} were injured, {s}.",
    "Militants fired {r} rockets, {k} of which landed, and {j} mortar rounds, {n} of them 120 mm shells, "
    "at {h}:{mm} on June {d}, about {km} km from {a}.",
    "The toll stood at {n} dead, including {k} children and {j} women, and {m} wounded, {t} of them "
    "seriously.",
    "Three soldiers, two police officers and {k} civilians were among {n} people killed in {a} and {b}, {s}.",
    "Of the {r} drones launched, {k} were shot down and {j} hit targets {km} km inside the border, {s}.",
]


def generate_dense(size: int, seed: int = 11) -> str:
    """About ``size`` characters of number-dense text: many figures in every sentence."""
    rng = random.Random(seed)
    parts: list[str] = ["Toll sheet\n\n"]
    length = len(parts[0])
    while length < size:
        sentences = []
        for _ in range(rng.randint(3, 5)):
            a, b = rng.sample(PLACES, 2)
            sentences.append(rng.choice(DENSE).format(
                a=a, b=b, n=rng.randint(2, 90), m=rng.randint(2, 200), k=rng.randint(1, 9),
                j=rng.randint(1, 9), t=rng.randint(1, 5), r=rng.randint(10, 60), p=rng.choice(PEOPLE),
                s=rng.choice(SPEAKERS), h=rng.randint(0, 23), mm=f"{rng.randint(0, 59):02d}",
                d=rng.randint(1, 2), km=rng.randint(5, 90)))
        parts.append(" ".join(sentences) + "\n\n")
        length += len(parts[-1])
    return "".join(parts)


GENERATORS = {"wire": generate, "dense": generate_dense}
KINDS = [kind for kind in os.environ.get("BENCH_EXTRACT_KINDS", "wire,dense").split(",") if kind]


def measure(megabytes: float, kind: str = "wire") -> dict[str, float]:
    text = GENERATORS[kind](int(megabytes * 1_000_000))
    source = Source("Example Wire", "wire", "America/New_York")
    wall, cpu = time.perf_counter(), time.process_time()
    events = extract_events(text, incident="village-2021-06-02", source=source, published="2021-06-02")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"mb": len(text.encode("utf-8")) / 1e6, "cpu": cpu, "wall": wall,
            "claims": len(events[-1].claims), "revisions": len(events)}


ADVERSARIAL_UNITS = [
    "1", "a ", ", ", ". ", "“", "no group ", "killed 3 ", "a dozen more ", "X said ", "three of the ",
    "UPDATE: 6:20pm EST:\nTwo soldiers were killed.\n", "Update: " + "word " * 30 + "\n", "a-", "x",
    # the asides, charges and responses of the fifth round of rules
    "attack, the ", "blamed X for the attack of Y ", "that attack ", "prompting strikes ",
]


def adversarial() -> bool:
    """Time each repeated fragment at 10 000 and 40 000 characters; True when all are linear."""
    print("| fragment | CPU s, 10 000 chars | CPU s, 40 000 chars | ratio | linear |")
    print("|---|---:|---:|---:|---|")
    linear = True
    for unit in ADVERSARIAL_UNITS:
        costs = []
        for size in (10_000, 40_000):
            text = unit * (size // len(unit))
            start = time.process_time()
            extract_events(text, incident="x-2020-03-11", source="S", published="2020-03-11")
            costs.append(time.process_time() - start)
        ok = costs[1] < 8 * costs[0] + 0.5
        linear = linear and ok
        print(f"| {unit[:24]!r} | {costs[0]:.3f} | {costs[1]:.3f} | {costs[1] / max(costs[0], 1e-9):.1f} | "
              f"{'yes' if ok else 'NO'} |", flush=True)
    return linear


def main() -> None:
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    if KINDS == ["adversarial"]:
        sys.exit(0 if adversarial() else 1)
    print("| text | size | CPU s | MB per CPU s | wall s | claims (last revision) | revisions "
          "| CPU s per MB vs smallest | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind in KINDS:
        first: float | None = None
        for size in SIZES:
            row = measure(size, kind)
            per_mb = row["cpu"] / row["mb"]
            first = first or per_mb
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"| {kind} | {row['mb']:.1f} MB | {row['cpu']:.1f} | {row['mb'] / row['cpu']:.2f} | "
                  f"{row['wall']:.1f} | {row['claims']:,} | {row['revisions']} | {per_mb / first:.2f} | "
                  f"{peak:,.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
