"""The words runbook.js adds to a page (its ``T`` object), in the plan's language.

The script carries the English; a page in another language carries these in a hidden
element (``#runbook-words``, JSON in an attribute), which the script reads on every page
it prepares, with the language for the dates it writes (``Intl.DateTimeFormat``). So the
words travel with the page: from file://, offline from the service worker's cache, and
in a host site alike.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from generator.shared.i18n import current_language, gettext_

WORDS_ID = "runbook-words"


def js_words() -> dict[str, str]:
    """Every word of runbook.js, keyed as its ``T`` object names them."""
    return {
        "accountable": gettext_("Accountable: %(role)s"),
        "callFirst": gettext_("Call first"),
        "onCallToday": gettext_("On call today"),
        "writeFirst": gettext_("Write first"),
        "backup": gettext_("Backup %(n)s"),
        "noBackup": gettext_("No backup is named for this role."),
        "copy": gettext_("Copy the message"),
        "copied": gettext_("Copied"),
        "copyArea": gettext_("The message, to copy"),
        "fillIn": gettext_("Fill in before copying (optional)"),
        "stillEmpty": gettext_("Still empty: %(names)s"),
        "pressAndHold": gettext_("Press and hold the text above (or use Ctrl+C) to copy it."),
        "levelName": gettext_("Level %(n)s: %(name)s"),
        "someone": gettext_("someone"),
        "logTitle": gettext_("Incident log: %(plan)s"),
        "logHeading": gettext_("Incident log"),
        "logNote": gettext_(
            "Kept only in this browser (its local storage); nothing is sent anywhere."
        ),
        "logName": gettext_("Your name"),
        "logStarted": gettext_("Started %(time)s."),
        "logStartedBy": gettext_("Started %(time)s by %(name)s."),
        "logStartedLabel": gettext_("Started: %(time)s"),
        "logStartedLabelBy": gettext_("Started: %(time)s by %(name)s"),
        "logClosed": gettext_("Closed: %(time)s"),
        "logOpen": gettext_("open"),
        "logLevelFrom": gettext_("Level %(n)s (%(name)s) from %(time)s"),
        "logDone": gettext_("Done"),
        "logNotDone": gettext_("Not done"),
        "logNothing": gettext_("nothing ticked"),
        "logAll": gettext_("every action was done"),
        "logOpenAt": gettext_("An incident is open at level %(n)s (%(name)s), started %(time)s."),
        "logMove": gettext_("Move the incident, with its log, to level %(n)s"),
        "logTickStarts": gettext_("Ticking an action starts an incident at this level too."),
        "logStart": gettext_("Start an incident at level %(n)s"),
        "logNextUpdate": gettext_(
            "Next status update due at %(time)s (every %(minutes)s minutes)."
        ),
        "logClose": gettext_("Close the incident and export the log"),
        "logExport": gettext_("The log, for the after-action review"),
        "logCopy": gettext_("Copy the log"),
        "logDownload": gettext_("Download it"),
        "logEarlier": gettext_("Closed incidents in this browser"),
        "logEarlierItem": gettext_("%(time)s, Level %(levels)s"),
        "offlineSaved": gettext_("Saved on this device for use with no network: %(time)s"),
        "offlineShowing": gettext_("No network: showing the copy saved on this device on %(time)s"),
        "overdue": gettext_("%(date)s (overdue)"),
        "verified": gettext_("verified"),
        "stale": gettext_("stale"),
        "search": gettext_("Search"),
        "findLevel": gettext_("Find the level"),
        "question": gettext_("Question %(n)s"),
        "yes": gettext_("Yes"),
        "no": gettext_("No"),
        "levelCrisis": gettext_("Level %(n)s: %(name)s (a crisis)"),
        "openLevel": gettext_("Open the level page"),
        "back": gettext_("Back"),
        "startOver": gettext_("Start over"),
        "whenUnsure": gettext_("When unsure: %(text)s"),
        "onCallTodayAfter": gettext_("(on call today)"),
        "onCallTodayLabel": gettext_("On call today:"),
        "until": gettext_("(until %(date)s)"),
        "fromDay": gettext_("From %(date)s:"),
        "nextShifts": gettext_("Next shifts:"),
    }


def words_element() -> Markup:
    """The hidden element that hands runbook.js its words and the language for dates;
    nothing in English (the script's own words are English)."""
    lang = current_language()
    if lang == "en":
        return Markup("")
    data = json.dumps({"lang": lang.replace("_", "-"), **js_words()}, ensure_ascii=False)
    # escaped for the attribute only: the catalog's words are trusted, and may hold the
    # no-break spaces (French) and direction marks (Arabic) their language writes
    return Markup(f'<div hidden id="{WORDS_ID}" data-words="{escape(data)}"></div>')
