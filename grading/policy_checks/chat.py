"""The earlier turns of a chat, read only when a check needs them.

Most replies settle without looking back (no number, no gated action, no conditional rule), so
the turns before them are read, and a policy's words looked up in them, on first use only.
"""

from __future__ import annotations

from functools import cached_property

from curricula.policy import Policy
from grading.policy_checks.words import Lookup, lookup
from grading.reading import Reading, read

AGENT_ROLES = frozenset({"agent", "trainee"})


class Chat:
    def __init__(self, turns: list[tuple[str, str]], policy: Policy):
        self._turns = turns
        self._policy = policy

    def __bool__(self) -> bool:
        return bool(self._turns)

    @cached_property
    def readings(self) -> list[tuple[str, Reading]]:
        """(role, reading) of every earlier turn, oldest first."""
        return [(role, read(text)) for role, text in self._turns]

    @cached_property
    def looks(self) -> list[Lookup]:
        return [lookup(r, self._policy) for _, r in self.readings]

    @cached_property
    def agent_looks(self) -> list[Lookup]:
        return [lookup(r, self._policy) for role, r in self.readings if role in AGENT_ROLES]

    @cached_property
    def joined(self) -> Lookup | None:
        """The whole chat as one text: what it is about, for telling two facts apart."""
        if not self._turns:
            return None
        return lookup(read("\n".join(text for _, text in self._turns)), self._policy)
