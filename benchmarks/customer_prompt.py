"""How big the LLM customer's prompt is, and how much of each request a provider can cache,
per persona, offline (no model, no network).

    python benchmarks/customer_prompt.py [--turns 20]

For each persona in the library it simulates a session of `--turns` trainee replies: the history
grows (the persona's opening line, then a trainee reply rotating through a few English and Chinese
replies and a customer line from the persona's own `lines`), the hidden state moves (satisfaction
and patience change a little each turn, the reading of the reply varies), and
`counterpart.customer.prompt.build_messages` builds the request the LLM customer would send.

Reported per persona:
- system tokens: the first system message (the stable layers: rules and persona);
- total tokens: prompt tokens summed over all requests of the session;
- min stable share: for every request after the first, the tokens of its longest common prefix
  with the previous request divided by its own tokens; the smallest over the session. Messages are
  compared position by position: a message counts only when it is identical to the message at
  the same position in the previous request, and the prefix stops at the first one that is not.

Targets: system prompt under 900 tokens; at least 80% of every request after the first is an
unchanged prefix of the previous one (what prompt caching can reuse).

Tokens are approximated without a tokenizer (tiktoken downloads its vocabulary at run time, which
this machine cannot do); the rule lives in `approx_tokens` alone and is close to cl100k/o200k
counts for chat text:
- CJK characters (Han ideographs, kana, Hangul, CJK and full-width punctuation): 1 token each;
- Arabic letters, and letters of other non-Latin scripts (Cyrillic, Greek, Hebrew, Thai,
  Devanagari...): 0.5 token each;
- other characters outside Latin text (emoji, symbols): 1 token each;
- Latin text (ASCII, accented Latin letters, digits, punctuation, whitespace), taken a run at a
  time: the larger of one token per 4 characters and one token per word-piece, where a word-piece
  is a run of letters and digits or a single punctuation mark;
- the total is rounded up. Each chat message adds `MESSAGE_OVERHEAD` tokens for its role and
  separators when whole requests are counted.

Last line: {"personas": N, "max_system_prompt_tokens": N, "min_stable_prefix_share": X}
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass

from counterpart.customer.engine import CustomerContext
from counterpart.customer.prompt import build_messages
from counterpart.customer.reading import ReplyReading
from counterpart.customer.state import opening_state
from curricula.library import load_library
from personas.model import Persona

MESSAGE_OVERHEAD = 4  # role and separators of one chat message
SYSTEM_TARGET = 900
SHARE_TARGET = 0.80

_CJK = (
    (0x2E80, 0x9FFF),  # radicals, CJK punctuation, kana, bopomofo, Hangul jamo, ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width and half-width forms
    (0x20000, 0x3FFFF),  # ideograph extensions
)
_LATIN_END = 0x0250  # Basic Latin to Latin Extended-B
_LATIN_EXTENDED = ((0x1E00, 0x1EFF), (0x2000, 0x206F))  # Latin Extended Additional, punctuation
_WORD_PIECE = re.compile(r"[^\W_]+|[^\w\s]|_", re.UNICODE)


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= code <= end for start, end in ranges)


def _latin_tokens(run: str) -> float:
    pieces = len(_WORD_PIECE.findall(run))
    return max(pieces, len(run) / 4) if run.strip() else 0.0


def approx_tokens(text: str) -> int:
    """Approximate tokens of `text` (see the module docstring for the rule)."""
    total = 0.0
    run: list[str] = []
    for char in text:
        code = ord(char)
        if code < _LATIN_END or _in(code, _LATIN_EXTENDED):
            run.append(char)
            continue
        total += _latin_tokens("".join(run))
        run = []
        if _in(code, _CJK):
            total += 1
        elif unicodedata.category(char).startswith(("L", "M")):
            total += 0.5  # Arabic and other alphabetic scripts; combining marks ride along
        else:
            total += 1
    total += _latin_tokens("".join(run))
    return math.ceil(total)


def request_tokens(messages: list[dict[str, str]]) -> int:
    return sum(approx_tokens(m["content"]) + MESSAGE_OVERHEAD for m in messages)


def stable_prefix_tokens(previous: list[dict[str, str]], current: list[dict[str, str]]) -> int:
    """Tokens of the messages of `current` identical to those at the same place in `previous`,
    up to the first that differs."""
    tokens = 0
    for before, now in zip(previous, current, strict=False):
        if before != now:
            break
        tokens += approx_tokens(now["content"]) + MESSAGE_OVERHEAD
    return tokens


# Trainee replies, rotated; each with how the customer would read it.
TRAINEE_REPLIES: list[tuple[str, dict]] = [
    (
        "I'm so sorry about the wait. Could you share your order number so I can check?",
        {"empathetic": True, "ask_first_fact": True},
    ),
    (
        "我理解您的心情，非常抱歉给您带来不便。请问您的订单号是多少？",
        {"empathetic": True, "ask_first_fact": True},
    ),
    ("Refunds take 30 days, please calm down.", {"wrong_fact": True, "rude": True}),
    (
        "Thanks for your patience. I've checked with the warehouse: the parcel was delayed at "
        "the sorting centre, and I'm escalating it now so it moves today.",
        {},
    ),
    ("您好，退款会在我们收到商品后的5个工作日内退回到您的原支付账户。", {}),
    ("That's not our fault, the courier handles it.", {"rude": True}),
    (
        "I completely understand how frustrating this is. I can arrange a replacement or a full "
        "refund, whichever you prefer.",
        {"empathetic": True, "offer": True},
    ),
    ("请您稍等，我马上为您查询物流信息，很快回复您。", {"late": True}),
]
SATISFACTION_STEPS = (6, -9, 4, 8, -5, 3, -2, 7)
CUSTOMER_STATES = ("neutral", "angry", "calmer", "pushback", "waiting", "neutral", "calmer")


def _build(cls, **values):
    """Construct `cls` with the values it has fields for (engine types may gain or lose some)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def _reading(persona: Persona, hints: dict) -> ReplyReading:
    offered = None
    if hints.get("offer") and persona.acceptable_outcomes:
        offered = persona.acceptable_outcomes[0].words[0]
    asked = (persona.facts[0].key,) if hints.get("ask_first_fact") and persona.facts else ()
    return _build(
        ReplyReading,
        asked=asked,
        offered_outcome=offered,
        wrong_fact=hints.get("wrong_fact", False),
        rude=hints.get("rude", False),
        empathetic=hints.get("empathetic", False),
        late=hints.get("late", False),
    )


