"""A negation inside a list's own topic words denies nothing (issue 11).

"Switzerland is part of Roam Like Home, at no extra cost" states that a country outside the list
is on it; the "no" belongs to the topic's words, not to the country.
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
            }
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
