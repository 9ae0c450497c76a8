"""The words runbook.js adds to a page (its ``T`` object), in the plan's language.

The script carries the English; a page in another language carries these in a hidden
element (``#runbook-words``, JSON in an attribute), which the script reads on every page
it prepares, with the language for the dates it writes (``Intl.DateTimeFormat``). So the
words travel with the page: from file://, offline from the service worker's cache, and
in a host site alike.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.shared.escape import html
from generator.shared.i18n import current_language, gettext_

WORDS_ID = "runbook-words"


def js_words() -> dict[str, str]:
    """Every word of runbook.js, keyed as its ``T`` object names them."""
    return {
        "accountable": gettext_("Accountable: "),
        "callFirst": gettext_("Call first"),
        "onCallToday": gettext_("On call today"),
        "writeFirst": gettext_("Write first"),
        "backup": gettext_("Backup "),
        "noBackup": gettext_("No backup is named for this role."),
        "copy": gettext_("Copy the message"),
        "copied": gettext_("Copied"),
        "copyArea": gettext_("The message, to copy"),
        "fillIn": gettext_("Fill in before copying (optional)"),
        "stillEmpty": gettext_("Still empty: "),
        "pressAndHold": gettext_("Press and hold the text above (or use Ctrl+C) to copy it."),
        "level": gettext_("Level "),
        "from": gettext_(" from "),
        "by": gettext_(" by "),
        "every": gettext_("every "),
        "minutes": gettext_(" minutes"),
        "someone": gettext_("someone"),
        "logTitle": gettext_("Incident log: "),
        "logHeading": gettext_("Incident log"),
        "logNote": gettext_(
            "Kept only in this browser (its local storage); nothing is sent anywhere."
        ),
        "logName": gettext_("Your name "),
        "logStarted": gettext_("Started "),
        "logStartedAt": gettext_("started "),
        "logStartedLabel": gettext_("Started: "),
        "logClosed": gettext_("Closed: "),
        "logOpen": gettext_("open"),
        "logDone": gettext_("Done"),
        "logNotDone": gettext_("Not done"),
        "logNothing": gettext_("nothing ticked"),
        "logAll": gettext_("every action was done"),
        "logOpenAt": gettext_("An incident is open at level "),
        "logMove": gettext_("Move the incident, with its log, to level "),
        "logTickStarts": gettext_("Ticking an action starts an incident at this level too."),
        "logStart": gettext_("Start an incident at level "),
        "logNextUpdate": gettext_("Next status update due at "),
        "logClose": gettext_("Close the incident and export the log"),
        "logExport": gettext_("The log, for the after-action review"),
        "logCopy": gettext_("Copy the log"),
        "logDownload": gettext_("Download it"),
        "logEarlier": gettext_("Closed incidents in this browser"),
        "offlineSaved": gettext_("Saved on this device for use with no network: "),
        "offlineShowing": gettext_("No network: showing the copy saved on this device on "),
        "overdue": gettext_(" (overdue)"),
        "verified": gettext_("verified"),
        "stale": gettext_("stale"),
        "search": gettext_("Search"),
        "findLevel": gettext_("Find the level"),
        "question": gettext_("Question "),
        "yes": gettext_("Yes"),
        "no": gettext_("No"),
        "aCrisis": gettext_(" (a crisis)"),
        "openLevel": gettext_("Open the level page"),
        "back": gettext_("Back"),
        "startOver": gettext_("Start over"),
        "whenUnsure": gettext_("When unsure: "),
        "onCallTodayInline": gettext_(" (on call today)"),
        "onCallTodayLabel": gettext_("On call today: "),
        "until": gettext_(" (until %(date)s)"),
        "fromDay": gettext_("From %(date)s: "),
        "nextShifts": gettext_("Next shifts:"),
    }


def words_element() -> Markup:
    """The hidden element that hands runbook.js its words and the language for dates;
    nothing in English (the script's own words are English)."""
    lang = current_language()
    if lang == "en":
        return Markup("")
    data = json.dumps({"lang": lang.replace("_", "-"), **js_words()}, ensure_ascii=False)
    return Markup(f'<div hidden id="{WORDS_ID}" data-words="{html(data)}"></div>')
