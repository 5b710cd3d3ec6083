"""What empathy looks like in a reply, as data: phrases per behaviour, per language.

Kept apart from the grader so trainers can extend the lists without touching scoring code, and
so the scripted customer can react to the same behaviours the grader rewards. Phrases follow
`grading.text.find_phrase` rules: case-insensitive, Latin phrases match whole words, Chinese
phrases match anywhere, ' and ’ are interchangeable, ? matches ？.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BASE = 20  # a reply that does nothing wrong and nothing warm: polite but empty
NEGATIVE_POINTS = -30


@dataclass(frozen=True)
class Behaviour:
    kind: str
    points: int
    found: str
    missing_kind: str
    missing: str
    phrases: dict[str, tuple[str, ...]]
    examples: dict[str, str] = field(default_factory=dict)
    # Whether a negation just before the phrase cancels it ("I don't understand" is not
    # acknowledgement). Off for next steps: "don't worry, I'll fix it" must still count.
    negatable: bool = True


@dataclass(frozen=True)
class Negative:
    kind: str
    text: str
    phrases: dict[str, tuple[str, ...]]


ACKNOWLEDGES = Behaviour(
    kind="acknowledges_feeling",
    points=25,
    found="Acknowledges how the customer feels.",
    missing_kind="no_acknowledgement",
    missing="Nothing acknowledges how the customer feels.",
    examples={
        "en": "I understand how frustrating this is.",
        "zh": "理解您的心情，这确实让人着急。",
    },
    phrases={
        "en": (
            "i understand",
            "i completely understand", "i totally understand", "i fully understand",
            "i can understand", "completely understandable", "understandable", "i can imagine",
            "i can only imagine", "i can see why", "i can see how", "i see why", "i hear you",
            "that must be", "this must be", "must be frustrating", "sounds frustrating",
            "sounds stressful", "how frustrating", "frustrating", "annoying", "upsetting",
            "disappointing", "stressful", "worrying", "no wonder", "i know how",
            "i'd feel the same", "i would feel the same", "you have every right",
            "you're right to be",
        ),
        "zh": (
            "理解您的心情", "理解您的感受", "理解您", "理解你", "我理解", "能理解", "可以理解",
            "完全理解", "非常理解", "体谅", "让您着急", "让你着急", "让您担心", "让您失望",
            "让您生气", "让您不开心", "让您烦心", "确实让人", "难怪", "换作是我", "换成是我",
            "别着急", "不要着急", "别担心", "不用担心", "烦心", "着急了",
        ),
    },
)  # fmt: skip

APOLOGY = Behaviour(
    kind="apology",
    points=15,
    found="Apologises for the situation.",
    missing_kind="no_apology",
    missing="No apology for what went wrong.",
    examples={"en": "I'm sorry this has taken so long.", "zh": "很抱歉让您久等了。"},
    phrases={
        "en": (
            "sorry", "apologize", "apologise", "apologies", "my apologies", "i regret",
            "we regret", "pardon the",
        ),
        "zh": (
            "抱歉", "对不起", "不好意思", "致歉", "道歉", "让您久等", "让你久等", "给您添麻烦",
            "带来不便", "带来的不便",
        ),
    },
)  # fmt: skip

EXPLAINS = Behaviour(
    kind="explains",
    points=10,
    found="Explains why, so the customer can follow what happens.",
    missing_kind="no_explanation",
    missing="Nothing explains why this happened or how it works.",
    examples={
        "en": "This happens because the refund starts once the item reaches our warehouse.",
        "zh": "这是因为退款要等仓库收到商品后才会开始处理。",
    },
    negatable=False,
    phrases={
        "en": (
            "because", "this happens when", "this happens because", "the reason", "that's why",
            "that is why", "which is why", "this is why", "due to", "so that", "that means",
            "this means", "which means", "what happens is", "how it works", "the way it works",
            "since the", "since your", "since it",
        ),
        "zh": (
            "因为", "原因是", "由于", "这是因为", "之所以", "所以", "也就是说", "这意味着",
            "流程是",
        ),
    },
)  # fmt: skip

ASKS = Behaviour(
    kind="asks_question",
    points=20,
    found="Asks the customer about their situation.",
    missing_kind="no_question",
    missing="Asks the customer nothing about their situation.",
    examples={"en": "Could you tell me your order number?", "zh": "请问您的订单号是多少？"},
    negatable=False,
    phrases={
        "en": (
            "could you", "can you tell me", "can you confirm", "can you share", "can you send",
            "can you check", "would you", "may i ask", "may i have", "could i have",
            "can i have", "could i ask", "please tell me", "please share", "please confirm",
            "please send", "please provide", "let me know", "do you have", "did you receive",
            "do you remember", "would it help",
        ),
        "zh": (
            "请问", "麻烦您", "麻烦你", "能告诉我", "能否", "可以告诉我", "方便告诉", "方便提供",
            "请提供", "请告诉我", "能不能告诉", "是否", "吗？", "呢？",
        ),
    },
)  # fmt: skip

OWNS_NEXT_STEP = Behaviour(
    kind="owns_next_step",
    points=20,
    found="Owns the next step.",
    missing_kind="no_next_step",
    missing="Nobody owns the next step.",
    examples={"en": "I'll check the refund status for you right away.", "zh": "我来帮您查一下。"},
    negatable=False,
    phrases={
        "en": (
            "i will", "i'll", "let me", "i've", "i am going to", "i'm going to", "i can",
            "i'm checking", "i am checking", "i'm looking into", "i am looking into", "we will",
            "we'll", "i'm on it",
        ),
        "zh": (
            "我来", "我帮您", "我帮你", "我会", "我马上", "我这边", "我已经", "我现在就", "我给您",
            "我为您", "为您", "帮您", "我去",
        ),
    },
)  # fmt: skip

BEHAVIOURS = (ACKNOWLEDGES, APOLOGY, EXPLAINS, ASKS, OWNS_NEXT_STEP)

DISMISSIVE = Negative(
    kind="dismissive",
    text="Dismissive: brushes the customer off instead of helping.",
    phrases={
        "en": (
            "calm down", "relax", "as i already said", "as i said", "as i told you",
            "as i've said", "i already told you", "i've already told you", "i've told you",
            "like i said", "that is not our problem", "that's not our problem",
            "not our problem", "not my problem", "not my job", "not our fault",
            "nothing we can do", "nothing i can do", "nothing more we can do",
            "not much i can do", "deal with it", "it is what it is", "that's just how it is",
            "that's how it is", "policy is policy", "rules are rules", "just wait",
            "you'll have to wait", "you will have to wait", "sorry you feel that way",
            "sorry if you feel", "whatever", "take it or leave it",
        ),
        "zh": (
            "请冷静", "冷静一点", "你冷静", "您冷静", "我已经说过了", "我已经说过", "我说过了",
            "说了多少遍", "不关我们的事", "不关我的事", "跟我们没关系", "与我们无关",
            "不是我们的问题", "没办法", "没有办法", "规定就是规定", "就这样吧", "爱莫能助",
            "都写了", "等着吧",
        ),
    },
)  # fmt: skip

BLAME = Negative(
    kind="blame",
    text="Blames the customer.",
    phrases={
        "en": (
            "you should have", "you should've", "your fault", "your own fault",
            "you didn't read", "you did not read", "you didn't check", "if you had read",
            "if you'd read", "you were supposed to", "you failed to", "did you even",
            "you need to read", "you should read", "read the policy", "read the terms",
            "it's on you", "that's on you",
        ),
        "zh": (
            "你自己", "是您自己", "您自己看", "您自己去", "您自己没", "你应该早", "您应该早",
            "怪你", "怪您", "你的错", "您的错", "你没看", "您没看", "谁让你", "谁让您",
        ),
    },
)  # fmt: skip

NEGATIVES = (DISMISSIVE, BLAME)

# Signs in the customer's message that they are upset; only used to word the feedback.
UPSET_MARKERS = (
    "ridiculous", "unbelievable", "angry", "furious", "terrible", "worst", "unacceptable",
    "frustrated", "fed up", "disappointed", "where is my", "!!", "??", "生气", "气死",
    "太过分", "怎么回事", "到底", "着急", "失望", "投诉", "！！", "？？",
)  # fmt: skip


def all_phrases(phrases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every language's phrases at once: replies mix languages, and scripts do not collide."""
    return tuple(p for group in phrases.values() for p in group)
