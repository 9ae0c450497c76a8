"""The words the print templates add around the plan's text, in the plan's language.

The Typst templates hold no English of their own: they show ``w.<key>`` (``data.words``),
and fill a message's ``%(name)s`` places with ``tr`` (``templates/print/common.typ``).
The messages come from the catalog (``generator/shared/i18n.py``), not formatted here.
"""

from __future__ import annotations

from generator.shared.i18n import current_language, gettext_, pgettext_

# Words the templates once held as markup, where Typst made an apostrophe typographic
# (U+2019 in "level's"); data is set as written, so these keep that look (the rest were
# strings, set with straight apostrophes)
TYPOGRAPHIC = ("cover_call", "recovery_page")


def print_words() -> dict[str, str]:
    """Every word of the print templates, keyed as the templates name them."""
    words = _words()
    for key in TYPOGRAPHIC:
        words[key] = words[key].replace("'", "\u2019")
    return words


def _words() -> dict[str, str]:
    return {
        "lang": current_language().split("_")[0],
        # the runbook
        "version": gettext_("Version %(version)s"),
        "page_of": gettext_("Page %(page)s of %(pages)s"),
        "cover_line": gettext_(
            "Version %(version)s · last reviewed %(reviewed)s · next review due %(due)s"
        ),
        "crisis_now": gettext_("In a crisis now?"),
        "cover_find": gettext_(
            "Find the level with the questions below (the flowchart: page %(page)s)."
        ),
        "cover_call": gettext_(
            "Call the level's owner (below), then open the level's page: who does what, "
            "what to do first."
        ),
        "cover_hacked": gettext_(
            "Accounts hacked? Lock them with the credentials checklists (page %(page)s)."
        ),
        "what_happening": gettext_("What is happening?"),
        "title_page": gettext_("%(title)s (page %(page)s)"),
        "find_level": gettext_("Find the level"),
        "yes": gettext_("Yes"),
        "no": gettext_("No"),
        "when_unsure": gettext_("When unsure:"),
        "owners_call": gettext_("Level owners: call in this order"),
        "level": gettext_("Level"),
        "owner": gettext_("Owner"),
        "call_first": gettext_("Call first"),
        "then": gettext_("Then"),
        "page": gettext_("Page"),
        "crisis_mark": gettext_("marks a crisis level: the crisis plan starts."),
        "contents": gettext_("Contents"),
        "flowchart": gettext_("Severity flowchart"),
        "flowchart_alt": gettext_(
            "The severity flowchart: the questions below, as a diagram; each level box gives "
            "the owner's number and the level's page"
        ),
        "questions": gettext_("The questions"),
        "level_name": gettext_("Level %(n)s: %(name)s"),
        "crisis": gettext_("Crisis."),
        "situations": gettext_("Typical situations:"),
        "who_does_what": gettext_("Who does what"),
        "part": gettext_("Part"),
        "role": gettext_("Role"),
        "backups": gettext_("Backups"),
        "no_target": gettext_("no target set"),
        "within_minutes": gettext_("within %(minutes)s minutes"),
        "no_cadence": gettext_("no cadence set"),
        "every_minutes": gettext_("every %(minutes)s minutes"),
        "pause_all": gettext_("PAUSE THEM ALL"),
        "keep_running": gettext_("keep them running"),
        "timing": gettext_(
            "First response: %(respond)s · updates: %(update)s · scheduled posts: %(posts)s"
        ),
        "actions": gettext_("Actions"),
        "signals": gettext_("You may be here if:"),
        "leads_it": gettext_("Leads it:"),
        "declare": gettext_("declare while you find out more:"),
        "level_n": gettext_("level %(n)s"),
        "steps": gettext_("Steps"),
        "see": gettext_("see %(where)s"),
        "public_statements": gettext_("Public statements:"),
        "staff_templates": gettext_("Staff templates:"),
        "roles": gettext_("Roles and chain of command"),
        # TRANSLATORS: the letters of the RACI matrix: Accountable, Responsible, Consulted,
        # Informed (one letter each, as the words below begin in your language)
        "letter_a": pgettext_("RACI", "A"),
        "letter_r": pgettext_("RACI", "R"),
        "letter_c": pgettext_("RACI", "C"),
        "letter_i": pgettext_("RACI", "I"),
        "raci_a": gettext_("accountable (owns the response)"),
        "raci_r": gettext_("responsible (does the work)"),
        "raci_c": gettext_("consulted"),
        "raci_i": gettext_("informed"),
        # TRANSLATORS: a severity level in short, in a table's header ("L3")
        "level_short": gettext_("L%(n)s"),
        "duties_calls": gettext_("Duties and call lists"),
        "primary": gettext_("Primary"),
        "backup": gettext_("Backup"),
        "on_call": gettext_("On call:"),
        "next_shifts": gettext_("Next shifts:"),
        "from_to": gettext_("%(from)s to %(to)s:"),
        "contacts": gettext_("Contacts"),
        "name": gettext_("Name"),
        "phone": gettext_("Phone"),
        "email": gettext_("Email"),
        "chat": gettext_("Chat"),
        "timezone": gettext_("Time zone"),
        "details": gettext_("Details"),
        "thresholds": gettext_("Escalation thresholds"),
        "counted_tool": gettext_(
            "Counted: %(measure)s in %(tool)s, per %(minutes)s-minute window."
        ),
        "counted": gettext_("Counted: %(measure)s, per %(minutes)s-minute window."),
        "highest_rule": gettext_("A window matches the highest rule it satisfies."),
        "rule": gettext_("Rule"),
        "more_than": gettext_("More than"),
        "for": gettext_("For"),
        "notify": gettext_("Notify"),
        "windows": gettext_("%(n)s window(s)"),
        "internal_comms": gettext_("Internal comms"),
        "comms_from": gettext_("From level %(level)s on, staff hear it from us first."),
        "protocol": gettext_("Protocol"),
        "staff_may": gettext_("Staff may"),
        "staff_must_not": gettext_("Staff must not"),
        "templates": gettext_("Templates"),
        "subject": gettext_("Subject:"),
        "statements": gettext_("External statements"),
        "after_action": gettext_("After-action review"),
        "review_rule": gettext_(
            "Incidents at level %(level)s or above get a review within %(days)s days, "
            "run by %(owner)s (%(person)s)."
        ),
        "exercises": gettext_("Exercises"),
        "open_follow_ups": gettext_("Open follow-ups by owner"),
        "due_from": gettext_("(due %(due)s; from the %(source)s)"),
        "history": gettext_("History"),
        "exercise_head": gettext_("%(date)s: %(kind)s, level %(level)s"),
        "participants": gettext_("Participants:"),
        "findings": gettext_("Findings:"),
        "done": gettext_("Done"),
        "open": gettext_("Open"),
        "owner_due": gettext_("(%(owner)s, due %(due)s)"),
        "credentials": gettext_("Credentials"),
        "logins": gettext_("Every login is in %(manager)s, vault %(vault)s. Access:"),
        "manager_down": gettext_("If the password manager is down:"),
        "rotate_when_head": gettext_("Rotate every login when"),
        "vault_item": gettext_("Vault item:"),
        "login_email": gettext_("login email:"),
        "second_factor": gettext_("second factor:"),
        "weak": gettext_("(weak)"),
        "owner_lower": gettext_("owner:"),
        "admins": gettext_("Admins:"),
        "if_hacked": gettext_("If hacked:"),
        "recovery_page": gettext_("the platform's recovery page"),
        "someone_platform": gettext_("Someone at the platform:"),
        # the pocket cards
        "pocket_cards": gettext_("Pocket cards"),
        "card_line": gettext_("version %(version)s · reviewed %(reviewed)s"),
        "levels_owner": gettext_("Levels: the owner, and whom to call in turn"),
        "owner_order": gettext_("Owner: call in this order"),
        "call_logins": gettext_("Accounts hacked? Call for the logins"),
        "your_job": gettext_("Your job"),
        "your_part": gettext_("Your part at each level"),
        "you_are": gettext_("You are"),
        "respond": gettext_("Respond"),
        "updates": gettext_("Updates"),
        "minutes_short": gettext_("%(minutes)s min"),
        "whom_you_call": gettext_("Whom you call, in this order"),
        "on_call_from": gettext_("On call, in turn from"),
        "level_todo": gettext_("Level %(n)s: what to do"),
        "pause_posts": gettext_("(pause all scheduled posts)"),
        "notify_you": gettext_("Thresholds that notify you"),
        "you_rotate": gettext_("Accounts hacked? You rotate the logins"),
        "if_down": gettext_("If it is down:"),
        "rotate_when": gettext_("Rotate when:"),
        "pause_first": gettext_("First pause scheduled posts:"),
        "every_account": gettext_("Then, for every account:"),
        "tell_owners": gettext_("Then tell the accounts' owners"),
        "playbook_title": gettext_("Playbook: %(title)s"),
        "you_lead": gettext_("(you lead it)"),
        "nothing_else": gettext_("Nothing else: the front says your part and whom you call."),
        # the drill kit
        "drill_doc": gettext_("Tabletop drill, level %(n)s"),
        "drill_kit": gettext_("Tabletop drill kit"),
        "drill_footer": gettext_("Plan version %(version)s · seed %(seed)s"),
        "drill_title": gettext_("Tabletop drill: level %(n)s (%(name)s)"),
        "drill_intro": gettext_(
            "%(minutes)s minutes · for the facilitator: read each inject aloud at its time, "
            "then let the team work; the observer ticks what the plan expects and notes "
            "what happened."
        ),
        "playbook": gettext_("Playbook:"),
        "scenario": gettext_("Scenario:"),
        "timeline": gettext_("Timeline"),
        "calls_in_order": gettext_("Calls, in order:"),
        "uses": gettext_("Uses:"),
        "from_plan": gettext_("From the plan:"),
        "what_happened": gettext_("What happened:"),
        "inject_head": gettext_("T+%(minutes)s min: %(title)s"),
        "tell_team": gettext_("Tell the team:"),
        "what_learn": gettext_("What did we learn?"),
    }
