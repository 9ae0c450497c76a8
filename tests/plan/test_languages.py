# ruff: noqa: RUF001  (Arabic letters that look like Latin ones are the point here)
"""Languages in a plan: real Arabic and Hebrew text is never refused, bidi controls always
are; language tags are checked against CLDR's subtags; translations are checked."""

from __future__ import annotations

import pytest

from generator.plan.characters import first_hidden
from generator.plan.languages import tag_problem
from tests.conftest import ARABIC, HEBREW, TRANSLATIONS, edited, messages

REAL_TEXT = [
    ARABIC,
    HEBREW,
    "نعلم أن خدمة {service} متوقفة لدى بعضكم. شكرًا لصبركم.",  # tanwin, hamza, lam-alef
    "بِسْمِ اللَّهِ",  # vowel marks (harakat) and shadda
    "٠١٢٣٤٥٦٧٨٩ ۰۱۲ ، ؛ ؟",  # Arabic-Indic digits and Arabic punctuation
    "הַמַּצָּב יַצִּיב.",  # Hebrew points (niqqud)
    'ש"ח 120 ₪, גרש׳ גרשיים״',  # geresh, gershayim
    "می\u200cخواهم",  # Persian: a non-joiner between letters
    "اردو میں بیان",  # Urdu
]


@pytest.mark.parametrize("text", REAL_TEXT)
def test_real_arabic_and_hebrew_text_is_never_refused(text: str) -> None:
    assert first_hidden(text) is None
    plan = edited(("    text: We are looking into {topic}.\n", f"    text: '{text} {{topic}}'\n"))
    assert [m for m in messages(plan) if "error" in m] == []


BIDI_CONTROLS = [
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
    "\u202a",  # left-to-right embedding
    "\u202b",  # right-to-left embedding
    "\u202c",  # pop directional formatting
    "\u202d",  # left-to-right override
    "\u202e",  # right-to-left override (the "Trojan Source" character)
    "\u2066",  # left-to-right isolate
    "\u2067",  # right-to-left isolate
    "\u2068",  # first strong isolate
    "\u2069",  # pop directional isolate
]


@pytest.mark.parametrize("control", BIDI_CONTROLS, ids=[f"U+{ord(c):04X}" for c in BIDI_CONTROLS])
def test_bidi_controls_are_refused_even_in_arabic_text(control: str) -> None:
    text = f"نعلم {control}أن خدمة"
    assert first_hidden(text) is not None
    plan = edited(TRANSLATIONS).replace(ARABIC, ARABIC.replace("الآن", f"الآن{control}"))
    found = [m for m in messages(plan) if "error" in m]
    assert len(found) == 1 and f"U+{ord(control):04X}" in found[0], found


@pytest.mark.parametrize(
    "tag",
    [
        "en",
        "es-MX",
        "zh-Hant",
        "zh-Hant-TW",
        "sr-Latn-RS",
        "ht",
        "ar-EG",
        "de-CH-1996",
        "es-419",
        "en-US-x-twain",
        "EN-gb",
    ],
)
def test_good_tags_pass(tag: str) -> None:
    assert tag_problem(tag) is None


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        ("xx", "`xx` is no ISO 639 language code"),
        ("qaa", "no ISO 639"),
        ("en-XY", "`XY` is no region code"),
        ("zh-Hanx", "`Hanx` is no ISO 15924 script code"),
        ("en-US-Latn", "`Latn` is in the wrong place"),
        ("en-US-GB", "`GB` is in the wrong place"),
    ],
)
def test_bad_tags_are_named(tag: str, said: str) -> None:
    problem = tag_problem(tag)
    assert problem is not None and said in problem


def test_a_plan_in_another_language_takes_its_translations_in_english() -> None:
    plan = edited(("plan:\n", "plan:\n  language: es\n")).replace(
        "    text: We are looking into {topic}.\n",
        "    text: Estamos revisando {topic}.\n"
        "  - id: holding-en\n    translation_of: holding\n    lang: en\n"
        "    title: Holding\n    use_from_level: 3\n    approver: lead\n"
        "    text: We are looking into {topic}.\n",
    )
    assert [m for m in messages(plan) if "error" in m] == []
    same = plan.replace("    lang: en\n", "")
    found = [m for m in messages(same) if "error" in m]
    assert len(found) == 1 and "is in `es`, the language of its original" in found[0]
