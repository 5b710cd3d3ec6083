"""Service acts: what each sentence of an agent's message does for the customer, in en, zh, es
(and Spanish-English), id and ar; their quotes in the original text; the service lexicons as
content (a broken file names its file and line) and a trainer's extra words. Cases written for
this test."""

from __future__ import annotations

import shutil

import pytest

from grading.reading import read
from grading.reading import service_lexicon as sl
from grading.reading.model import ServiceAct
from grading.reading.reading import forget

ZWSP = "\u200b"
SOFT_HYPHEN = "\u00ad"


def acts(text: str, kind: str) -> list[ServiceAct]:
    return [a for a in read(text).service_acts if a.kind == kind]


def quote(text: str, act: ServiceAct) -> str:
    return text[act.start : act.end]


# (language, kind, text, a word the act's quote holds)
POSITIVES = [
    # acknowledge_feeling
    ("en", "acknowledge_feeling", "I can see how frustrating this is.", "frustrating"),
    ("en", "acknowledge_feeling", "That must be really stressful for you.", "stressful"),
    ("zh", "acknowledge_feeling", "亲，我理解您着急的心情。", "着急"),
    ("es", "acknowledge_feeling", "Entiendo tu frustración con el envío.", "frustración"),
    ("es-en", "acknowledge_feeling", "Entiendo que esto es super frustrating.", "frustrating"),
    ("id", "acknowledge_feeling", "Saya paham Kakak kecewa dengan pesanannya.", "kecewa"),
    ("ar", "acknowledge_feeling", "أتفهم انزعاجك من هذا الموضوع.", "انزعاجك"),
    ("ar", "acknowledge_feeling", "حاسس بيك، أكيد الموضوع مزعج.", "مزعج"),
    # acknowledge_situation
    ("en", "acknowledge_situation", "Your parcel has been stuck for a week.", "stuck"),
    ("en", "acknowledge_situation", "I can see that you were charged twice.", "I can see that"),
    ("zh", "acknowledge_situation", "我看到您的包裹一直卡在转运中心。", "我看到"),
    ("es", "acknowledge_situation", "Su paquete lleva una semana atascado en aduanas.", "atascado"),
    ("id", "acknowledge_situation", "Paket Kakak masih tertahan di gudang.", "tertahan"),
    ("ar", "acknowledge_situation", "طلبك متأخر من أسبوع.", "متأخر"),
    # apologise
    ("en", "apologise", "I'm so sorry for the delay.", "sorry"),
    ("en", "apologise", "We apologised to the customer yesterday.", "apologised"),
    ("zh", "apologise", "非常抱歉让您久等了。", "抱歉"),
    ("es", "apologise", "Perdón por la demora.", "Perdón"),
    ("es", "apologise", "Disculpe las molestias.", "Disculpe"),
    ("es-en", "apologise", "Sorry por la demora, ya te hice el refund.", "Sorry"),
    ("id", "apologise", "Mohon maaf atas keterlambatannya ya Kak.", "maaf"),
    ("ar", "apologise", "نعتذر عن التأخير.", "نعتذر"),
    ("ar", "apologise", "أنا آسف جدا على الإزعاج.", "آسف"),
    # validate
    ("en", "validate", "You're right to ask about that.", "right"),
    ("en", "validate", "That's a fair question.", "fair question"),
    ("zh", "validate", "您说得对，这确实是我们的疏忽。", "您说得对"),
    ("es", "validate", "Tiene toda la razón.", "razón"),
    ("id", "validate", "Wajar kalau Kakak kesal.", "Wajar"),
    ("ar", "validate", "معك حق، هذا ما كان لازم يصير.", "معك حق"),
    # ask_situation
    ("en", "ask_situation", "Has the returned item arrived back at our warehouse yet?", "arrived"),
    ("en", "ask_situation", "Could you tell me when you placed the order?", "placed"),
    ("zh", "ask_situation", "请问您的包裹是什么时候签收的？", "签收"),
    ("es", "ask_situation", "¿Me puede dar su número de pedido?", "número"),
    ("es-en", "ask_situation", "¿Ya te llegó el tracking number?", "tracking"),
    ("id", "ask_situation", "Boleh tahu nomor pesanannya Kak?", "nomor"),
    ("ar", "ask_situation", "ممكن تعطيني رقم الطلب؟", "رقم"),
    ("en", "ask_situation", "Tell me more about what happened with the delivery.", "Tell me more"),
    # explain
    ("en", "explain", "Refunds go to the card because the bank routes them back.", "because"),
    ("en", "explain", "Since the item was opened, it goes through a quality check.", "Since"),
    ("zh", "explain", "因为仓库在盘点，所以发货慢了一点。", "因为"),
    ("es", "explain", "El dinero vuelve a su tarjeta porque el banco lo devuelve ahí.", "porque"),
    ("id", "explain", "Pengiriman lambat karena ada libur nasional.", "karena"),
    ("ar", "explain", "الشحنة متأخرة لأن الجمارك تفحصها.", "لأن"),
    # own_next_step
    ("en", "own_next_step", "I'll send a replacement today.", "replacement"),
    ("en", "own_next_step", "I've refunded your order.", "refunded"),
    ("zh", "own_next_step", "我们会在3天内给您退款。", "退"),
    ("zh", "own_next_step", "我帮您查一下物流。", "查一下"),
    ("es", "own_next_step", "Voy a revisar su pedido ahora mismo.", "revisar"),
    ("es-en", "own_next_step", "Ya te hice el refund.", "refund"),
    ("id", "own_next_step", "Dananya sudah kami kembalikan ya Kak.", "kembalikan"),
    ("id", "own_next_step", "Baik Kak, akan saya cek dulu ya.", "cek"),
    ("ar", "own_next_step", "سنقوم بإرجاع المبلغ خلال ٣ أيام.", "إرجاع"),
    ("ar", "own_next_step", "أبشر، راح أتابع طلبك حالا.", "أبشر"),
    # dismiss
    ("en", "dismiss", "That's not my problem.", "not my problem"),
    ("en", "dismiss", "Calm down, please.", "Calm down"),
    ("en", "dismiss", "There's nothing I can do about it.", "nothing I can do"),
    ("zh", "dismiss", "这个真的没办法。", "没办法"),
    ("es", "dismiss", "No es mi problema, señor.", "No es mi problema"),
    ("es-en", "dismiss", "Calm down, ya le dije que está en camino.", "Calm down"),
    ("id", "dismiss", "Mau gimana lagi Kak, prosedurnya memang begitu.", "Mau gimana lagi"),
    ("id", "dismiss", "Ya sudah Kak.", "Ya sudah"),
    ("ar", "dismiss", "مش مشكلتي.", "مش مشكلتي"),
    ("ar", "dismiss", "اهدأ شوي.", "اهدأ"),
    # blame
    ("en", "blame", "You should have read the terms.", "should have read"),
    ("en", "blame", "That's your own fault.", "your own fault"),
    ("zh", "blame", "是您自己没看清楚。", "是您自己"),
    ("es", "blame", "Debiste haber leído los términos.", "Debiste"),
    ("es-en", "blame", "Es tu culpa, you didn't read the email.", "culpa"),
    ("id", "blame", "Itu salah Kakak sendiri.", "salah Kakak sendiri"),
    ("ar", "blame", "كان عليك قراءة الشروط.", "كان عليك"),
    # sarcasm
    ("en", "sarcasm", "Obviously the parcel is on its way.", "Obviously"),
    ("en", "sarcasm", "As I already said, it ships on Monday.", "As I already said"),
    ("en", "sarcasm", "Oh great, another complaint.", "Oh great"),
    ("zh", "sarcasm", "我都说了，明天发货。", "我都说了"),
    ("es", "sarcasm", "Como ya le dije, llega el lunes.", "Como ya le dije"),
    ("id", "sarcasm", "Kan sudah saya bilang, besok dikirim.", "Kan sudah saya bilang"),
    ("ar", "sarcasm", "زي ما قلتلك، الطلب بيوصل بكرة.", "زي ما قلتلك"),
    # empathy_but
    ("en", "empathy_but", "I understand, but the policy is 30 days.", "I understand, but"),
    ("en", "empathy_but", "I'm sorry for the trouble. However, the item was used.", "However"),
    ("zh", "empathy_but", "我理解，但是超过了退货时间。", "我理解，但是"),
    ("es", "empathy_but", "Entiendo, pero no aplica la garantía.", "Entiendo, pero"),
    ("es-en", "empathy_but", "I understand, pero no puedo cambiar la política.", "pero"),
    ("id", "empathy_but", "Saya paham, tapi pesanan sudah dikirim.", "Saya paham, tapi"),
    ("ar", "empathy_but", "أفهم، لكن الطلب تم شحنه.", "لكن"),
    # boilerplate
    ("en", "boilerplate", "We value you as a customer.", "value you as a customer"),
    ("en", "boilerplate", "Thank you for your patience.", "patience"),
    ("zh", "boilerplate", "您的满意是我们的追求。", "您的满意是我们的追求"),
    ("es", "boilerplate", "Su satisfacción es nuestra prioridad.", "satisfacción"),
    ("id", "boilerplate", "Kepuasan Kakak adalah prioritas kami.", "prioritas kami"),
    ("ar", "boilerplate", "رضاكم هدفنا.", "رضاكم هدفنا"),
]  # fmt: skip

