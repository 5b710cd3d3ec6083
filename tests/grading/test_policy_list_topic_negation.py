"""Where a negation stands decides whether a list member is denied (issue 11).

"Switzerland is part of Roam Like Home, at no extra cost" states that a country outside the list
is on it; the "no" belongs to the topic's words, not to the country. "Shipped orders can still be
cancelled, as long as they have not been delivered" states that shipped orders can be cancelled;
the "not" belongs to another clause.
"""

from __future__ import annotations

import datetime as dt

import pytest

from curricula.policy import Policy
from grading.policy_grader import grade_policy

POLICY = Policy.model_validate(
    {
        "id": "parcel-insurance",
        "title": "Parcel insurance",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "covered-goods",
                "title": "What the free cover includes",
                "text": "Free cover includes clothing and books. Jewellery is never covered.",
                "lists": [
                    {
                        "key": "covered_goods",
                        "about": [
                            "free cover",
                            "covered at no extra charge",
                            "no extra charge",
                            "免费保障",
                            "不额外收费",
                            "sin cargo extra",
                            "tanpa biaya tambahan",
                            "بدون رسوم إضافية",
                        ],  # fmt: skip
                        "allowed": [
                            {
                                "words": [
                                    "clothing",
                                    "books",
                                    "衣服",
                                    "书",
                                    "ropa",
                                    "libros",
                                    "pakaian",
                                    "buku",
                                    "الملابس",
                                    "الكتب",
                                ],  # fmt: skip
                                "label": "clothing and books",
                            }
                        ],  # fmt: skip
                        "not_allowed": [
                            {
                                "words": [
                                    "jewellery",
                                    "jewelry",
                                    "珠宝",
                                    "joyas",
                                    "perhiasan",
                                    "المجوهرات",
                                ],  # fmt: skip
                                "label": "jewellery",
                            }
                        ],  # fmt: skip
                        "statement": "Free cover includes clothing and books, never jewellery.",
                    }
                ],
            },
            {
                "id": "cancelling",
                "title": "Cancelling an order",
                "text": "Only orders still being prepared can be cancelled; shipped ones cannot.",
                "lists": [
                    {
                        "key": "cancellable_statuses",
                        "concepts": ["cancel"],
                        "allowed": [
                            {
                                "words": [
                                    "being prepared",
                                    "备货中",
                                    "en preparación",
                                    "sedang disiapkan",
                                    "قيد التجهيز",
                                ],
                                "label": "being prepared",
                            }
                        ],  # fmt: skip
                        "not_allowed": [
                            {
                                "words": [
                                    "shipped",
                                    "已发货",
                                    "enviado",
                                    "sudah dikirim",
                                    "تم شحنه",
                                ],
                                "label": "shipped",
                            }
                        ],  # fmt: skip
                        "statement": "Only orders still being prepared can be cancelled.",
                    }
                ],
            },
        ],
    }
)


def kinds(reply: str) -> set[str]:
    return {f.kind for f in grade_policy(reply, POLICY).findings}


@pytest.mark.parametrize(
    "reply",
    [
        "Good news: jewellery is covered at no extra charge, like books.",
        "La ropa y las joyas van con cobertura sin cargo extra.",
        "珠宝也包含在保障里，不额外收费。",
        "Perhiasan juga termasuk, tanpa biaya tambahan ya Kak.",
        "المجوهرات مشمولة بدون رسوم إضافية.",
    ],
)
def test_a_member_outside_the_list_said_to_be_on_it_is_a_wrong_fact(reply):
    assert "wrong_fact" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Jewellery is not covered; books are covered at no extra charge.",
        "Las joyas no tienen cobertura, lo siento.",
        "珠宝不在免费保障范围内哦。",
        "Perhiasan tidak termasuk ya Kak, hanya pakaian dan buku tanpa biaya tambahan.",
        "المجوهرات غير مشمولة للأسف.",
    ],
)
def test_the_member_denied_is_not_a_finding(reply):
    assert "wrong_fact" not in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Sure, shipped orders can still be cancelled, as long as they haven't been delivered.",
        "Sí, aunque ya esté enviado se puede cancelar, lo importante es que no se haya entregado.",
        "可以的亲，已发货的订单也能取消，只要还没签收就行。",
        "Bisa Kak, selama belum sampai, pesanan yang sudah dikirim tetap bisa dibatalkan.",
    ],
)
def test_a_negation_in_another_clause_does_not_deny_the_member(reply):
    assert "wrong_fact" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Once it has shipped, it can't be cancelled any more, but a return is easy.",
        "Ya está enviado, así que no se puede cancelar.",
        "已发货的订单没办法取消了哦。",
        "Pesanan yang sudah dikirim tidak bisa dibatalkan ya Kak.",
        "Not possible once shipped: cancelling is only for orders being prepared.",
    ],
)
def test_a_negation_in_the_members_or_the_topics_clause_denies_it(reply):
    assert "wrong_fact" not in kinds(reply)


REFUNDS = Policy.model_validate(
    {
        "id": "refund-destinations",
        "title": "Where refunds go",
        "version": "2026.12",
        "effective": dt.date(2026, 12, 1),
        "sections": [
            {
                "id": "refunds",
                "title": "Refunds",
                "text": "Refunds go back to the original payment method only.",
                "lists": [
                    {
                        "key": "refund_destination",
                        "concepts": ["refund"],
                        "allowed": [{"concept": "original-payment"}],
                        "not_allowed": [{"concept": "gift-card"}],
                        "statement": "Refunds go back to the original payment method only.",
                    }
                ],
            }
        ],
    }
)


@pytest.mark.parametrize(
    "reply",
    [
        "Para no complicarnos con la tarjeta cancelada, le hago el reembolso en una tarjeta "
        "regalo y se la envío por correo.",
        "To not make things harder, I'll do the refund as a gift card and email it to you.",
    ],
)
def test_a_clause_with_its_own_act_is_not_an_item_of_an_earlier_negated_list(reply):
    kinds = {f.kind for f in grade_policy(reply, REFUNDS).findings}
    assert kinds & {"wrong_fact", "forbidden_remedy"}, kinds


def test_a_negation_before_a_list_still_reaches_its_items():
    reply = "We never refund to a voucher, a gift card or cash, only to your original card."
    kinds = {f.kind for f in grade_policy(reply, REFUNDS).findings}
    assert not kinds & {"wrong_fact", "forbidden_remedy"}, kinds


@pytest.mark.parametrize(
    "reply",
    [
        "Shipped orders aren't something we can cancel, sorry.",
        "Shipped ones don't qualify for cancelling any more.",
        "A shipped order isnt cancellable, but a return is easy.",
    ],
)
def test_an_english_contraction_denies_the_member(reply):
    assert "wrong_fact" not in kinds(reply)
