"""Does the offline customer behave like a person? Trainee strategies, written by people who
never read the engine, are played against every persona over several seeds.

    python benchmarks/customer_realism.py [--set FOLDER] [--seeds 5] [--sessions]

A set is a folder of `<persona-id>.yaml` strategy files (or a `strategies/` folder, with the
set's own personas in `personas/`; otherwise the shipped library's). Each file holds twelve
strategies; good ones (excellent, plain, paraphrased) are played as written, bad ones are
cycled until the chat ends or reaches the turn limit, the others are played as written.
Each reply is sent 30 s after the customer's message, against a 60 s reply-time target.

Prints a persona x strategy table (one letter per seed: R resolved, E escalated, A abandoned,
T turn limit, U unfinished: the script ran out first; a trailing * marks a session where the
customer said a line twice), rates per language and, last, JSON with:
good_resolved (share of good sessions resolved), bad_ended (share of bad sessions escalated or
abandoned), repeat_sessions (share of sessions with a customer line said verbatim twice),
wrong_fact_resolved (wrong-fact sessions that ended resolved), pushback (share of wrong-fact
replies the customer pushed back on), hidden_volunteered (customer lines that state the hidden
fact), varied_cells (share of persona x strategy cells with at least 3 distinct hidden-state
paths over the seeds).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from sealing import check_seal  # noqa: E402

from counterpart.customer.scripted import ScriptedCustomer  # noqa: E402
from counterpart.persona_preview import PersonaPreview  # noqa: E402
from curricula.library import load_library  # noqa: E402
from personas.library_loader import load_personas  # noqa: E402
from personas.model import Persona  # noqa: E402
from personas.voice import voice  # noqa: E402

HERE = Path(__file__).parent
DEFAULT_SET = HERE / "customer_strategies"
GOOD = ("excellent", "plain", "paraphrased")
BAD = (
    "rude",
    "wrong_fact",
    "same_question",
    "off_topic",
    "apology_only",
    "gibberish",
    "other_language",
)
OTHER = ("forbidden_promise", "probing_hidden")
STRATEGIES = GOOD + BAD + OTHER
TURN_LIMIT = 10
SLA_SECONDS = 60
REPLY_SECONDS = 30
LETTERS = {"resolved": "R", "escalated": "E", "abandoned": "A", "turn_limit": "T", None: "U"}


@dataclass
class Session:
    persona: str
    language: str
    strategy: str
    seed: int
    outcome: str | None = None
    customer_lines: list[str] = field(default_factory=list)
    path: list[tuple] = field(default_factory=list)
    pushbacks: int = 0  # wrong-fact replies answered with a pushback
    wrong_replies: int = 0  # wrong-fact replies sent
    hidden_volunteered: int = 0
    replies: list[str] = field(default_factory=list)

    @property
    def repeated(self) -> bool:
        return any(n > 1 for n in Counter(self.customer_lines).values())


def language_of(persona: Persona) -> str:
    if persona.language == "es" and persona.second_language == "en":
        return "es-en"
    return persona.language


def _pushback_lines(persona: Persona) -> list[str]:
    """The persona's pushback lines and, once those are used up, its language's common ones."""
    common = voice(persona.language)["lines"]["pushback"]
    return [persona.say(line) for line in [*persona.lines.pushback, *common]]


def play(persona: Persona, policy, strategy: str, replies: list[str], seed: int) -> Session:
    chat = PersonaPreview(
        persona,
        policy,
        ScriptedCustomer(),
        seed=seed,
        sla_seconds=SLA_SECONDS,
        turn_limit=TURN_LIMIT,
    )
    session = Session(persona.id, language_of(persona), strategy, seed)
    session.customer_lines.append(chat.history[0][1])
    pushback = _pushback_lines(persona)
    hidden = persona.hidden_fact.text.casefold() if persona.hidden_fact else None
    cycle = strategy in BAD
    turn = 0
    while chat.ended is None and turn < TURN_LIMIT:
        if turn >= len(replies) and not cycle:
            break
        reply = replies[turn % len(replies)]
        chat.reply(reply, reply_seconds=REPLY_SECONDS)
        session.replies.append(reply)
        answer = "".join(chat.customer_turn())
        session.customer_lines.append(answer)
        step = chat.step
        session.path.append((step.state.satisfaction, step.state.patience, chat.ended))
        if strategy == "wrong_fact":
            session.wrong_replies += 1
            session.pushbacks += any(line in answer for line in pushback)
        if hidden and hidden in answer.casefold():
            session.hidden_volunteered += 1
        turn += 1
    session.outcome = chat.ended
    return session


def load_set(folder: Path) -> tuple[dict[str, Persona], dict[str, dict[str, list[str]]]]:
    strategies_dir = folder / "strategies" if (folder / "strategies").is_dir() else folder
    if (folder / "personas").is_dir():
        personas, problems = load_personas(folder / "personas")
        if problems:
            raise SystemExit("\n".join(str(p) for p in problems))
    else:
        personas, _ = load_personas()
    scripts: dict[str, dict[str, list[str]]] = {}
    for path in sorted(strategies_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        persona_id = data["persona"]
        if persona_id not in personas:
            raise SystemExit(f"{path}: no persona {persona_id!r}")
        given = data["strategies"]
        missing = [name for name in STRATEGIES if name not in given]
        if missing:
            raise SystemExit(f"{path}: strategies missing: {', '.join(missing)}")
        scripts[persona_id] = {name: list(given[name]["replies"]) for name in STRATEGIES}
        # A reply in another language the customer reads (a persona's `reads`) is no test of
        # noticing a language it cannot read.
        other = given["other_language"].get("language")
        if other and other in personas[persona_id].read_languages():
            del scripts[persona_id]["other_language"]
    return personas, scripts


def run(folder: Path, seeds: int) -> list[Session]:
    personas, scripts = load_set(folder)
    library = load_library()
    sessions = []
    for persona_id, strategies in scripts.items():
        persona = personas[persona_id]
        refs = [s.partition("#")[0] for s in persona.policy_sections]
        policy = library.policy(refs[0]) if refs else None
        for strategy, replies in strategies.items():
            for seed in range(1, seeds + 1):
                sessions.append(play(persona, policy, strategy, replies, seed))
    return sessions


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def figures(sessions: list[Session]) -> dict:
    good = [s for s in sessions if s.strategy in GOOD]
    bad = [s for s in sessions if s.strategy in BAD]
    wrong = [s for s in sessions if s.strategy == "wrong_fact"]
    cells: dict[tuple, set] = defaultdict(set)
    for s in sessions:
        cells[s.persona, s.strategy].add((tuple(s.path), s.outcome))
    languages = sorted({s.language for s in sessions})
    per_language = {}
    for language in languages:
        g = [s for s in good if s.language == language]
        b = [s for s in bad if s.language == language]
        per_language[language] = {
            "good_resolved": _share(sum(s.outcome == "resolved" for s in g), len(g)),
            "bad_ended": _share(sum(s.outcome in ("escalated", "abandoned") for s in b), len(b)),
            "sessions": len([s for s in sessions if s.language == language]),
        }
    return {
        "sessions": len(sessions),
        "good_resolved": _share(sum(s.outcome == "resolved" for s in good), len(good)),
        "bad_ended": _share(sum(s.outcome in ("escalated", "abandoned") for s in bad), len(bad)),
        "repeat_sessions": _share(sum(s.repeated for s in sessions), len(sessions)),
        "wrong_fact_resolved": sum(s.outcome == "resolved" for s in wrong),
        "pushback": _share(sum(s.pushbacks for s in wrong), sum(s.wrong_replies for s in wrong)),
        "hidden_volunteered": sum(s.hidden_volunteered for s in sessions),
        "varied_cells": _share(sum(len(p) >= 3 for p in cells.values()), len(cells)),
        "language": per_language,
    }


def table(sessions: list[Session]) -> list[str]:
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for s in sessions:
        mark = LETTERS[s.outcome] + ("*" if s.repeated else "")
        cells[s.persona][s.strategy] = cells[s.persona].get(s.strategy, "") + mark
    for row in cells.values():
        for name in STRATEGIES:
            row.setdefault(name, "-")  # not played: the customer reads that language
    width = max(len(p) for p in cells) + 1
    lines = [" " * width + " ".join(f"{name[:10]:>10}" for name in STRATEGIES)]
    for persona, row in cells.items():
        lines.append(f"{persona:<{width}}" + " ".join(f"{row[n]:>10}" for n in STRATEGIES))
    return lines


def by_strategy(sessions: list[Session]) -> list[str]:
    lines = []
    for name in STRATEGIES:
        mine = [s for s in sessions if s.strategy == name]
        outcomes = Counter(LETTERS[s.outcome] for s in mine)
        shown = " ".join(f"{k}{outcomes[k]}" for k in "REATU" if outcomes[k])
        repeats = sum(s.repeated for s in mine)
        lines.append(f"strategy {name:<18} {shown:<24} repeats {repeats}/{len(mine)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument(
        "--sessions", action="store_true", help="print every session (refused on a sealed set)"
    )
    args = parser.parse_args()
    seal = check_seal(args.set)
    if args.sessions and seal == "sealed":
        raise SystemExit("a sealed set's sessions are not shown; use the figures only")
    sessions = run(args.set, args.seeds)
    print(f"{args.set} ({seal}), {len(sessions)} sessions, seeds 1-{args.seeds}")
    if seal != "sealed":
        print("\n".join(table(sessions)))
    print("\n".join(by_strategy(sessions)))
    result = figures(sessions)
    for language, row in result["language"].items():
        print(
            f"language {language:<6} good resolved {row['good_resolved']}  "
            f"bad ended {row['bad_ended']}  ({row['sessions']} sessions)"
        )
    if args.sessions:
        for s in sessions:
            print(f"\n== {s.persona} {s.strategy} seed {s.seed}: {s.outcome}")
            print(f"   customer: {s.customer_lines[0]}")
            for reply, line, point in zip(s.replies, s.customer_lines[1:], s.path, strict=True):
                print(f"   trainee: {reply}\n   {point} customer: {line}")
    print(json.dumps({"set": args.set.name, "seal": seal, **result}, ensure_ascii=False))


if __name__ == "__main__":
    main()