# (language, kind, text): the act is not in the text
NEGATIVES = [
    ("en", "acknowledge_feeling", "I don't understand why you're upset."),
    ("en", "acknowledge_feeling", "If you're unhappy with it, you can return it."),
    ("zh", "acknowledge_feeling", "我不理解您为什么生气。"),
    ("es", "acknowledge_feeling", "Su pedido está en camino."),
    ("id", "acknowledge_feeling", "Pesanan Kakak sedang dikirim."),
    ("ar", "acknowledge_feeling", "طلبك في الطريق."),
    ("en", "acknowledge_situation", "If your parcel arrives damaged, send us a photo."),
    ("en", "acknowledge_situation", "I understand that this is frustrating."),
    ("es", "acknowledge_situation", "Su paquete no está dañado."),
    ("en", "apologise", "I'm not sorry."),
    ("en", "apologise", "Your order has shipped."),
    ("zh", "apologise", "我不觉得抱歉。"),
    ("es", "apologise", "No lo siento."),
    ("es", "apologise", "Siento que es la mejor opción."),
    ("id", "apologise", "Saya tidak minta maaf."),
    ("ar", "apologise", "أنا مش آسف"),
    ("ar", "apologise", "للأسف الطلب متأخر."),
    ("en", "validate", "You're wrong about the date."),
    ("en", "validate", "Does that make sense?"),
    ("id", "validate", "Pesanan sudah dikirim."),
    ("en", "ask_situation", "I'm happy to send a replacement right away. Shall I do that?"),
    ("en", "ask_situation", "Is there anything else I can help you with?"),
    ("zh", "ask_situation", "需要我帮您申请退款吗？"),
    ("es", "ask_situation", "Su pedido llega mañana."),
    ("id", "ask_situation", "Mau saya bantu ajukan pengembalian dana?"),
    ("ar", "ask_situation", "تحبني أرسل لك بديل؟"),
    ("en", "ask_situation", "Did you even read the email?"),
    ("en", "explain", "It has been stuck since Monday."),
    ("en", "explain", "Is it because of the size?"),
    ("es", "explain", "Tiene toda la razón."),
    ("en", "own_next_step", "You can cancel it in the app."),
    ("en", "own_next_step", "I can't refund to another card."),
    ("en", "own_next_step", "I won't look into it."),
    ("zh", "own_next_step", "您可以在App里查一下物流。"),
    ("es", "own_next_step", "Usted puede revisar el estado en la app."),
    ("id", "own_next_step", "Kakak bisa cek status pesanan di aplikasi."),
    ("ar", "own_next_step", "تقدر تتابع طلبك من التطبيق."),
    ("en", "dismiss", "There's nothing to worry about, I'll fix it."),
    ("en", "dismiss", "It's not that there's nothing I can do."),
    ("zh", "dismiss", "不是没办法，我马上处理。"),
    ("es", "dismiss", "Podemos hacer varias cosas."),
    ("id", "dismiss", "Ya, sudah saya proses ya Kak."),
    ("ar", "dismiss", "أكيد، مشكلتك تهمني."),
    ("en", "blame", "You should have received a confirmation email."),
    ("en", "blame", "It's not your fault at all."),
    ("zh", "blame", "不是您的错。"),
    ("es", "blame", "El paquete debió haber llegado ayer."),
    ("id", "blame", "Bukan salah Kakak kok."),
    ("ar", "blame", "كان علي أن أرد أسرع."),
    ("en", "sarcasm", "Thanks, I'll check it now."),
    ("es", "sarcasm", "Claro que sí, le ayudo."),
    ("en", "empathy_but", "I understand, and I'll refund you today."),
    ("en", "empathy_but", "I understand your frustration, and I'll refund you today, but first."),
    ("en", "empathy_but", "I'm sorry for the trouble, I'll refund you now. However, keep the box."),
    ("zh", "empathy_but", "我理解，马上为您处理。"),
    ("es", "empathy_but", "Entiendo, ahora mismo lo reviso."),
    ("id", "empathy_but", "Saya paham, akan saya bantu cek."),
    ("ar", "empathy_but", "أفهم، راح أتابع طلبك."),
    ("en", "boilerplate", "Thank you for your patience. I've refunded your order."),
    ("zh", "boilerplate", "感谢您的耐心等待，退款已经给您处理好了。"),
]

