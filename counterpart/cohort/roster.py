"""Who is in the cohort: names, teams, skill, when each joined and how each works.

Skill is spread evenly from weak to strong and shuffled across teams (each team a little
stronger or weaker than the next, so team comparisons show something). Joining dates come in
waves, interleaved with skill, so that at the end some trainees have had weeks and some only
days: certified, stuck and still in progress all appear, even in a cohort of six.
"""

from __future__ import annotations

import datetime as dt
import random

from counterpart.cohort.journey import Profile
from curricula.curriculum import Curriculum
from curricula.library import Library

FIRST_NAMES = (
    "Amara", "Daniel", "Priya", "Mateo", "Grace", "Tomasz", "Aisha", "Liam", "Sofia", "Kwame",
    "Hannah", "Rafael", "Jonas", "Fatima", "Oliver", "Isabel", "Arjun", "Chloe", "Samuel",
    "Leila", "Noah", "Ana", "Ethan", "Zainab", "Lucas", "Nadia", "Marcus", "Yara", "Felix", "Mia",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Reyes", "Sharma", "Kowalski", "Mensah", "Silva", "Novak", "Haddad", "Murphy",
    "Tan", "Costa", "Ibrahim", "Lindqvist", "Patel", "Garcia", "Brennan", "Adeyemi", "Moreau",
    "Santos", "Khan",
)  # fmt: skip
# (characters, pinyin) for trainees of a Chinese-language team.
ZH_SURNAMES = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"),
    ("罗", "luo"), ("高", "gao"),
)  # fmt: skip
ZH_GIVEN = (
    ("芳", "fang"), ("伟", "wei"), ("静", "jing"), ("磊", "lei"), ("敏", "min"), ("婷", "ting"),
    ("强", "qiang"), ("丽", "li"), ("军", "jun"), ("雪", "xue"), ("杰", "jie"), ("娜", "na"),
    ("涛", "tao"), ("琳", "lin"), ("浩", "hao"), ("欣怡", "xinyi"), ("子轩", "zixuan"),
    ("雨桐", "yutong"), ("思远", "siyuan"), ("嘉怡", "jiayi"),
)  # fmt: skip
TEAM_BIAS = (0.03, 0.0, -0.03, 0.02, -0.02)
# Joining waves by rank of skill (strongest first): weeks of practice for some, days for others.
WAVES = ("early", "mid", "late", "early", "mid")


def _names(count: int, chinese: list[bool], rng: random.Random) -> list[tuple[str, str]]:
    latin = [(f, s) for f in FIRST_NAMES for s in LAST_NAMES]
    han = [(s, g) for s in ZH_SURNAMES for g in ZH_GIVEN]
    rng.shuffle(latin)
    rng.shuffle(han)
    names = []
    for index in range(count):
        if chinese[index]:
            (surname, s_pinyin), (given, g_pinyin) = han[index % len(han)]
            display, username = surname + given, f"{s_pinyin}.{g_pinyin}"
        else:
            first, last = latin[index % len(latin)]
            display, username = f"{first} {last}", f"{first}.{last}".lower()
        if index >= (len(han) if chinese[index] else len(latin)):
            username += str(index)  # more trainees than names
        names.append((display, username))
    return names


def follow_ons(library: Library, curriculum: Curriculum) -> list[str]:
    """Curricula opened by a certificate this curriculum issues (mentor, QA)."""
    issued = {t.certificate.id for t in curriculum.tracks if t.certificate}
    return sorted(
        c.id
        for c in library.curricula.values()
        if c.id != curriculum.id and any(set(t.requires) & issued for t in c.tracks)
    )


def _joined(wave: str, start: dt.datetime, days: float, rng: random.Random) -> dt.datetime:
    offset = {
        "early": rng.uniform(0, 0.1),
        "mid": rng.uniform(0.25, 0.4),
        "late": rng.uniform(0.6, 0.75),
    }[wave]
    return start + dt.timedelta(days=round(days * offset))


def roster(
    library: Library,
    count: int,
    teams: tuple[str, ...],
    curricula: tuple[str, ...],
    seed: int,
    start: dt.datetime,
    end: dt.datetime,
) -> list[Profile]:
    rng = random.Random(f"cohort:{seed}")
    skills = [0.12 + 0.85 * (i + rng.uniform(0.2, 0.8)) / count for i in range(count)]
    order = list(range(count))
    rng.shuffle(order)
    team_of = {trainee: slot % len(teams) for slot, trainee in enumerate(order)}
    wave_of = {
        trainee: WAVES[rank % len(WAVES)]
        for rank, trainee in enumerate(sorted(range(count), key=lambda i: -skills[i]))
    }
    curriculum_of = [library.curricula[curricula[team_of[i] % len(curricula)]] for i in order]
    chinese = [c.language == "zh" for c in curriculum_of]
    names = _names(count, chinese, rng)
    days = (end - start).total_seconds() / 86400
    profiles = []
    for slot, trainee in enumerate(order):
        team = team_of[trainee]
        curriculum = curriculum_of[slot]
        skill = min(0.97, max(0.03, skills[trainee] + TEAM_BIAS[team % len(TEAM_BIAS)]))
        options = follow_ons(library, curriculum)
        display, username = names[slot]
        profiles.append(
            Profile(
                username=username,
                display_name=display,
                team=teams[team],
                curriculum_id=curriculum.id,
                skill=round(skill, 3),
                joined=_joined(wave_of[trainee], start, days, rng),
                pace=1 + round(2 * skill) + rng.randint(0, 1),
                grit=3 + round(3 * skill) + rng.randint(0, 2),
                learning=rng.uniform(0.004, 0.012),
                follow_on=rng.choice(options) if options and rng.random() < 0.7 else None,
                spoken=tuple(dict.fromkeys([curriculum.language, "en"])),
                seed=f"{seed}:{username}",
            )
        )
    return profiles
