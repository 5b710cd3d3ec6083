"""The one door to an OpenAI-compatible chat endpoint: retries, streaming, usage, plain errors.

This is the only module in the project that imports `openai`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import openai
from openai.types import CompletionUsage
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_chunk import Choice as ChunkChoice
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter
from tenacity.wait import wait_base

from counterpart.llm_settings import LLMSettings

T = TypeVar("T")
Messages = list[dict[str, str]]


class LLMError(Exception):
    """Raised when the endpoint could not give a usable reply, after any retries.

    `kind` says why: "timeout", "connection", "rate_limit", "server" (5xx or an error event in
    the stream), "client" (4xx other than 429: key, model name, request), "cut" (the connection
    dropped or the stream ended before the reply was finished) or "malformed" (the output is not
    an OpenAI chat completion). The message says what to check.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


class _Malformed(Exception):
    """Output that parsed as HTTP but not as a chat completion."""


class _Cut(Exception):
    """The stream stopped before the reply finished."""


def _is_transient(err: BaseException) -> bool:
    # 4xx other than 429 would fail the same way again; only these may clear up on their own.
    if isinstance(err, _Cut | openai.APIConnectionError | openai.RateLimitError):
        return True
    return isinstance(err, openai.APIStatusError) and err.status_code >= 500


class LLMGateway:
    """Chat with the configured model; every failure surfaces as `LLMError`."""

    def __init__(self, settings: LLMSettings, *, wait: wait_base | None = None) -> None:
        self._settings = settings
        # max_retries=0: tenacity is the only retry layer, so attempts never multiply.
        self._client = openai.OpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key,
            timeout=settings.timeout_seconds,
            max_retries=0,
        )
        self._wait = wait or wait_exponential_jitter(multiplier=0.2, max=2.0, jitter=0.2)

    @property
    def model(self) -> str:
        return self._settings.model

    @property
    def endpoint(self) -> str:
        return str(self._client.base_url).rstrip("/")

    def close(self) -> None:
        self._client.close()

    def stream_chat(
        self, messages: Messages, *, temperature: float = 0.8, max_tokens: int = 400
    ) -> ChatStream:
        """A reply streamed in text chunks; nothing is sent until it is iterated."""
        request = {"messages": messages, "temperature": temperature, "max_tokens": max_tokens}
        return ChatStream(self, request)

    def complete(
        self,
        messages: Messages,
        *,
        temperature: float = 0.0,
        max_tokens: int = 800,
        json_output: bool = False,
    ) -> tuple[str, Usage]:
        """The whole reply at once, with its token usage. `json_output` asks the endpoint for a
        JSON object (OpenAI's json_object mode, which vLLM, Ollama and DeepSeek also accept)."""
        extra: dict[str, Any] = {"response_format": {"type": "json_object"}} if json_output else {}

        def attempt() -> tuple[str, Usage]:
            try:
                reply = self._client.chat.completions.create(
                    model=self.model,
                    messages=messages,  # type: ignore[arg-type]
                    temperature=temperature,
                    max_tokens=max_tokens,
                    **extra,
                )
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                # openai lets a JSON decode error escape unwrapped when the body is not JSON.
                raise _Malformed(f"the body is not valid JSON: {err}") from err
            return _reply_text(reply), _usage(reply.usage)

        return self._with_retries(attempt)

    def _create_stream(self, request: dict[str, Any]) -> openai.Stream[ChatCompletionChunk]:
        return self._client.chat.completions.create(
            model=self.model,
            stream=True,
            stream_options={"include_usage": True},
            **request,
        )

    def _with_retries(self, attempt: Callable[[], T]) -> T:
        retrying = Retrying(
            stop=stop_after_attempt(self._settings.max_attempts),
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )
        try:
            return retrying(attempt)
        except (openai.APIError, _Cut, _Malformed) as err:
            attempts = retrying.statistics.get("attempt_number", 1)
            raise self._explain(err, attempts) from err

    def _explain(self, err: Exception, attempts: int = 1) -> LLMError:
        where = f"The customer model at {self.endpoint}"
        tries = f" (tried {attempts} times)" if attempts > 1 else ""
        if isinstance(err, _Malformed | openai.APIResponseValidationError):
            return LLMError(
                "malformed",
                f"{where} sent something that is not an OpenAI chat completion ({err}). "
                "Check that the base URL is the server's OpenAI-compatible root, e.g. .../v1.",
            )
        if isinstance(err, _Cut):
            return LLMError(
                "cut", f"{where} stopped mid-reply ({err}){tries}. Check the server's logs."
            )
        if isinstance(err, openai.APITimeoutError):
            return LLMError(
                "timeout",
                f"{where} did not answer within {self._settings.timeout_seconds:g} s{tries}. "
                "Check that it is running and not overloaded, or raise COUNTERPART_LLM_TIMEOUT.",
            )
        if isinstance(err, openai.APIConnectionError):
            return LLMError(
                "connection",
                f"{where} could not be reached{tries}. "
                "Check COUNTERPART_LLM_BASE_URL and that the server is running.",
            )
        if isinstance(err, openai.RateLimitError):
            return LLMError(
                "rate_limit",
                f"{where} is rate-limiting requests (HTTP 429){tries}. "
                "Wait a minute, or check the account's quota and rate limits.",
            )
        if isinstance(err, openai.APIStatusError) and err.status_code < 500:
            return LLMError(
                "client",
                f"{where} refused the request with HTTP {err.status_code}: {err.message}. "
                f"{_client_hint(err.status_code, self.model)}",
            )
        # 5xx, or an error event in the middle of a stream.
        status = f"HTTP {err.status_code}" if isinstance(err, openai.APIStatusError) else "error"
        message = err.message if isinstance(err, openai.APIError) else str(err)
        return LLMError(
            "server", f"{where} failed with {status}{tries}: {message}. Check the server's logs."
        )