LANGS = {"en", "zh", "es", "es-en", "id", "ar"}


@pytest.mark.parametrize(("lang", "kind", "text", "word"), POSITIVES)
def test_each_act_is_found_and_quotes_the_original(lang, kind, text, word):
    found = acts(text, kind)
    assert found, f"no {kind} in {text!r}: {read(text).service_acts}"
    assert any(word in quote(text, a) for a in found), [quote(text, a) for a in found]
    sentences = read(text).sentences
    for act in found:
        said = quote(text, act)
        assert said and said == said.strip(), said  # words, not the spaces around them
        sentence = sentences[act.sentence]
        # empathy_but runs on to a "however" that opens the next sentence
        last = sentences[-1] if kind == "empathy_but" else sentence
        assert sentence.start <= act.start < act.end <= last.end
        assert act.lang in (lang.split("-") if lang == "es-en" else [lang]) + ["en"]


@pytest.mark.parametrize(("lang", "kind", "text"), NEGATIVES)
def test_each_act_is_not_found_where_it_is_not(lang, kind, text):
    assert acts(text, kind) == [], read(text).service_acts


def test_every_kind_has_positives_and_negatives_in_every_language():
    kinds = set(sl.KINDS)
    for kind in kinds:
        positives = [p for p in POSITIVES if p[1] == kind]
        negatives = [n for n in NEGATIVES if n[1] == kind]
        assert len(positives) >= 3 and len(negatives) >= 2, kind
    main = (
        "acknowledge_feeling", "apologise", "ask_situation", "own_next_step", "dismiss",
        "blame", "empathy_but",
    )  # fmt: skip
    for kind in main:
        assert {p[0] for p in POSITIVES if p[1] == kind} >= LANGS - {"es-en"}, kind
        assert {n[0] for n in NEGATIVES if n[1] == kind} >= LANGS - {"es-en"}, kind
    assert {p[0] for p in POSITIVES} == LANGS


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("I'm so sorry for the delay.", "the delay"),
        ("Sorry about the mix-up with your size, I'll fix it.", "the mix-up with your size"),
        ("I'm sorry you were charged twice.", "you were charged twice"),
        ("非常抱歉让您久等了。", "让您久等了"),
        ("Perdón por la demora.", "la demora"),
        ("Disculpe las molestias.", "las molestias"),
        ("Sorry por la demora, ya te hice el refund.", "la demora"),
        ("Mohon maaf atas keterlambatannya.", "keterlambatannya"),
        ("نعتذر عن التأخير.", "التأخير"),
        ("I'm sorry.", None),
        ("Sorry, could you repeat the order number?", None),
        ("抱歉！", None),
    ],
)
def test_an_apology_says_what_it_is_for_when_it_is_said(text, about):
    (act,) = acts(text, "apologise")
    assert act.about == about
    if about is not None:
        assert about in text  # a quote of the original


