"""Rendering: golden Markdown for the example plan, one escaping step, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from generator.plan.validate import load_valid_plan
from generator.shared import escape
from generator.shared.flowchart import d2_label, d2_source, draw_flowchart
from generator.shared.outline import page_paths
from generator.site.render import mailto_link, render_pages, tel_link, web_link
from tests.conftest import EXAMPLE, MINIMAL, TODAY, compare_golden

GOLDEN = Path(__file__).resolve().parent / "golden"
STUB_SVG = "<svg><!-- the flowchart --></svg>"


@pytest.fixture(scope="module")
def example_pages() -> dict[str, str]:
    return render_pages(load_valid_plan(EXAMPLE, TODAY), STUB_SVG)


def test_page_list() -> None:
    paths = [p for p, _ in page_paths(load_valid_plan(EXAMPLE, TODAY))]
    assert paths[:2] == ["index.md", "triage.md"]
    assert [p for p in paths if p.startswith("levels/")] == [
        f"levels/level-{n}.md" for n in range(1, 6)
    ]
    assert {
        "roles.md",
        "contacts.md",
        "thresholds.md",
        "internal-comms.md",
        "statements.md",
        "after-action.md",
        "credentials.md",
    } <= set(paths)


def test_optional_pages_only_when_the_plan_has_them(tmp_path: Path) -> None:
    text = MINIMAL.read_text()
    for section in ("listening:", "external_statements:", "after_action:"):
        start = text.index(section)
        end = min(
            i
            for i in (
                text.find(k, start + 1)
                for k in ("\ninternal_comms:", "\nafter_action:", "\nsocial_accounts:")
            )
            if i > start
        )
        text = text[:start] + text[end + 1 :]
    plan = tmp_path / "p.yaml"
    plan.write_text(text)
    paths = {p for p, _ in page_paths(load_valid_plan(plan, TODAY))}
    assert not paths & {"thresholds.md", "statements.md", "after-action.md"}


@pytest.mark.parametrize("page", [p for p, _ in page_paths(load_valid_plan(EXAMPLE, TODAY))])
def test_golden_markdown(example_pages: dict[str, str], page: str) -> None:
    compare_golden(GOLDEN / page.replace("/", "__"), example_pages[page])


def test_rendering_is_pure_and_repeatable(example_pages: dict[str, str]) -> None:
    again = render_pages(load_valid_plan(EXAMPLE, TODAY), STUB_SVG)
    assert again == example_pages


def test_every_page_shows_the_classification(example_pages: dict[str, str]) -> None:
    for page, text in example_pages.items():
        assert "Internal \\- do not forward" in text or "Internal - do not forward" in text, page


def test_key_answers_are_on_the_pages(example_pages: dict[str, str]) -> None:
    assert '<a href="tel:+15550100100">&#43;1 555 010 0100</a>' in example_pages["contacts.md"]
    assert "mailto:dana.kim@northwind.example" in example_pages["contacts.md"]
    assert 'class="runbook-accountable">A</strong>' in example_pages["roles.md"]
    assert "1. Primary: Dana Kim" in example_pages["roles.md"]
    assert "1. Backup: Lee Wong" in example_pages["roles.md"]  # Markdown numbers the list
    level4 = example_pages["levels/level-4.md"]
    assert "**pause them all**" in level4
    checkbox = '<label class="runbook-check"><input type="checkbox" class="runbook-action">'
    assert f"1. {checkbox} Pause all scheduled posts" in level4  # numbered, in order
    # the level page leads with whom to call: the accountable role's people, then the actions
    call = level4.index("## Call now")
    assert call < level4.index('href="tel:+15550100101"') < level4.index("## Actions")
    assert call < level4.index('href="tel:+15550100102"') < level4.index("## Actions")  # backup
    assert level4.index("## Actions") < level4.index("## Who else does what")
    assert level4.index("## Who else does what") < level4.index("## Typical situations")
    creds = example_pages["credentials.md"]
    assert "Vault item: **Social Media / X @northwind**" in creds
    assert "Pause scheduled posts in Hootsuite&#58; Open Publisher&#59;" not in creds
    assert "Pause scheduled posts in Hootsuite&#58; Open Publisher; Select all" in creds
    comms = example_pages["internal-comms.md"]
    assert 'data-runbook-copy="message-text-template-all-staff-alert"' in comms
    assert 'id="text-template-all-staff-alert"' in comms
    assert '<mark class="runbook-placeholder">{incident_summary}</mark>' in comms
    assert (
        "more than 10 negative mentions in each of 4 consecutive windows"
        in example_pages["thresholds.md"]
    )


def test_weak_mfa_and_stale_contacts_are_marked(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("    mfa: hardware-key\n", "    mfa: sms\n", 1)
    text = text.replace("verified_on: 2026-09-30", "verified_on: 2025-01-01")
    text = text.replace("    verified_on: 2026-11-05\n  - id: it-oncall", "  - id: it-oncall")
    plan = tmp_path / "p.yaml"
    plan.write_text(text)
    pages = render_pages(load_valid_plan(plan, TODAY), STUB_SVG)
    assert "weak: switch to an authenticator app" in pages["credentials.md"]
    assert (
        'runbook-stale" data-stale-after="2025-06-30">stale: checked 2025-01-01'
        in pages["contacts.md"]
    )
    assert "runbook-unverified" in pages["contacts.md"]


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("{{ 7*7 }}", "{{"),
        ("{% if x %}", "{%"),
        ("**bold** _it_", "**"),
        ("[x](javascript:alert(1))", "]("),
        ("{: .evil }", "{:"),
        ("# heading", "# "),
        ("- item", "- "),
        ("a | b", "|"),
        ("<!-- c -->", "<!--"),
        ("&amp; &#60;", "&amp;"),
    ],
)
def test_markdown_escaping_leaves_no_syntax(text: str, forbidden: str) -> None:
    out = escape.markdown(text)
    assert forbidden not in out
    import html

    assert html.unescape(out) == text  # the same visible characters


def test_inline_references_are_made_once_per_character() -> None:
    # each markup character becomes its reference, however many, wherever they sit
    text = "".join(sorted(escape._INLINE)) * 3 + "a&#42;b & c"
    expected = "".join(f"&#{ord(c)};" if c in escape._INLINE else c for c in text)
    assert escape._inline_refs(text) == expected


@pytest.mark.parametrize(
    "text", ["a #12 b", "a: #12", "@dana: x", "&#12; #5", "x&#5", "gh-12, GH-3", "#x", "plain"]
)
def test_paste_safe_skips_only_the_patterns_that_cannot_match(text: str) -> None:
    everything = escape._GH_REFERENCE.sub(
        "\\1\u2060", escape._MENTION.sub("\\1\u2060", escape.markdown(text))
    )
    assert escape.paste_safe(text) == everything


def test_values_in_templates_are_escaped_even_in_overrides(tmp_path: Path) -> None:
    (tmp_path / "index.md.j2").write_text("# {{ info.title }}\n\n{{ info.organization }}\n")
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(
        MINIMAL.read_text().replace("title: Test Runbook", "title: '<b>{{ x }}</b>'")
    )
    pages = render_pages(load_valid_plan(plan_file, TODAY), STUB_SVG, str(tmp_path))
    assert pages["index.md"] == "# &#60;b&#62;&#123;&#123; x &#125;&#125;&#60;/b&#62;\n\nAcme\n"
    assert pages["triage.md"].startswith(
        "# Severity flowchart"
    )  # the other pages keep the defaults


def test_links_only_for_safe_schemes() -> None:
    assert web_link("javascript:alert(1)") == Markup("javascript&#58;alert(1)")
    assert web_link("https://x.example/a") == Markup(
        '<a href="https://x.example/a">https&#58;//x.example/a</a>'
    )
    assert "href" not in web_link('https://x.example/"><script>')
    assert "href" not in web_link("mailto:a@b.example")  # web links are http(s) only
    assert tel_link("+1 (555) 010-0100") == Markup(
        '<a href="tel:+15550100100">&#43;1 (555) 010-0100</a>'
    )
    assert mailto_link("a@b.example").startswith('<a href="mailto:a@b.example">')


def test_d2_labels_are_literal() -> None:
    assert d2_label('Say "hi" ${x} \\ now') == '"Say \\"hi\\" \\${x} \\\\ now"'


def test_flowchart_source_and_svg() -> None:
    plan = load_valid_plan(EXAMPLE, TODAY)
    source = d2_source(plan)
    assert source.count('.link: "#question-') == 4  # every question box links to its text
    assert 'L5.link: "./levels/level-5.html"' in source
    assert ".link" not in d2_source(plan, for_print=True)  # no links in print
    assert 'q0 -> L5: "yes"' in source and 'q3 -> L1: "no"' in source
    svg = draw_flowchart(plan)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "\n" not in svg  # one raw HTML block in Markdown
    assert "Does it involve a lawsuit" in svg and "Level 5: Brand in serious danger" in svg
    assert draw_flowchart(plan) == svg  # deterministic
    # no edge crosses its own label: D2 cuts every edge line under its label with a mask
    # that holds one cut-out per yes/no label, and every edge path is drawn through it
    import re

    (mask,) = re.findall(r'<mask id="([^"]+)"[^>]*>(.*?)</mask>', svg)
    labels = len(re.findall(r">(?:yes|no)</text>", svg))
    assert labels == 2 * len(plan.triage.questions)
    assert mask[1].count('fill="black"') == labels
    edges = re.findall(r'<path [^>]*class="connection[^"]*"[^>]*>', svg)
    assert edges and all(f'mask="url(#{mask[0]})"' in e for e in edges)


def test_exercises_page_and_home_line(example_pages: dict[str, str], tmp_path: Path) -> None:
    page = example_pages["exercises.md"]
    assert "the next exercise is due" in page and 'data-due="2027-04-12"' in page
    open_part = page.split("## Open follow-ups by owner")[1].split("## History")[0]
    assert "IT Security" in open_part and "recovery email" in open_part
    assert "Give the PR manager admin rights" not in open_part  # done: in the history only
    assert "Give the PR manager admin rights" in page
    assert page.index("2026-10-14: simulation") < page.index("2026-03-10: tabletop")
    assert "[Last exercised](exercises.md): 2026-10-14" in example_pages["index.md"]
    # a plan with no exercise says so, in the overdue style
    plan_file = tmp_path / "p.yaml"
    text = MINIMAL.read_text()
    plan_file.write_text(text[: text.index("exercises:")])
    pages = render_pages(load_valid_plan(plan_file, TODAY), "<svg></svg>")
    assert "No exercise is on record" in pages["exercises.md"]
    assert 'runbook-never">never</span>' in pages["index.md"]


def test_actions_that_name_a_section_link_to_it(example_pages: dict[str, str]) -> None:
    level4 = example_pages["levels/level-4.md"]
    assert "Run the [internal communications protocol](../internal-comms.md)." in level4
    level3 = example_pages["levels/level-3.md"]
    assert "[holding statement](../statements.md)" in level3
    # a plain step stays plain: exact section names only
    assert "Pause all scheduled posts in every scheduling tool.</label>" in level4


def test_copied_message_is_ready_to_send(example_pages: dict[str, str]) -> None:
    from generator.site.messages import ready_message

    body = "Team,\n\nWe know the site\nis down.\n\n- Point people to {link}\n- Say nothing else\n"
    assert ready_message(body, "[Internal] {title}") == (
        "[Internal] {title}\n\nTeam,\n\nWe know the site is down.\n\n"
        "- Point people to {link}\n- Say nothing else"
    )
    comms = example_pages["internal-comms.md"]
    assert (
        '<pre hidden id="message-text-template-all-staff-alert">[Internal] {incident_title}'
        in comms
    )
    assert "Please point them to {statement_link}" in comms  # joined across the hard wrap
    statements = example_pages["statements.md"]
    assert "Placeholders to fill in: <mark" in statements


def test_header_names_the_organisation_once(tmp_path: Path) -> None:
    from generator.site.render import site_title

    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(MINIMAL.read_text().replace("title: Test Runbook", "title: ACME Runbook"))
    assert site_title(load_valid_plan(plan_file, TODAY)) == "ACME Runbook"
    assert site_title(load_valid_plan(MINIMAL, TODAY)) == "Test Runbook - Acme"


def test_call_block_names_every_person_or_says_there_is_no_backup() -> None:
    pages = render_pages(load_valid_plan(MINIMAL, TODAY), STUB_SVG)
    lead = pages["levels/level-3.md"]  # Comms Lead: Ann (phone), then Bob (email only)
    call = lead[lead.index("## Call now") : lead.index("## Actions")]
    assert 'href="tel:+15550000001"><span class="runbook-call-tag">Call first</span>' in call
    assert 'href="mailto:bob@acme.example"><span class="runbook-call-tag">Backup 1</span>' in call
    assert "No backup" not in call
    agent = pages["levels/level-1.md"]  # Support Agent: Bob alone, by email
    call = agent[agent.index("## Call now") : agent.index("## Actions")]
    assert '<span class="runbook-call-tag">Write first</span>' in call
    assert "No backup is named for this role" in call


def test_not_found_page_links_home_the_finder_and_each_call_block() -> None:
    from generator.site.render import render_not_found

    plan = load_valid_plan(MINIMAL, TODAY)
    urls = {path: path.replace(".md", "/") for path, _ in page_paths(plan, False)}
    html = render_not_found(plan, urls)
    hrefs = [part.split('"')[0] for part in html.split('href="')[1:]]
    assert hrefs == [
        "triage/#find-the-level",
        "levels/level-3/#call-now",
        "levels/level-2/#call-now",
        "levels/level-1/#call-now",
        "index/",
    ]


def test_new_pages_follow_the_plan_and_the_nav_groups_playbooks() -> None:
    from generator.site.render import site_nav

    plan = load_valid_plan(EXAMPLE, TODAY)
    paths = [p for p, _ in page_paths(plan)]
    assert [p for p in paths if p.startswith("playbooks/")] == [
        "playbooks/account-compromised.md",
        "playbooks/offensive-post.md",
    ]
    assert paths[-1] == "notes/principles.md"
    nav = site_nav(plan)
    hacked = "An account is hacked or posts what we did not write"
    assert nav[3] == {
        "Playbooks": [
            {hacked: "playbooks/account-compromised.md"},
            {"One of our posts offends people": "playbooks/offensive-post.md"},
        ]
    }


def test_a_plan_without_playbooks_offers_the_finder_alone() -> None:
    index = render_pages(load_valid_plan(MINIMAL, TODAY), STUB_SVG)["index.md"]
    assert "[Find the level: a few yes-or-no questions]" in index
    assert "What is happening?" not in index and "runbook-choices" not in index


def test_statement_places_follow_posting_order() -> None:
    from generator.shared.places import posting_order

    plan = load_valid_plan(EXAMPLE, TODAY)
    places = posting_order(plan, ("member-alerts", "x", "youtube-channel"))
    assert [p.label for p in places] == [
        "Member alert texts (alert texts)",
        "x: @northwind",
        "youtube: Northwind Outfitters",
    ]
    assert places[0].how[0].startswith("Log in to the alert console")


def test_a_rota_in_a_table_cell_cannot_split_the_row(tmp_path: Path) -> None:
    from generator.site.sections import rota_today_html

    text = (
        MINIMAL.read_text()
        .replace("name: Ann Lee", "name: Ann | Lee")
        .replace(
            "    contacts: [ann, bob]\n",
            "    contacts: [ann, bob]\n    rotation:\n      starts: 2026-11-02\n"
            "      every_days: 7\n      order: [ann, bob]\n",
        )
    )
    path = tmp_path / "p.yaml"
    path.write_text(text)
    plan = load_valid_plan(path, TODAY)
    cell = str(rota_today_html(plan, plan.role("lead")))
    assert "|" not in cell and "Ann &#124; Lee" in cell
    level = render_pages(plan, STUB_SVG)["levels/level-3.md"]
    row = next(line for line in level.splitlines() if line.startswith("| **Accountable**"))
    assert row.count("|") == 4
