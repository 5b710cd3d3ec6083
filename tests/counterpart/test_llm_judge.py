from __future__ import annotations

import json

import pytest

from counterpart.llm_gateway import LLMGateway
from counterpart.llm_judge import LLMJudge
from counterpart.llm_settings import LLMSettings
from grading.judge import JudgeError, judge_messages


def judge(fake):
    return LLMJudge(LLMGateway(LLMSettings(fake.base_url, "k", "judge-model", 2.0, 1)))


def test_the_judge_asks_for_json_at_temperature_zero_and_validates_it(fake_openai):
    fake_openai.replies.append(json.dumps({"empathy": 70, "resolution": 40, "reasons": ["ok"]}))
    verdict = judge(fake_openai).judge(judge_messages("Sorry about that."))
    assert (verdict.empathy, verdict.resolution) == (70, 40)
    sent = fake_openai.requests[-1].body
    assert sent["temperature"] == 0
    assert sent["response_format"] == {"type": "json_object"}
    assert sent.get("stream") in (None, False)


def test_a_fenced_json_answer_is_accepted(fake_openai):
    fake_openai.replies.append('```json\n{"empathy": 10, "resolution": 5}\n```')
    assert judge(fake_openai).judge(judge_messages("x")).empathy == 10


@pytest.mark.parametrize(
    "answer", ["not json at all", '{"empathy": 500, "resolution": 1}', '{"empathy": 5}']
)
def test_invalid_answers_raise_judge_error(fake_openai, answer):
    fake_openai.replies.append(answer)
    with pytest.raises(JudgeError, match="not valid"):
        judge(fake_openai).judge(judge_messages("x"))


def test_a_server_error_raises_judge_error(fake_openai):
    fake_openai.fail_with_status = [500]
    with pytest.raises(JudgeError, match="failed"):
        judge(fake_openai).judge(judge_messages("x"))