def test_quotes_keep_invisible_characters_inside_words():
    text = f"So{ZWSP}rry for the de{SOFT_HYPHEN}lay. I can see how frus{ZWSP}trating this is."
    (apology,) = acts(text, "apologise")
    assert quote(text, apology) == f"So{ZWSP}rry"
    assert apology.about == f"the de{SOFT_HYPHEN}lay"
    (feeling,) = acts(text, "acknowledge_feeling")
    assert quote(text, feeling) == f"I can see how frus{ZWSP}trating"
    zh = f"我理{ZWSP}解您着{ZWSP}急的心情，但是没办法。"
    (but,) = acts(zh, "empathy_but")
    assert quote(zh, but) == f"我理{ZWSP}解您着{ZWSP}急的心情，但是"
    (dismiss,) = acts(zh, "dismiss")
    assert quote(zh, dismiss) == "没办法"
    ar = "أتفهـــم انزعاجك"  # tatweel inside the word
    (ack,) = acts(ar, "acknowledge_feeling")
    assert quote(ar, ack) == ar


def test_an_offer_then_asking_permission_owns_the_step_and_asks_nothing():
    text = "I'm happy to send a replacement right away. Shall I do that?"
    steps = acts(text, "own_next_step")
    assert [a.sentence for a in steps] == [0, 1]
    assert all(a.concrete for a in steps)
    assert quote(text, steps[1]) == "Shall I do that?"
    assert acts(text, "ask_situation") == []


