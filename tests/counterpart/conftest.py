"""Fixtures for the application core's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_openai import FakeOpenAI


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fake OpenAI-compatible server on a free local port, stopped after the test."""
    with FakeOpenAI() as server:
        yield server
