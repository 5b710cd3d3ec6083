"""What empathy looks like in a reply, as data: cue phrases per language, and what they earn.

Empathy is graded as the three mechanisms of EPITOME (Sharma et al., 2020), each at level 0-2,
plus two customer-service behaviours (explaining, owning the next step); dismissive or blaming
language costs points. Kept apart from the grader so trainers can extend the lists without
touching scoring code. Phrases follow `grading.text.find_phrase` rules: case-insensitive, Latin
phrases match whole words, Chinese phrases match anywhere, ' and ’ are interchangeable, ?
matches ？. All cue lists are matched in one scan where the longest phrase starting first wins,
so "let me know" (a question) hides "let me" (owning the next step), and "that sounds awful"
(warmth) hides "that sounds" (understanding). A phrase belongs to one cue list only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BASE = 20  # a reply that does nothing wrong and nothing warm: polite but empty
NEGATIVE_POINTS = -30


@dataclass(frozen=True)
class Mechanism:
    """One EPITOME mechanism: its level (0-2) is measured, and each level earns points once."""

    name: str  # the key in Score.levels
    kind: str
    points: tuple[int, int, int]  # per level 0, 1, 2
    weak: str
    strong: str
    missing_kind: str
    missing: str
    examples: dict[str, str]  # a strong phrasing, offered when the level is 0 or 1


@dataclass(frozen=True)
class Behaviour:
    kind: str
    points: int
    found: str
    missing_kind: str
    missing: str
    phrases: dict[str, tuple[str, ...]]
    examples: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Negative:
    kind: str
    text: str
    phrases: dict[str, tuple[str, ...]]


EMOTIONAL_REACTION = Mechanism(
    name="emotional_reaction",
    kind="warmth",  # "apology" when the evidence is an apology
    points=(0, 10, 20),
    weak="Shows some warmth, but only in general terms (a bare “sorry”, “hope it gets better”).",
    strong="Expresses warmth or regret for what the customer is going through.",
    missing_kind="no_apology",
    missing="Nothing apologises or expresses warmth for what the customer is going through.",
    examples={
        "en": "I'm so sorry you've had to deal with this.",
        "zh": "真的很抱歉让您遇到这样的事。",
    },
)
INTERPRETATION = Mechanism(
    name="interpretation",
    kind="acknowledges_feeling",
    points=(0, 15, 25),
    weak="Says it understands, without naming what the customer feels or has been through.",
    strong="Shows it understands how the customer feels or what they have been through.",
    missing_kind="no_acknowledgement",
    missing="Nothing acknowledges how the customer feels.",
    examples={
        "en": "I understand how frustrating this is.",
        "zh": "理解您的心情，这确实让人着急。",
    },
)
EXPLORATION = Mechanism(
    name="exploration",
    kind="asks_question",
    points=(0, 10, 20),
    weak="Asks only a generic question; ask about their situation itself.",
    strong="Asks the customer about their situation.",
    missing_kind="no_question",
    missing="Asks the customer nothing about their situation.",
    examples={"en": "Could you tell me when the parcel arrived?", "zh": "请问包裹是哪天收到的？"},
)
MECHANISMS = (EMOTIONAL_REACTION, INTERPRETATION, EXPLORATION)

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

OWNS_NEXT_STEP = Behaviour(
    kind="owns_next_step",
    points=20,
    found="Owns the next step.",
    missing_kind="no_next_step",
    missing="Nobody owns the next step.",
    examples={"en": "I'll check the refund status for you right away.", "zh": "我来帮您查一下。"},
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

BEHAVIOURS = (EXPLAINS, OWNS_NEXT_STEP)


def _combine(openers: tuple[str, ...], middles: tuple[str, ...], ends: tuple[str, ...]):
    return tuple(f"{o} {m} {e}".replace("  ", " ") for o in openers for m in middles for e in ends)


# Words for what the responder feels on hearing it ("that sounds awful"): an emotional reaction.
# "How hard" and "how tough" are left out: they open questions as often as exclamations.
_REACTION_WORDS = (
    "awful", "terrible", "horrible", "painful", "sad", "heartbreaking", "devastating", "scary",
    "dreadful", "horrendous",
)  # fmt: skip
_HARDSHIP_WORDS = ("hard", "tough", "rough", "brutal")
_INTENSIFIERS = ("", "so", "really", "very", "incredibly", "truly", "absolutely", "pretty")

# Cue lists, each a tag the grader reads. Emotional reaction: warmth and apologies.
WARMTH_STRONG = {
    "en": (
        "my heart goes out", "my heart breaks", "breaks my heart", "broke my heart",
        "heart goes out to you", "i feel for you", "i feel so bad for you", "i feel bad for you",
        "i feel so sad for you", "i feel sad for you", "i feel so sorry for you",
        "i feel sorry for you", "sad to hear", "so sad to hear", "i'm here for you",
        "i am here for you", "here for you", "i'll be here for you", "always here for you",
        "sending hugs", "sending you hugs", "sending love", "sending you love",
        "sending you strength", "hugs", "big hug", "a big hug", "virtual hug",
        "wish i could hug you", "wish i could give you a hug", "i care about you",
        "we care about you", "i'm worried about you", "i am worried about you",
        "i'm concerned about you", "i am concerned about you", "proud of you", "so proud",
        "i'm glad you", "i am glad you", "glad you reached out", "glad you told",
        "glad you're", "happy for you", "so happy for you", "i wish i could help",
        "i wish this hadn't happened", "i hate that you", "i hate that this",
        *_combine(("that sounds", "this sounds", "sounds", "that's", "that is"), _INTENSIFIERS,
                  _REACTION_WORDS + _HARDSHIP_WORDS),
        *_combine(("how",), _INTENSIFIERS[:1], _REACTION_WORDS),
    ),
    "zh": (
        "心疼", "辛苦了", "辛苦您了", "辛苦你了", "太辛苦了", "难为您了", "难为你了", "我很难过",
        "替您难过", "替你难过", "为您难过", "为你难过", "替您着急", "替你着急", "抱抱",
        "我在这里陪", "我会一直陪", "我一直都在", "我在呢", "太糟糕了", "真糟糕", "真的太难了",
        "太难了", "真替您高兴", "为您高兴", "为你高兴", "为你骄傲", "我很担心您", "我很担心你",
        "很遗憾", "非常遗憾", "真遗憾", "太让人难过了",
    ),
}  # fmt: skip
WARMTH_WEAK = {
    "en": (
        "hope you feel better", "hope you're okay", "hope you are okay", "hope you're ok",
        "hope you get better", "hope it gets better", "hope things get better",
        "hope things improve", "hope it works out", "hope everything works out",
        "hope things work out", "hope you", "hoping you", "hope things", "i wish you",
        "wish you the best", "wishing you", "good luck", "best of luck", "all the best",
        "take care", "stay strong", "be strong", "hang in there", "keep going",
        "keep your head up", "chin up", "don't give up", "do not give up", "never give up",
        "you can do it", "you can do this", "you got this", "you've got this",
        "it will get better", "it'll get better", "it gets better", "things will get better",
        "things will improve", "it will be okay", "it'll be okay", "it will be ok",
        "it'll be ok", "it'll be alright", "it will be alright", "it will be fine",
        "it'll be fine", "everything will be", "everything's going to be",
        "everything is going to be", "you'll be okay", "you will be okay", "you'll be ok",
        "you'll be fine", "you'll get through", "you will get through", "you're not alone",
        "you are not alone", "you aren't alone", "not alone in this", "don't worry",
        "do not worry", "no need to worry", "try not to worry", "you matter",
        "you deserve better", "you deserve", "you're worth", "you are worth",
        "you're not a burden", "you are not a burden", "you're not a bother",
        "you're doing great", "you're doing your best", "you are doing your best",
        "be kind to yourself", "be gentle with yourself", "that sucks", "it sucks",
        "that stinks", "here if you need", "i'm here if", "i am here if", "message me",
        "pm me", "dm me", "talk to me", "<3", "❤", "♥", "i hope", "hopefully",
        "fingers crossed", "keep fighting", "keep pushing", "give it time",
        "one day at a time", "i'm listening", "i am listening", "happy to listen",
        "willing to listen", "god bless", "bless you", "stronger than you think",
        "you're only human", "give yourself credit", "go easy on yourself", "you are loved",
        "you're loved", "you are enough", "you're enough", "there is hope", "there's hope",
        "better days", "rooting for you", "i believe in you", "thinking of you",
        "thoughts are with you", "praying for you", "stay safe", "get well soon",
        "feel better soon",
    ),
    "zh": (
        "别担心", "不用担心", "不要担心", "别着急", "不要着急", "别急", "请放心", "放心吧",
        "您放心", "你放心", "加油", "会好起来的", "会好的", "一切都会好", "早日康复", "保重",
        "照顾好自己", "你不是一个人", "您不是一个人", "有我在", "随时找我", "希望您", "希望你",
        "祝您早日", "祝你早日", "愿您", "愿你", "相信您", "相信你", "你可以的", "您可以的",
        "慢慢来", "不要放弃", "别放弃", "挺住",
    ),
}  # fmt: skip
# An apology is strong only when it says what it is for ("I'm sorry it has taken three weeks");
# a bare or intensified one ("I'm so sorry.", "非常抱歉。") is weak, and repeating it buys
# nothing. The grader reads what follows the phrase; these already name what it is for.
APOLOGY_SPECIFIC = {
    "en": (
        "sorry to hear", "so sorry to hear", "sorry for your loss", "sorry you", "sorry that you",
        "sorry about your", "sorry for your", "sorry for what you", "sorry for everything you",
        "i regret that you",
    ),
    "zh": (
        "很遗憾听到", "听到这个消息很难过", "让您久等", "让你久等", "给您添麻烦", "给你添麻烦",
        "让您受累", "让您白跑",
    ),
}  # fmt: skip
APOLOGY = {
    "en": (
        "i'm sorry", "i am sorry", "i'm so sorry", "i am so sorry", "i'm really sorry",
        "i am really sorry", "i'm very sorry", "i'm truly sorry", "i'm deeply sorry",
        "i'm terribly sorry", "i'm so very sorry", "i'm sincerely sorry", "we're sorry",
        "we are sorry", "we're so sorry", "we are so sorry", "we're really sorry",
        "we're very sorry", "so sorry", "really sorry", "very sorry", "truly sorry",
        "deeply sorry", "terribly sorry", "so so sorry", "sincerely sorry", "i apologize",
        "i apologise", "i sincerely apologize", "i sincerely apologise", "i truly apologize",
        "i do apologize", "i do apologise", "sincere apologies", "my sincere apologies",
        "deepest apologies", "my deepest apologies", "sorry", "apologies", "my apologies",
        "apologize", "apologise", "we apologize", "we apologise", "i regret", "we regret",
        "pardon the", "excuse the",
    ),
    "zh": (
        "非常抱歉", "很抱歉", "真的很抱歉", "真的非常抱歉", "真抱歉", "真是抱歉", "十分抱歉",
        "实在抱歉", "特别抱歉", "万分抱歉", "深感抱歉", "太抱歉了", "实在不好意思",
        "真不好意思", "真的不好意思", "非常不好意思", "很不好意思", "非常对不起", "真的对不起",
        "实在对不起", "很对不起", "真对不起", "深表歉意", "深感歉意", "抱歉", "对不起",
        "不好意思", "致歉", "道歉", "歉意", "带来不便", "带来的不便",
    ),
}  # fmt: skip

# Interpretation. UNDERSTAND: a claim of understanding, weak alone, strong when the sentence
# names the feeling. IF_FEELING: an inference that counts only when it names a feeling ("it
# must be" alone may be about a parcel). INFERRED: attributes a state to the person. RELATE: a
# similar experience of one's own. RESTATE: says back what the customer went through.
UNDERSTAND = {
    "en": (
        "i understand", "i completely understand", "i totally understand",
        "i fully understand", "i really understand", "i can understand", "i get it",
        "i get that", "i hear you", "i know how you feel", "i know what you mean",
        "i know exactly how", "i can imagine", "i imagine", "understandable",
        "completely understandable", "totally understandable", "that makes sense",
        "makes total sense", "makes complete sense", "i see where you're coming from",
        "i see what you mean", "i hear what you're saying", "i can tell", "i can sense",
    ),
    "zh": (
        "理解您的心情", "理解您的感受", "理解你的心情", "理解你的感受", "理解您", "理解你",
        "我理解", "能理解", "可以理解", "完全理解", "非常理解", "我明白", "明白您的意思",
        "明白你的意思", "明白您", "我懂", "懂你", "我能体会", "能体会", "体谅", "能感受到",
        "感受得到",
    ),
}  # fmt: skip
IF_FEELING = {
    "en": (
        "i know it's", "i know it is", "i know this is", "i know that's", "i know this has",
        "i know how", "i realize", "i realise", "it must", "that must", "this must", "must be",
        "must have been", "must feel", "you must be", "you must feel", "that sounds",
        "this sounds", "it sounds", "i appreciate how", "i can tell you're",
    ),
    "zh": (
        "一定很", "肯定很", "想必", "听起来", "看起来您", "看起来你", "看得出", "您一定", "你一定",
        "您肯定", "你肯定", "确实很", "真的很",
    ),
}  # fmt: skip
INFERRED = {
    "en": (
        "it sounds like",
        "sounds like you",
        "it seems like you",
        "seems like you",
        "it seems you",
        "you seem",
        "you sound",
        "you feel",
        "you felt",
        "you're feeling",
        "you are feeling",
        "you must have",
    ),
    "zh": ("您觉得", "你觉得", "您感觉", "你感觉"),
}
INTERPRETATION_STRONG = {
    "en": (
        "i can see why", "i can see how", "i see why", "i can totally see why", "no wonder",
        "it's no wonder", "i'd feel the same", "i would feel the same", "i'd be upset too",
        "i would be upset too", "i'd be frustrated too", "i would be frustrated too",
        "i'd be annoyed too", "anyone would", "anybody would", "in your shoes",
        "in your position", "in your situation", "you have every right", "you've every right",
        "you're right to be", "you are right to be", "of course you're", "of course you are",
        "of course you feel", "it's normal to feel", "it is normal to feel", "it's okay to feel",
        "it's ok to feel", "it is okay to feel", "it's natural to feel",
        "it's understandable that you", "it's understandable you", "it makes sense that you",
        "it makes sense you", "makes sense that you", "makes sense you'd", "i can't imagine",
        "i cannot imagine", "i can't even imagine", "i can only imagine", "can only imagine",
        "your feelings are valid", "feelings are valid", "your frustration",
        "your disappointment", "your anger", "your worry", "your worries", "your pain",
    ),
    "zh": (
        "难怪", "怪不得", "难怪您", "难怪你", "怪不得您", "怪不得你", "换作是我", "换成是我",
        "换了是我", "换做是我", "如果是我", "换了谁都", "换谁都", "谁遇到", "任何人都会",
        "确实让人", "真的让人", "的确让人", "实在让人", "让您着急", "让你着急", "让您担心",
        "让你担心", "让您失望", "让你失望", "让您生气", "让你生气", "让您不开心", "让您烦心",
        "让您难过", "让你难过", "让您受委屈", "让您为难",
    ),
}  # fmt: skip
RELATE = {
    "en": (
        "me too", "same here", "same with me", "i feel the same", "i felt the same",
        "i can relate", "i relate", "i totally relate", "relate to this", "relate to that",
        "been there", "i've been there", "i have been there", "i know the feeling",
        "i know that feeling", "i know how it feels", "i know what it feels like",
        "i know what it's like", "i know what that's like", "i get you", "i feel you",
        "same boat", "i'm the same", "i am the same", "i was the same", "i do too",
        "i did too", "i do the same", "i did the same", "i have the same", "i had the same",
        "i've had the same", "happened to me", "it happens to me", "i've been through",
        "i have been through", "i went through", "i've gone through", "i have gone through",
        "similar situation", "similar experience", "similar thing",
    ),
    "zh": (
        "我也是", "我也一样", "我也有过", "我也经历过", "我也遇到过", "我也曾", "我也这样",
        "我也有同样", "我也有类似", "我经历过", "感同身受", "过来人", "同病相怜", "我当时也",
        "我以前也", "我之前也",
    ),
}  # fmt: skip
RESTATE = {
    "en": (
        "you've been", "you have been", "you've had", "you have had", "you had", "you were",
        "you've waited", "you have waited", "you waited", "you've tried", "you have tried",
        "you tried", "you mentioned", "you said", "you told", "you've lost", "you have lost",
        "you lost", "you received", "you got", "you're going through",
        "you are going through", "you're dealing with", "you are dealing with",
        "you're struggling", "you are struggling", "you've gone through", "you went through",
        "you've dealt with", "you're having", "you are having", "so you're", "so your",
        "you still haven't", "you haven't", "you never",
    ),
    "zh": (
        "您是说", "你是说", "您的意思是", "你的意思是", "您提到", "你提到", "您说的", "你说的",
        "您刚才说", "您遇到", "你遇到", "您经历", "你经历", "您已经等了", "您等了", "你等了",
        "您一直", "你一直", "您收到的", "你收到的", "您现在", "你现在",
    ),
}  # fmt: skip
# Words that judge the situation as the customer lives it ("how frustrating"): weak alone.
EVALUATIVE = {
    "en": (
        "frustrating", "annoying", "upsetting", "disappointing", "stressful", "worrying",
        "infuriating", "exasperating", "maddening", "exhausting", "inconvenient", "not fair",
        "unfair",
    ),
    "zh": ("烦心", "闹心", "糟心", "着急了", "不容易"),
}  # fmt: skip

# Exploration. REQUEST: asks for something about their situation, with or without "?".
# GENERIC: a question that could follow any message. FILLER: polite routine that asks nothing
# and earns nothing (it also hides the cues inside it, like "help" in "how can I help").
REQUEST = {
    "en": (
        "could you", "can you tell me", "can you confirm", "can you share", "can you send",
        "can you check", "can you describe", "can you explain", "would you", "would you mind",
        "may i ask", "may i have", "could i have", "can i have", "could i ask", "can i ask",
        "please tell me", "please share", "please confirm", "please send", "please provide",
        "please describe", "please let me know", "let me know", "do you have",
        "did you receive", "do you remember", "would it help", "tell me about", "tell me what",
        "tell me how", "tell me when", "i'd like to know", "i would like to know",
        "i was wondering",
    ),
    "zh": (
        "请问", "麻烦您", "麻烦你", "能告诉我", "能否告诉", "可以告诉我", "方便告诉", "方便提供",
        "方便说", "请提供", "请告诉我", "请描述", "请说明", "能不能告诉", "能说说", "可以说说",
        "想了解一下", "我想了解", "我想知道", "想请您", "请您提供", "请您告诉", "能否提供",
        "能否说明", "能否",
    ),
}  # fmt: skip
GENERIC_QUESTIONS = {
    "en": (
        "what happened", "what's wrong", "what is wrong", "what's up", "whats up",
        "what's going on", "what is going on", "tell me more", "tell us more",
        "want to talk", "wanna talk", "want to talk about it", "do you want to talk",
        "would you like to talk", "care to elaborate", "can you elaborate",
        "could you elaborate", "how are you", "how are you feeling", "how are you doing",
        "how do you feel", "are you ok", "are you okay", "are you alright", "how so",
        "what do you mean", "what's on your mind", "what's bothering you",
        "can you tell me more", "could you tell me more", "what's the matter",
    ),
    "zh": (
        "怎么了", "怎么啦", "怎么回事", "发生了什么", "发生什么", "出什么事", "出了什么事",
        "还好吗", "能说说吗", "可以说说吗", "说说看", "想聊聊吗", "要不要聊聊", "愿意聊聊吗",
        "具体说说", "详细说说", "能具体说说", "能详细说说", "有什么事",
    ),
}  # fmt: skip
FILLER = {
    "en": (
        "is there anything else", "is there anything else i can",
        "is there anything else i can help", "is there anything else i can do",
        "is there anything else we can", "anything else i can", "anything else i can help",
        "anything else i can do", "anything else we can",
        "can i help you with anything", "can i help with anything", "how can i help",
        "how may i help", "how can i assist", "how may i assist", "what can i do for you",
        "how can we help", "does that help", "does that make sense", "is that ok",
        "is that okay", "is that alright", "sound good", "sounds good",
        "let me know if you need", "let me know if you have", "let me know if there",
        "let me know if anything", "feel free to", "happy to help", "glad to help",
        "glad i could help", "happy to assist", "hope this helps", "hope that helps",
        "hope you have a", "hope you're having", "have a nice day", "have a great day",
        "have a good day", "thank you for your patience", "thanks for your patience",
        "thank you for contacting", "thanks for contacting", "thank you for reaching out",
        "thanks for reaching out", "thank you for your understanding",
        "thanks for your understanding", "valued customer", "we value", "you know?", "ok?",
        "okay?", "right?", "yeah?", "yes?", "no?", "huh?", "eh?", "isn't it?",
        "don't you think?", "ya know?",
    ),
    "zh": (
        "还有什么可以帮您", "还有什么可以帮你", "还有其他问题吗", "还有别的问题吗",
        "还有什么问题吗", "还有什么需要", "还有其他需要", "有什么可以帮您", "有什么可以帮你",
        "我能帮您什么", "很高兴为您服务", "祝您生活愉快", "祝您愉快", "祝您一切顺利",
        "感谢您的耐心", "感谢您的理解", "感谢您的支持", "感谢您的来电", "欢迎再次", "这样可以吗",
        "您看可以吗", "好吗？", "可以吗？",
    ),
}  # fmt: skip

# Advice dressed as a question ("Maybe you could try running?") explores nothing.
SUGGESTIONS = {
    "en": (
        "maybe you", "perhaps you", "maybe try", "why not", "how about", "you could try",
        "you should try", "you might want to", "you might try", "maybe it's", "maybe it is",
    ),
    "zh": ("要不试试", "不如试试", "试试看", "何不"),
}  # fmt: skip

# Scanned separately, because they overlap the cues above: feelings and the openings of a
# first-person account. A feeling named next to an understanding cue makes it strong; an
# account of one's own counts as a similar experience only with a feeling, a "too"/"also", or
# the customer's own words in it.
FEELINGS = {
    "en": (
        "frustrating", "frustrated", "frustration", "upset", "upsetting", "annoying", "annoyed",
        "angry", "anger", "mad", "furious", "stress", "stressed", "stressful", "worry", "worried",
        "worrying", "anxious", "anxiety", "scared", "afraid", "fear", "terrified", "terrifying",
        "panic", "sad", "sadness", "depressed", "depression", "depressing", "lonely",
        "loneliness", "alone", "isolated", "hurt", "hurts", "hurting", "pain", "painful", "hard",
        "difficult", "tough", "rough", "exhausted", "exhausting", "tired", "overwhelmed",
        "overwhelming", "hopeless", "helpless", "worthless", "disappointed", "disappointing",
        "disappointment", "confused", "confusing", "embarrassed", "embarrassing", "ashamed",
        "shame", "guilt", "guilty", "heartbroken", "heartbreaking", "grief", "grieving",
        "crying", "cried", "suicidal", "numb", "unfair", "awful", "terrible",
        "horrible", "miserable", "struggle", "struggling", "struggled", "inconvenient",
        "let down", "ignored", "unwanted", "unloved", "insecure", "nervous", "desperate",
        "betrayed", "rejected", "trapped", "burnt out", "burned out", "fed up",
        "infuriating", "exasperating", "maddening", "stressing", "scary", "devastated",
        "devastating", "upsets", "sucks",
    ),
    "zh": (
        "着急", "生气", "气愤", "愤怒", "失望", "难过", "伤心", "烦心", "心烦", "烦躁", "很烦",
        "好烦", "担心", "焦虑", "委屈", "不容易", "辛苦", "无奈", "郁闷", "害怕", "不开心", "难受",
        "崩溃", "心急", "恼火", "不爽", "闹心", "沮丧", "孤独", "痛苦", "不安", "困扰", "头疼",
        "糟心", "窝火", "憋屈", "抑郁", "绝望", "累", "折腾",
    ),
}  # fmt: skip
OWN_EXPERIENCE = {
    "en": (
        "i was", "i've been", "i have been", "i had", "i've had", "i have had", "i used to",
        "i felt", "i've felt", "i have felt", "i struggled", "i've struggled",
        "i have struggled", "i struggle", "i suffer", "i suffered", "i've suffered",
        "i dealt with", "i've dealt with", "i deal with", "i lost", "i've lost", "when i was",
        "i remember", "i'm going through", "i am going through", "i also", "i too", "my own",
        "i feel", "i'm", "i am", "i get", "i often", "my",
    ),
    "zh": (
        "我以前", "我曾经", "我之前", "我当时", "我那时", "我小时候", "我有过", "我自己", "我的",
        "我也", "我现在", "我经常", "我一直",
    ),
}  # fmt: skip

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

# Words that carry no content of their own: a question made only of these is generic, and
# they never count as the customer's words said back to them.
FUNCTION_WORDS = frozenset(
    (
        "a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with",
        "about", "from", "by", "up", "out", "into", "over", "is", "are", "was", "were", "be",
        "been", "being", "am", "do", "does", "did", "doing", "done", "have", "has", "had",
        "having", "can", "could", "would", "will", "shall", "should", "may", "might", "must",
        "you", "your", "yours", "yourself", "u", "ur", "i", "me", "my", "mine", "myself", "we",
        "us", "our", "they", "them", "their", "he", "she", "his", "her", "it", "its", "this",
        "that", "these", "those", "there", "here", "what", "when", "where", "why", "how", "who",
        "whom", "which", "whats", "anything", "something", "everything", "nothing", "else",
        "any", "some", "just", "really", "very", "too", "also", "ok", "okay", "right", "yes",
        "yeah", "no", "not", "please", "tell", "know", "let", "more", "bit", "lol", "haha",
        "hey", "hi", "hello", "thanks", "thank", "sure", "well", "like", "get", "got", "think",
        "mean", "going", "happened", "happen", "happening", "feel", "feeling", "now", "then",
        "still", "even", "again", "way", "thing", "things", "one", "want", "wanna", "talk",
        "much", "many", "lot", "little", "kind", "sort", "maybe", "perhaps", "if", "than",
        "because", "since", "while", "all", "both", "each", "other", "such", "only", "own",
        "same", "every", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "couldn",
        "wouldn", "shouldn", "haven", "hasn", "ain",
    )
)  # fmt: skip
FUNCTION_CHARS = frozenset(
    "的了吗呢吧啊呀么嘛哦哈是有在这那个些您你我他她它们请问就都也还又很太真再能会可以要想给让把被"
    "和与或及对从下一啦呐着过得地之其什怎样好"
)

CUE_LISTS: dict[str, dict[str, tuple[str, ...]]] = {
    "warmth_strong": WARMTH_STRONG,
    "warmth_weak": WARMTH_WEAK,
    "apology_specific": APOLOGY_SPECIFIC,
    "apology": APOLOGY,
    "understand": UNDERSTAND,
    "if_feeling": IF_FEELING,
    "inferred": INFERRED,
    "interpretation_strong": INTERPRETATION_STRONG,
    "relate": RELATE,
    "restate": RESTATE,
    "evaluative": EVALUATIVE,
    "request": REQUEST,
    "generic_question": GENERIC_QUESTIONS,
    "filler": FILLER,
    "suggestion": SUGGESTIONS,
    "explains": EXPLAINS.phrases,
    "owns_next_step": OWNS_NEXT_STEP.phrases,
}


def all_phrases(phrases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every language's phrases at once: replies mix languages, and scripts do not collide."""
    return tuple(p for group in phrases.values() for p in group)


def cue_tags() -> dict[str, str]:
    """Each cue phrase (lower case) and the list it belongs to; the first list wins a clash."""
    tags: dict[str, str] = {}
    for tag, phrases in CUE_LISTS.items():
        for phrase in all_phrases(phrases):
            tags.setdefault(phrase.lower(), tag)
    return tags