@pytest.mark.parametrize(
    ("text", "concrete"),
    [
        ("We'll look into it.", False),
        ("Let me check on this for you.", False),
        ("我们会尽快处理。", False),
        ("Voy a revisar su pedido.", False),
        ("I'll get back to you within 24 hours.", True),
        ("I'll send a replacement today.", True),
        ("Saya akan proses refund hari ini ya Kak.", True),
    ],
)
def test_a_generic_step_is_not_concrete(text, concrete):
    (step,) = acts(text, "own_next_step")
    assert step.concrete is concrete


def test_filler_is_boilerplate_only_when_nothing_else_is_said():
    assert [a.kind for a in read("Thank you for your patience.").service_acts] == ["boilerplate"]
    assert acts("Thank you for your patience. Your refund was issued today.", "boilerplate") == []
    # a stock phrase is boilerplate whatever else is said
    text = "We value you as a customer. I've refunded your order."
    assert [quote(text, a) for a in acts(text, "boilerplate")] == ["We value you as a customer"]


def test_one_act_of_a_kind_per_sentence_in_text_order():
    text = "Sorry, so sorry! I apologise. Sorry again."
    found = acts(text, "apologise")
    assert [a.sentence for a in found] == [0, 1, 2]
    everything = read(text).service_acts
    assert everything == sorted(everything, key=lambda a: (a.start, a.end, a.kind))


def test_the_acts_are_worked_out_on_first_use_and_a_failure_leaves_them_empty(monkeypatch):
    forget()
    reading = read("I'm sorry for the delay, I'll refund you today.")
    assert reading._acts is None  # read() does not compute them
    assert {a.kind for a in reading.service_acts} >= {"apologise", "own_next_step"}
    assert reading._acts is not None

    from grading.reading import service_acts

    def broken(reading):
        raise RuntimeError("boom")

    monkeypatch.setattr(service_acts, "find_service_acts", broken)
    forget()
    assert read("I'm sorry for the delay.").service_acts == []


