"""The gateway with the real openai client against the fake server, over real HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI
from tenacity import wait_none

from counterpart.llm_gateway import LLMError, LLMGateway, Usage
from counterpart.llm_settings import LLMSettings

REPLY = "My kettle arrived broken and I want a refund today, not next week."
MESSAGES = [
    {"role": "system", "content": "You are Dana, an annoyed customer."},
    {"role": "user", "content": "Hello, how can I help you?"},
]
PROMPT_WORDS = 6 + 6


def gateway_for(base_url: str, *, timeout: float = 2.0, max_attempts: int = 3) -> LLMGateway:
    settings = LLMSettings(
        base_url=base_url,
        api_key="test-key",
        model="customer-model",
        timeout_seconds=timeout,
        max_attempts=max_attempts,
    )
    return LLMGateway(settings, wait=wait_none())


def ask(gateway: LLMGateway, mode: str) -> str:
    if mode == "stream":
        return "".join(gateway.stream_chat(MESSAGES))
    return gateway.complete(MESSAGES)[0]


@pytest.fixture
def gateway(fake_openai: FakeOpenAI) -> LLMGateway:
    return gateway_for(fake_openai.base_url)


both_modes = pytest.mark.parametrize("mode", ["stream", "complete"])


def test_stream_yields_the_reply_in_several_chunks_then_usage(fake_openai, gateway):
    fake_openai.replies.append(REPLY)
    fake_openai.chunk_chars = 10

    stream = gateway.stream_chat(MESSAGES)
    chunks = list(stream)

    assert len(chunks) == 7
    assert "".join(chunks) == REPLY
    assert stream.text == REPLY
    assert stream.usage == Usage(prompt_tokens=PROMPT_WORDS, completion_tokens=13)


def test_stream_request_carries_model_messages_and_usage_option(fake_openai, gateway):
    list(gateway.stream_chat(MESSAGES, temperature=0.5, max_tokens=123))

    (request,) = fake_openai.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "customer-model"
    assert request.body["messages"] == MESSAGES
    assert request.body["stream"] is True
    assert request.body["stream_options"] == {"include_usage": True}
    assert request.body["temperature"] == 0.5
    assert request.body["max_tokens"] == 123
    assert request.headers["authorization"] == "Bearer test-key"


def test_nothing_is_sent_until_the_stream_is_iterated(fake_openai, gateway):
    stream = gateway.stream_chat(MESSAGES)
    assert fake_openai.requests == []
    next(iter(stream))
    assert len(fake_openai.requests) == 1


def test_usage_stays_zero_when_the_server_sends_none(fake_openai, gateway):
    fake_openai.send_usage = False
    stream = gateway.stream_chat(MESSAGES)
    assert "".join(stream)
    assert stream.usage == Usage(0, 0)


def test_complete_returns_the_whole_reply_and_usage(fake_openai, gateway):
    fake_openai.replies.append(REPLY)

    text, usage = gateway.complete(MESSAGES, max_tokens=50)

    assert text == REPLY
    assert usage == Usage(prompt_tokens=PROMPT_WORDS, completion_tokens=13)
    (request,) = fake_openai.requests
    assert not request.body.get("stream")
    assert request.body["temperature"] == 0.0
    assert request.body["max_tokens"] == 50


@both_modes
def test_a_rate_limit_is_retried_then_succeeds(fake_openai, gateway, mode):
    fake_openai.replies.append(REPLY)
    fake_openai.fail_with_status = [429]

    assert ask(gateway, mode) == REPLY
    assert len(fake_openai.requests) == 2


@both_modes
def test_server_errors_give_up_after_max_attempts(fake_openai, gateway, mode):
    fake_openai.fail_with_status = [500, 502, 500, 500]

    with pytest.raises(LLMError) as caught:
        ask(gateway, mode)

    assert caught.value.kind == "server"
    assert len(fake_openai.requests) == 3
    assert fake_openai.base_url in str(caught.value)
    assert "HTTP 500" in str(caught.value)


def test_rate_limit_that_persists_is_reported_as_such(fake_openai, gateway):
    fake_openai.fail_with_status = [429, 429, 429]
    with pytest.raises(LLMError) as caught:
        ask(gateway, "stream")
    assert caught.value.kind == "rate_limit"
    assert len(fake_openai.requests) == 3


@both_modes
@pytest.mark.parametrize(
    ("status", "hint"), [(400, "customer-model"), (401, "API_KEY"), (404, "MODEL")]
)
def test_client_errors_are_not_retried(fake_openai, gateway, mode, status, hint):
    fake_openai.fail_with_status = [status]

    with pytest.raises(LLMError) as caught:
        ask(gateway, mode)

    assert caught.value.kind == "client"
    assert len(fake_openai.requests) == 1
    assert f"HTTP {status}" in str(caught.value)
    assert hint in str(caught.value)


@both_modes
def test_a_slow_server_times_out_after_retries(fake_openai, mode):
    fake_openai.latency_seconds = 2.0
    gateway = gateway_for(fake_openai.base_url, timeout=0.2, max_attempts=2)

    with pytest.raises(LLMError) as caught:
        ask(gateway, mode)

    assert caught.value.kind == "timeout"
    assert "did not answer within 0.2 s" in str(caught.value)
    assert len(fake_openai.requests) == 2


def test_a_stream_cut_after_text_fails_without_retry_and_keeps_partial_text(fake_openai, gateway):
    fake_openai.replies.append(REPLY)
    fake_openai.chunk_chars = 5
    fake_openai.cut_stream_after_chunks = 2
    stream = gateway.stream_chat(MESSAGES)
    received = []

    with pytest.raises(LLMError) as caught:
        for chunk in stream:
            received.append(chunk)

    assert caught.value.kind == "cut"
    assert received == [REPLY[:5], REPLY[5:10]]
    assert stream.text == REPLY[:10]
    assert len(fake_openai.requests) == 1


def test_a_stream_cut_before_any_text_is_retried(fake_openai, gateway):
    fake_openai.cut_stream_after_chunks = 0

    with pytest.raises(LLMError) as caught:
        ask(gateway, "stream")

    assert caught.value.kind == "cut"
    assert len(fake_openai.requests) == 3


def test_a_stream_that_ends_without_finishing_counts_as_cut(fake_openai, gateway):
    fake_openai.chunk_chars = 5
    fake_openai.end_stream_after_chunks = 2
    stream = gateway.stream_chat(MESSAGES)

    with pytest.raises(LLMError) as caught:
        list(stream)

    assert caught.value.kind == "cut"
    assert len(stream.text) == 10
    assert len(fake_openai.requests) == 1


@both_modes
@pytest.mark.parametrize("malformed", [True, "no_choices"])
def test_malformed_output_is_reported_and_not_retried(fake_openai, gateway, mode, malformed):
    fake_openai.malformed = malformed

    with pytest.raises(LLMError) as caught:
        ask(gateway, mode)

    assert caught.value.kind == "malformed"
    assert len(fake_openai.requests) == 1


@both_modes
def test_a_closed_port_is_a_connection_error(mode):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gateway = gateway_for(f"http://127.0.0.1:{port}/v1")

    with pytest.raises(LLMError) as caught:
        ask(gateway, mode)

    assert caught.value.kind == "connection"
    assert f"http://127.0.0.1:{port}/v1" in str(caught.value)


def test_a_stream_can_be_iterated_only_once(gateway):
    stream = gateway.stream_chat(MESSAGES)
    list(stream)
    with pytest.raises(RuntimeError):
        list(stream)


def test_fake_server_runs_as_a_script():
    script = Path(__file__).resolve().parents[1] / "fake_openai.py"
    command = [sys.executable, str(script), "--port", "0", "--reply", "Scripted hello."]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            base_url = server.stdout.readline().strip()
            assert base_url.startswith("http://127.0.0.1:")
            assert ask(gateway_for(base_url), "stream") == "Scripted hello."
        finally:
            server.terminate()
