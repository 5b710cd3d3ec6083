"""The reading of a message: language, words, quantities, concepts and actions (issue 11).

`read(text)` returns the one typed Reading that every grader, the feedback and the scripted
customer share; offsets in it point into the original text.
"""

from grading.reading.model import (
    Action,
    Actor,
    ConceptHit,
    Language,
    Mode,
    Quantity,
    Reading,
    Sentence,
    Stance,
    Token,
    Unit,
)
from grading.reading.reading import read, warm_up

__all__ = [
    "Action",
    "Actor",
    "ConceptHit",
    "Language",
    "Mode",
    "Quantity",
    "Reading",
    "Sentence",
    "Stance",
    "Token",
    "Unit",
    "read",
    "warm_up",
]