# --- the service lexicons are content ----------------------------------------------------------


@pytest.fixture
def no_extra_folder(monkeypatch):
    monkeypatch.delenv(sl.ENV_DIR, raising=False)
    sl._cached.cache_clear()
    yield
    sl._cached.cache_clear()
    forget()


def test_every_shipped_service_file_validates_and_gives_every_kind(no_extra_folder):
    assert sl.problems() == []
    found = sl.service_lexicon()
    for lang in ("en", "zh", "es", "id", "ar"):
        assert sl.problems(sl.SHIPPED / f"{lang}.yaml") == []
        for kind in sl.KINDS:
            assert found.phrases(lang, kind), f"{lang}: acts.{kind} is empty"
        for name in sl.WORD_LISTS:
            assert found.words(lang, name), f"{lang}: words.{name} is empty"


def test_a_misspelt_kind_names_file_line_and_field(no_extra_folder, tmp_path):
    path = tmp_path / "more.en.yaml"
    path.write_text("language: en\nacts:\n  dismiss: [talk to the hand]\n  apologize: [soz]\n")
    found = sl.problems(path)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:4: acts.apologize: unknown field")


def test_an_empty_phrase_and_a_wrong_language_are_reported_at_their_lines(
    no_extra_folder, tmp_path
):
    path = tmp_path / "words.es.yaml"
    path.write_text("language: es\nwords:\n  contrast: [pero, '']\n")
    assert any(p.startswith(f"{path}:3: words.contrast.1") for p in sl.problems(path))
    other = tmp_path / "words.id.yaml"
    other.write_text("language: es\nacts:\n  dismiss: [ni modo]\n")
    assert sl.problems(other) == [
        f"{other}:1: language: the file name says 'id' but the file says 'es'"
    ]


def test_a_kind_missing_from_a_shipped_file_names_the_file_and_its_line(no_extra_folder, tmp_path):
    folder = tmp_path / "service"
    shutil.copytree(sl.SHIPPED, folder)
    zh = folder / "zh.yaml"
    lines = zh.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  sarcasm:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    zh.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    acts_line = next(i for i, line in enumerate(lines, 1) if line == "acts:")
    assert [str(p) for p in sl.load(shipped=folder)[1]] == [
        f"{zh}:{acts_line}: acts.sarcasm: missing or empty in the shipped zh service lexicon; "
        "every language lists words for every service act and helper list"
    ]


def test_a_broken_shipped_file_raises_with_its_line(no_extra_folder, tmp_path):
    folder = tmp_path / "service"
    shutil.copytree(sl.SHIPPED, folder)
    (folder / "ar.yaml").write_text("language: ar\nacts:\n  dismiss: [مش مشكلتي\n")
    with pytest.raises(sl.ContentError) as caught:
        sl.load(shipped=folder)
    assert str(caught.value.problems[0]).startswith(f"{folder / 'ar.yaml'}:")


def test_a_trainers_words_are_merged_and_a_broken_file_is_reported(monkeypatch, tmp_path):
    root = tmp_path / "lexicons"
    service = root / "service"
    service.mkdir(parents=True)
    (service / "team.en.yaml").write_text(
        "language: en\nacts:\n  dismiss: [talk to the hand]\n", encoding="utf-8"
    )
    broken = service / "broken.es.yaml"
    broken.write_text("language: es\nacts:\n  desprecio: [bah]\n", encoding="utf-8")
    monkeypatch.setenv(sl.ENV_DIR, str(root))
    sl._cached.cache_clear()
    forget()
    try:
        text = "Talk to the hand, mate."
        assert [quote(text, a) for a in acts(text, "dismiss")] == ["Talk to the hand"]
        assert any(p.startswith(f"{broken}:3: acts.desprecio") for p in sl.problems())

        from counterpart.content_folders import validate

        printed = [str(p) for p in validate([])]
        assert any(p.startswith(f"{broken}:3: acts.desprecio") for p in printed), printed
    finally:
        sl._cached.cache_clear()
        forget()
