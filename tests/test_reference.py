"""`runbook help format [SECTION]`: the plan format reference, whole or by section."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main
from generator.shared.reference import reference_text, sections, slug


def test_sections_answer_to_their_keys_and_slugs() -> None:
    names = {name for part in sections(reference_text()) for name in part.names}
    assert {"triage", "roles", "contacts", "credentials", "how-runbook-reads-yaml"} <= names
    assert slug("social_accounts, `scheduling_tools`") == "social_accounts-scheduling_tools"


def test_a_heading_in_a_code_block_is_not_a_section() -> None:
    text = "# T\n\n## One\n\n```yaml\n## not a heading\n```\n\n### two_keys\n\nx\n\n## Three\n"
    parts = sections(text)
    assert [p.names[0] for p in parts] == ["one", "two_keys", "three"]
    assert "## not a heading" in parts[0].text and "### two_keys" in parts[0].text
    assert "## Three" not in parts[0].text


def test_help_format_section_and_unknown_section() -> None:
    shown = CliRunner().invoke(main, ["help", "format", "Roles"])
    assert shown.exit_code == 0 and shown.output.startswith("### contacts and roles")
    playbooks = CliRunner().invoke(main, ["help", "format", "playbooks"])
    assert playbooks.exit_code == 0 and "start_level" in playbooks.output
    unknown = CliRunner().invoke(main, ["help", "format", "playbok"])
    assert unknown.exit_code == 2
    assert "no section `playbok`" in unknown.output and "severity_levels" in unknown.output
