"""Guards for every test: no real model, no network beyond this machine, no stray settings."""

from __future__ import annotations

import ipaddress
import socket

import pytest

LLM_VARIABLES = (
    "COUNTERPART_LLM_BASE_URL",
    "COUNTERPART_LLM_API_KEY",
    "COUNTERPART_LLM_MODEL",
    "COUNTERPART_LLM_TIMEOUT",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "COUNTERPART_DATABASE_URL",
    "COUNTERPART_DEMO",
)
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
