"""Simulated time: the cohort's weeks pass in seconds, and no one sleeps for real."""

from __future__ import annotations

import datetime as dt


class SimulatedClock:
    """A clock the session loop and the exam service read; the cohort moves it forward."""

    def __init__(self, now: dt.datetime):
        if now.tzinfo is None:
            raise ValueError("the simulated clock needs a timezone-aware time")
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)

    def set(self, moment: dt.datetime) -> None:
        self.now = moment