def _customer_line(persona: Persona, turn: int) -> str:
    lines = persona.lines.model_dump()
    state = CUSTOMER_STATES[turn % len(CUSTOMER_STATES)]
    choices = lines.get(state) or [text for texts in lines.values() for text in texts]
    text = choices[turn % len(choices)]
    try:
        return persona.say(text)
    except (KeyError, IndexError, ValueError):
        return text


def session_requests(persona: Persona, turns: int = 20) -> list[list[dict[str, str]]]:
    """The messages of each request the LLM customer would send in a simulated session."""
    state = opening_state(persona)
    history: list[tuple[str, str]] = [("customer", persona.say(persona.lines.opening[0]))]
    requests = []
    for turn in range(turns):
        reply, hints = TRAINEE_REPLIES[turn % len(TRAINEE_REPLIES)]
        history.append(("trainee", reply))
        satisfaction = max(
            0, min(100, state.satisfaction + SATISFACTION_STEPS[turn % len(SATISFACTION_STEPS)])
        )
        patience = max(1, state.patience - (1 if hints.get("rude") or hints.get("late") else 0))
        state = dataclasses.replace(state, satisfaction=satisfaction, patience=patience)
        context = _build(
            CustomerContext,
            persona=persona,
            policy=None,
            seed=turn,
            history=list(history),
            state=state,
            reading=_reading(persona, hints),
            outcome="resolved" if turn == turns - 1 else None,
            threaten=patience == 1,
        )
        requests.append(build_messages(context))
        history.append(("customer", _customer_line(persona, turn)))
    return requests


@dataclass
class PersonaFigures:
    persona: str
    language: str
    system_tokens: int
    total_tokens: int
    last_request_tokens: int
    min_share: float
    min_share_request: int  # 1-based number of the request with the smallest share


def measure(persona: Persona, turns: int = 20) -> PersonaFigures:
    requests = session_requests(persona, turns)
    system = next(m["content"] for m in requests[0] if m["role"] == "system")
    sizes = [request_tokens(r) for r in requests]
    shares = [
        stable_prefix_tokens(before, now) / size
        for before, now, size in zip(requests, requests[1:], sizes[1:], strict=False)
    ]
    worst = min(range(len(shares)), key=shares.__getitem__) if shares else None
    return PersonaFigures(
        persona=persona.id,
        language=persona.language
        + (f"+{persona.second_language}" if persona.second_language else ""),
        system_tokens=approx_tokens(system),
        total_tokens=sum(sizes),
        last_request_tokens=sizes[-1],
        min_share=shares[worst] if shares else 1.0,
        min_share_request=worst + 2 if shares else 1,
    )


def run(turns: int = 20) -> list[PersonaFigures]:
    library = load_library()
    for problem in library.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return [measure(library.personas[pid], turns) for pid in sorted(library.personas)]


def table(figures: list[PersonaFigures], turns: int) -> str:
    header = (
        f"{'persona':<34} {'lang':<6} {'system':>7} {'total/' + str(turns):>9} {'last':>6} "
        f"{'min share':>9} {'at req':>6}"
    )
    rows = [header, "-" * len(header)]
    for f in figures:
        flags = []
        if f.system_tokens >= SYSTEM_TARGET:
            flags.append(f"system >= {SYSTEM_TARGET}")
        if f.min_share < SHARE_TARGET:
            flags.append(f"share < {SHARE_TARGET:.0%}")
        rows.append(
            f"{f.persona:<34} {f.language:<6} {f.system_tokens:>7} {f.total_tokens:>9} "
            f"{f.last_request_tokens:>6} {f.min_share:>9.1%} {f.min_share_request:>6}"
            + (f"  ({'; '.join(flags)})" if flags else "")
        )
    rows.append(
        f"targets: system prompt < {SYSTEM_TARGET} tokens; stable prefix >= {SHARE_TARGET:.0%} "
        "of every request after the first (approximate tokens, see module docstring)"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=20, help="trainee replies per session")
    args = parser.parse_args(argv)
    figures = run(args.turns)
    print(table(figures, args.turns))
    print(
        json.dumps(
            {
                "personas": len(figures),
                "max_system_prompt_tokens": max((f.system_tokens for f in figures), default=0),
                "min_stable_prefix_share": round(
                    min((f.min_share for f in figures), default=1.0), 3
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