def _client_hint(status: int, model: str) -> str:
    if status in (401, 403):
        return "Check COUNTERPART_LLM_API_KEY."
    if status == 404:
        return f"Check COUNTERPART_LLM_MODEL ({model!r}) and COUNTERPART_LLM_BASE_URL."
    return f"Check that the server supports model {model!r} and these request options."


class ChatStream:
    """Iterate for text chunks; afterwards `.text` holds the reply and `.usage` its tokens.

    Failing to open the stream, or losing it before any text arrived, is retried. Once text
    has been yielded the caller has shown it, so a later failure raises `LLMError` at once;
    `.text` then holds the partial reply.
    """

    def __init__(self, gateway: LLMGateway, request: dict[str, Any]) -> None:
        self._gateway = gateway
        self._request = request
        self._iterated = False
        self._finished = False
        self.text = ""
        self.usage = Usage()

    def __iter__(self) -> Iterator[str]:
        if self._iterated:
            raise RuntimeError("A ChatStream can be iterated only once.")
        self._iterated = True
        rest, first = self._gateway._with_retries(self._open)
        if not first:
            return
        self.text = first
        yield first
        try:
            for piece in rest:
                self.text += piece
                yield piece
        except (openai.APIError, _Cut, _Malformed) as err:
            raise self._gateway._explain(err) from err

    def _open(self) -> tuple[Iterator[str], str]:
        self._finished = False
        self.usage = Usage()
        pieces = self._pieces(self._gateway._create_stream(self._request))
        # Pulling the first piece here puts it inside the retry: until the caller has shown
        # text, a failure can still be retried invisibly.
        return pieces, next(pieces, "")

    def _pieces(self, stream: openai.Stream[ChatCompletionChunk]) -> Iterator[str]:
        with stream:  # closes the connection however iteration ends
            try:
                for chunk in stream:
                    yield from self._absorb(chunk)
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                raise _Malformed(f"a stream event is not valid JSON: {err}") from err
            except openai.APITimeoutError:
                raise  # a stalled server is a timeout, not a cut
            except openai.APIConnectionError as err:
                raise _Cut(f"the connection dropped: {err.__cause__ or err}") from err
        # The SDK ends quietly when the body ends, [DONE] or not; a missing finish_reason
        # is the only sign that the reply was cut short.
        if not self._finished:
            raise _Cut("the stream ended without a finish_reason")

    def _absorb(self, chunk: object) -> Iterator[str]:
        # The SDK builds chunks without validation: missing fields are None, wrong types pass.
        if not isinstance(chunk, ChatCompletionChunk):
            raise _Malformed(f"a stream event is {type(chunk).__name__}, not a chunk")
        if isinstance(chunk.usage, CompletionUsage):
            self.usage = _usage(chunk.usage)
        elif chunk.choices is None:
            raise _Malformed("a stream chunk has no 'choices'")
        if not isinstance(chunk.choices or [], list):
            raise _Malformed("a stream chunk's 'choices' is not a list")
        for choice in chunk.choices or []:
            if not isinstance(choice, ChunkChoice) or choice.delta is None:
                raise _Malformed("a stream choice has no 'delta'")
            content = choice.delta.content
            if content is not None and not isinstance(content, str):
                raise _Malformed("a stream delta's 'content' is not text")
            if choice.finish_reason:
                self._finished = True
            if content:
                yield content


def _reply_text(reply: object) -> str:
    # With a non-JSON content type the SDK returns the body as a plain str.
    if not isinstance(reply, ChatCompletion):
        raise _Malformed(f"the body is {type(reply).__name__}: {str(reply)[:80]!r}")
    if not isinstance(reply.choices, list) or not reply.choices:
        raise _Malformed("the completion has no 'choices'")
    choice = reply.choices[0]
    if not isinstance(choice, Choice) or choice.message is None:
        raise _Malformed("the completion's choice has no 'message'")
    content = choice.message.content
    if content is not None and not isinstance(content, str):
        raise _Malformed("the completion's 'content' is not text")
    return content or ""


def _usage(usage: object) -> Usage:
    if not isinstance(usage, CompletionUsage):
        return Usage()
    return Usage(usage.prompt_tokens or 0, usage.completion_tokens or 0)
