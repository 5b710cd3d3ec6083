"""The LLM judge through the gateway: temperature 0, JSON out, validated by the schema."""

from __future__ import annotations

from pydantic import ValidationError

from counterpart.llm_gateway import LLMError, LLMGateway
from grading.judge import JudgeError, JudgeVerdict


class LLMJudge:
    def __init__(self, gateway: LLMGateway):
        self.gateway = gateway

    def judge(self, messages: list[dict[str, str]]) -> JudgeVerdict:
        try:
            text, _ = self.gateway.complete(
                messages, temperature=0.0, max_tokens=400, json_output=True
            )
        except LLMError as exc:
            raise JudgeError(f"the judge model failed: {exc}") from exc
        try:
            return JudgeVerdict.model_validate_json(_json_part(text))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "the answer"
            raise JudgeError(f"the judge's answer was not valid: {where}: {first['msg']}") from exc


def _json_part(text: str) -> str:
    # Some servers wrap JSON mode output in a Markdown fence despite being asked not to.
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start != -1 and end > start else text
