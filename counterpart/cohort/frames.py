"""Sentence frames an automated trainee falls back on, per language, when a persona's own
example replies have no sentence for what it wants to say. Languages without frames use the
examples alone (and, where those say nothing, the policy's English statements)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Frames:
    warmth: tuple[str, ...]  # acknowledging the feeling, apologising for the situation
    thanks: tuple[str, ...]  # short openers once the customer has answered
    ask_thing: str  # "{0}" is a thing asked for: "order number"
    ask_question: str  # "{0}" is a question fragment: "what happened"
    ask_and: str  # joins two things asked for
    offer: str  # "{0}" is the outcome offered; owns the next step
    next_step: tuple[str, ...]  # owning what happens next when nothing is offered yet
    promise: str  # "{0}" is a promise or remedy the policy forbids
    curt: tuple[str, ...]  # what a careless trainee types
    statement: dict[str, str] = field(default_factory=dict)  # fact kind -> frame
    units: dict[str, str] = field(default_factory=dict)  # fact kind or currency -> unit
    question_words: tuple[str, ...] = ()  # a phrase starting (or, in Chinese, holding) one
    dangling: tuple[str, ...] = ()  # a phrase ending in one is a fragment ("when did")
    separator: str = " "


FRAMES = {
    "en": Frames(
        warmth=(
            "I'm so sorry about this, I understand how frustrating it is.",
            "I'm really sorry you've had to deal with this, I can see why you're upset.",
            "I completely understand how stressful this is, and I'm sorry.",
        ),
        thanks=("Thank you.", "Thanks for that.", "Thank you for explaining."),
        ask_thing="Could you tell me the {0}?",
        ask_question="Could you tell me {0}?",
        ask_and="{0} and the {1}",
        offer="I'll arrange the {0} for you right away and keep you updated.",
        next_step=(
            "I'll look into this for you right away.",
            "Let me check this for you now, and I'll keep you updated.",
        ),
        promise="Don't worry: {0}.",
        curt=("Please wait.", "That's how it works.", "Ok.", "Check the app."),
        question_words=(
            "what",
            "when",
            "where",
            "which",
            "how",
            "who",
            "why",
            "did",
            "do",
            "have",
            "is",
            "since",
        ),
        dangling=(
            "did",
            "do",
            "was",
            "were",
            "is",
            "are",
            "say",
            "show",
            "on",
            "by",
            "with",
            "of",
            "the",
            "a",
            "to",
            "you",
        ),
    ),  # fmt: skip
    "zh": Frames(
        warmth=(
            "非常抱歉让您着急了，我理解您的心情。",
            "真的很抱歉，换作是我也会着急。",
            "辛苦您了，我明白这件事让您很烦心。",
        ),
        thanks=("谢谢您。", "好的，谢谢您。", "收到，谢谢。"),
        ask_thing="方便说一下{0}吗？",
        ask_question="请问{0}？",
        ask_and="{0}和{1}",
        offer="我来为您安排{0}，有进展第一时间通知您。",
        next_step=("我马上帮您跟进处理。", "我这边现在就帮您查，有结果第一时间告诉您。"),
        promise="放心，{0}。",
        curt=("请耐心等待。", "规定就是这样。", "好的。", "您自己看一下。"),
        statement={
            "days": "按照规定，{about}在{value}{unit}内。",
            "hours": "按照规定，{about}在{value}{unit}内。",
            "amount": "按照规定，{about}最多{value}{unit}。",
            "percent": "按照规定，{about}是{value}%。",
        },
        units={"days": "天", "hours": "小时", "USD": "美元", "CNY": "元", "EUR": "欧元"},
        question_words=("什么", "哪", "几", "多少", "怎么", "吗"),
        separator="",
    ),
}
