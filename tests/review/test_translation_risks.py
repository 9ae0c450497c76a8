"""A translation left behind: its original's text changed and its own did not."""

from __future__ import annotations

from generator.plan.loader import parse_plan_text
from generator.plan.model import Plan
from generator.plan.validate import plan_from_document
from generator.review.translation_risks import translation_flags
from tests.conftest import TODAY, TRANSLATIONS, edited

TEMPLATE_ES = (
    '      body: "Hello, {incident_summary}. Literal braces: {{ and }}."\n',
    '      body: "Hello, {incident_summary}. Literal braces: {{ and }}."\n'
    "    - id: alert-es\n      translation_of: alert\n      lang: es\n"
    "      title: Alerta\n      channel: email\n      audience: Todo el personal\n"
    "      send_when: At level 3\n      sender: lead\n"
    '      subject: "Sobre {incident_title}"\n'
    '      body: "Hola, {incident_summary}."\n',
)


def _plan(text: str) -> Plan:
    return plan_from_document(parse_plan_text(text, "plan.yaml"), TODAY)


def test_a_template_subject_change_flags_its_translation() -> None:
    old = edited(TEMPLATE_ES)
    new = old.replace('subject: "About {incident_title}"', 'subject: "Now: {incident_title}"')
    assert list(translation_flags(_plan(old), _plan(new))) == [
        "Translation alert-es (es) may be out of date: its original template alert "
        "changed and it did not"
    ]


def test_no_flag_when_both_change_or_only_the_translation_does() -> None:
    old = edited(TEMPLATE_ES, TRANSLATIONS)
    both = old.replace('subject: "About {incident_title}"', 'subject: "Now: {incident_title}"')
    both = both.replace('subject: "Sobre {incident_title}"', 'subject: "Ya: {incident_title}"')
    assert list(translation_flags(_plan(old), _plan(both))) == []
    only = old.replace("Hola, {incident_summary}.", "Hola a todos, {incident_summary}.")
    assert list(translation_flags(_plan(old), _plan(only))) == []


def test_a_new_translation_is_no_risk() -> None:
    old = edited()
    new = edited(TRANSLATIONS).replace(
        "We are looking into {topic}.", "We are looking into {topic} now."
    )
    assert list(translation_flags(_plan(old), _plan(new))) == []
