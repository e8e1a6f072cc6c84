"""Synthetic but realistic decks for benchmarks: every kind, deterministic from a seed."""

from __future__ import annotations

import random
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FIRST = ["Ada", "Jean", "Marie", "Louis", "Clara", "Henri", "Rosa", "Pierre", "Grace", "Paul",
         "Simone", "Albert", "Lucie", "Victor", "Emma", "Jules", "Alice", "Hugo", "Irene", "Noel"]
LAST = ["Martin", "Bernard", "Dubois", "Laurent", "Lefebvre", "Moreau", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Leroy",
        "Faure", "Andre", "Mercier", "Blanc", "Guerin", "Boyer", "Garnier", "Chevalier"]
CITIES = ["Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Strasbourg", "Bordeaux", "Lille",
          "Rennes", "Reims", "Dijon", "Angers", "Grenoble", "Brest", "Tours", "Limoges"]
TOPICS = ["treaty", "summit", "expedition", "charter", "census", "exhibition", "accord", "survey"]


def _date(rng: random.Random) -> str:
    style = rng.random()
    year = rng.randint(1500, 2024)
    if style < 0.4:
        return str(year)
    if style < 0.6:
        return f"{rng.choice(MONTHS)} {year}"
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}"


def _number(rng: random.Random) -> tuple[str, str | None]:
    style = rng.random()
    if style < 0.3:
        return f"${rng.randint(10, 999) / 10:.1f} billion", "2%"
    if style < 0.5:
        return f"{rng.randint(1000, 999999):,}", None
    if style < 0.7:
        return f"{rng.randint(1, 99)}%", None
    if style < 0.85:
        return f"{rng.randint(100, 99999):,} km", "5%"
    return f"{rng.randint(2, 60)}th", None


def make_deck_text(facts: int, seed: int = 1, deck_id: str = "synthetic") -> str:
    """A deck of ``facts`` facts of every kind, as YAML text."""
    rng = random.Random(seed)
    out = [f"title: Synthetic deck {deck_id}", f"id: {deck_id}",
           "description: Generated for benchmarks.", "sources:", "  gen: The generator", "facts:"]
    for n in range(facts):
        topic = rng.choice(TOPICS)
        place = rng.choice(CITIES)
        roll = rng.random()
        out.append(f"  - id: f{n:06d}")
        if roll < 0.25:
            out += [f"    question: In what year was the {place} {topic} number {n} held?",
                    f"    answer: {_date(rng)}", "    kind: date", "    source: gen"]
        elif roll < 0.5:
            answer, tolerance = _number(rng)
            out += [f"    question: What figure did the {place} {topic} number {n} report?",
                    f'    answer: "{answer}"', "    kind: number"]
            if tolerance:
                out.append(f"    tolerance: {tolerance}")
        elif roll < 0.7:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            out += [f"    question: Who led the {place} {topic} number {n}?",
                    f"    answer: {name}", "    kind: name", "    category: person",
                    f"    accept: [{name.split()[-1]}]",
                    "    explain: Generated for the benchmark; the name is made up."]
        elif roll < 0.8:
            a, b = rng.sample(CITIES, 2)
            out += [f"    question: Which two cities hosted the {topic} number {n}?",
                    f"    answer: [{a}, {b}]", "    kind: list"]
        else:
            out += [f'    text: "The {place} {topic} number {n} was signed in {{{{{rng.randint(1500, 2024)}}}}} '
                    f'by {{{{{rng.choice(FIRST)} {rng.choice(LAST)}}}}}."']
    return "\n".join(out) + "\n"


def write_deck(path: Path, facts: int, seed: int = 1) -> Path:
    """Write a synthetic deck to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(make_deck_text(facts, seed, deck_id=path.stem), encoding="utf-8")
    return path
