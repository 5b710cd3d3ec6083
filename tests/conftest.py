"""Guards for every test: no real model, no network beyond this machine, no stray settings."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator

import pytest
from storage_backends import BACKENDS, empty_database

LLM_VARIABLES = (
    "COUNTERPART_LLM_BASE_URL",
    "COUNTERPART_LLM_API_KEY",
    "COUNTERPART_LLM_MODEL",
    "COUNTERPART_LLM_TIMEOUT",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "COUNTERPART_DATABASE_URL",
    "COUNTERPART_DEMO",
)  # COUNTERPART_TEST_POSTGRES_URL stays: it names the test server, never the app's database.
_real_connect = socket.socket.connect


def _loopback_only(sock: socket.socket, address) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            local = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = False
        if not local:
            raise RuntimeError(f"tests must not reach the network (tried {host})")
    return _real_connect(sock, address)


@pytest.fixture(autouse=True)
def no_network_no_real_model(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in LLM_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    # A developer's own .streamlit/secrets.toml must not point tests at a real model.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database on each backend, one test run per backend: a SQLite file in tmp_path,
    or a schema of its own on the test PostgreSQL, dropped afterwards (see storage_backends)."""
    with empty_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def postgresql_url(tmp_path) -> Iterator[str]:
    """For tests of PostgreSQL itself: the postgresql case of database_url alone."""
    with empty_database("postgresql", tmp_path) as url:
        yield url
