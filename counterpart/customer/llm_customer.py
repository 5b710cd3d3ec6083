"""The LLM customer: the layered prompt sent through the gateway, streamed back."""

from __future__ import annotations

from collections.abc import Iterator

from counterpart.customer.engine import CustomerContext, CustomerReply
from counterpart.customer.prompt import CONTROL_TOKENS, build_messages
from counterpart.llm_gateway import ChatStream, LLMGateway

TOKEN_START = "<<"


class LLMCustomer:
    name = "llm"

    def __init__(self, gateway: LLMGateway):
        self.gateway = gateway

    def respond(self, context: CustomerContext) -> CustomerReply:
        return LLMCustomerReply(self.gateway.stream_chat(build_messages(context)))


class LLMCustomerReply(CustomerReply):
    def __init__(self, stream: ChatStream):
        super().__init__(self._visible(stream))

    def _visible(self, stream: ChatStream) -> Iterator[str]:
        """Pass text through, holding back anything that may be a control token."""
        pending = ""
        for chunk in stream:
            pending += chunk
            cut = pending.find(TOKEN_START)
            head = pending if cut == -1 else pending[:cut]
            # Hold back trailing spaces (they may precede a token) and a lone "<" that may be
            # the start of a token split across chunks.
            shown = head.rstrip()
            if cut == -1 and shown.endswith("<"):
                shown = shown[:-1].rstrip()
            if shown:
                yield shown
                pending = pending[len(shown) :]
        for token, reason in CONTROL_TOKENS.items():
            if token in pending:
                self.end_reason = reason
                pending = pending.replace(token, "")
        if pending.strip():
            yield pending.rstrip()
        usage = stream.usage
        self.prompt_tokens, self.completion_tokens = usage.prompt_tokens, usage.completion_tokens
