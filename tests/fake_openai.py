"""A fake OpenAI-compatible chat server for tests: real HTTP, scripted replies and failures.

In tests:
    with FakeOpenAI() as fake:
        fake.replies.append("Where is my parcel?")
        fake.fail_with_status = [429]
        ... point the client at fake.base_url ...
        assert fake.requests[0].body["model"] == "gpt-4o-mini"

As a script, for browser tests that start the app in a subprocess:
    python tests/fake_openai.py --port 8765
prints the base URL on its first line and serves until killed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_REPLY = "Hi, I ordered a blender two weeks ago and it still hasn't arrived. Where is it?"

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "not_found_error",
    429: "rate_limit_exceeded",
}


@dataclass
class RecordedRequest:
    """One request as the server saw it; header names are lower-cased."""

    path: str
    headers: dict[str, str]
    body: Any


def default_responder(body: dict[str, Any]) -> str:
    return DEFAULT_REPLY


class FakeOpenAI:
    """Serves POST /v1/chat/completions on 127.0.0.1; every knob can be changed while it runs.

    Knobs:
      replies                 scripted reply texts, used first-in first-out before `responder`
      responder               request body -> reply text
      latency_seconds         delay before answering anything
      fail_with_status        statuses answered to the next requests, one each (e.g. [429, 500])
      cut_stream_after_chunks drop the connection after that many content chunks, no [DONE]
      end_stream_after_chunks end the body cleanly after that many chunks, no finish/[DONE]
      malformed               True: invalid JSON; "no_choices": JSON without `choices`
      chunk_chars             characters of reply per streamed chunk
      send_usage              False: ignore stream_options.include_usage, as some servers do
    """

    def __init__(self, port: int = 0) -> None:
        self.requests: list[RecordedRequest] = []
        self.replies: deque[str] = deque()
        self.responder: Callable[[dict[str, Any]], str] = default_responder
        self.latency_seconds = 0.0
        self.fail_with_status: list[int] = []
        self.cut_stream_after_chunks: int | None = None
        self.end_stream_after_chunks: int | None = None
        self.malformed: bool | str = False
        self.chunk_chars = 12
        self.send_usage = True
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.fake = self
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def serve_forever(self) -> None:
        """Serves on the calling thread until interrupted (the script's mode)."""
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()

    def start(self) -> FakeOpenAI:
        # A short poll keeps stop(), and so every test's teardown, quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers sleeping out `latency_seconds`
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def record(self, request: RecordedRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def next_failure(self) -> int | None:
        with self.lock:
            return self.fail_with_status.pop(0) if self.fail_with_status else None

    def reply_for(self, body: dict[str, Any]) -> str:
        with self.lock:
            if self.replies:
                return self.replies.popleft()
        return self.responder(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeOpenAI

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hung up (its timeout fired, a test ended) is routine here;
        # anything else is a bug in the fake and should be loud.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 so streams use chunked encoding, as OpenAI's do; a cut is then detectable.
    protocol_version = "HTTP/1.1"
    server: _Server

    @property
    def fake(self) -> FakeOpenAI:
        return self.server.fake

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            self._send_json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
        else:
            self._send_error(404, f"No route for GET {self.path}")

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = raw.decode("utf-8", "replace")
        fake = self.fake
        headers = {name.lower(): value for name, value in self.headers.items()}
        fake.record(RecordedRequest(self.path, headers, body))

        if fake.latency_seconds and fake.stopping.wait(fake.latency_seconds):
            return
        if self.path.rstrip("/") != "/v1/chat/completions":
            return self._send_error(404, f"No route for POST {self.path}")
        status = fake.next_failure()
        if status is not None:
            return self._send_error(status, f"Fake failure with status {status}")
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return self._send_error(400, "The body must be JSON with a 'messages' list")

        reply = fake.reply_for(body)
        if body.get("stream"):
            self._stream(body, reply)
        else:
            self._complete(body, reply)

    def _complete(self, body: dict[str, Any], reply: str) -> None:
        if self.fake.malformed == "no_choices":
            return self._send_json(200, {"id": "chatcmpl-fake", "object": "chat.completion"})
        if self.fake.malformed:
            return self._send_bytes(200, b"{this is not json", "application/json")
        self._send_json(
            200,
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": reply, "refusal": None},
                        "logprobs": None,
                        "finish_reason": "stop",
                    }
                ],
                "usage": _usage(body, reply),
            },
        )

    def _stream(self, body: dict[str, Any], reply: str) -> None:
        fake = self.fake
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if fake.malformed == "no_choices":
            self._event(json.dumps({"id": "chatcmpl-fake", "object": "chat.completion.chunk"}))
            return self._end()
        if fake.malformed:
            self._event("{this is not json")
            return self._end()

        asked = bool((body.get("stream_options") or {}).get("include_usage"))
        with_usage = asked and fake.send_usage
        chunk = _chunk_maker(body, with_usage)
        self._event(chunk({"role": "assistant", "content": ""}))
        size = max(1, fake.chunk_chars)
        pieces = [reply[i : i + size] for i in range(0, len(reply), size)]
        for sent, piece in enumerate(pieces):
            if sent == fake.cut_stream_after_chunks:
                return self._drop_connection()
            if sent == fake.end_stream_after_chunks:
                return self._end()
            self._event(chunk({"content": piece}))
        if fake.cut_stream_after_chunks is not None:
            return self._drop_connection()
        if fake.end_stream_after_chunks is not None:
            return self._end()
        self._event(chunk({}, finish_reason="stop"))
        if with_usage:
            self._event(chunk(None, usage=_usage(body, reply)))
        self._event("[DONE]")
        self._end()

    def _event(self, data: str) -> None:
        payload = f"data: {data}\n\n".encode()
        self.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
        self.wfile.flush()

    def _end(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _drop_connection(self) -> None:
        # No terminating zero-length chunk: the client sees the body end mid-message.
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(2)

    def _send_error(self, status: int, message: str) -> None:
        error_type = _ERROR_TYPES.get(status, "server_error" if status >= 500 else "api_error")
        error = {"message": message, "type": error_type, "param": None, "code": error_type}
        self._send_json(status, {"error": error})

    def _send_json(self, status: int, payload: object) -> None:
        self._send_bytes(status, json.dumps(payload).encode(), "application/json")

    def _send_bytes(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


def _chunk_maker(body: dict[str, Any], with_usage: bool) -> Callable[..., str]:
    created = int(time.time())

    def chunk(
        delta: dict[str, Any] | None,
        finish_reason: str | None = None,
        usage: dict[str, int] | None = None,
    ) -> str:
        choices = (
            []
            if delta is None
            else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]
        )
        payload: dict[str, Any] = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": created,
            "model": body.get("model"),
            "system_fingerprint": None,
            "choices": choices,
        }
        if with_usage:  # OpenAI sends "usage": null on every chunk but the last
            payload["usage"] = usage
        return json.dumps(payload)

    return chunk


def _usage(body: dict[str, Any], reply: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    completion = len(reply.split())
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--reply", default=None, help="answer every request with this text")
    args = parser.parse_args()
    fake = FakeOpenAI(port=args.port)
    fake.latency_seconds = args.latency
    if args.reply is not None:
        reply = args.reply
        fake.responder = lambda body: reply
    print(fake.base_url, flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way to stop it
        fake.serve_forever()


if __name__ == "__main__":
    main()
