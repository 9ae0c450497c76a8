"""Contacts' e-mail and accounts' logins at public webmail: a warning.

The plan is copied around (the site, the PDF, pocket cards, printouts), and the
people in it move on. A work address is the company's: it can be revoked the day
its owner leaves, and the company can still read what reaches it. A private
mailbox at a public webmail service stays the person's, and whatever the
runbook sends there (an alert, a call to act on the accounts) goes on reaching
someone who may no longer be on the team. A social account whose login is such
a mailbox can be taken over by whoever holds it, through a password reset.

The list is small and deliberate: the large consumer services, by domain, and
the services that run the same mailbox under many country domains, by their
first label (``yahoo.co.uk``, ``hotmail.fr``, ``gmx.at``, ``yandex.kz``).
"""

from __future__ import annotations

import re
from typing import Any

from generator.plan.access import entries
from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document

PUBLIC_WEBMAIL = frozenset(
    {
        # Google, Microsoft, Apple, AOL
        "gmail.com",
        "googlemail.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "ymail.com",
        # privacy-minded services
        "proton.me",
        "protonmail.com",
        "pm.me",
        "tutanota.com",
        "tuta.io",
        # Europe
        "web.de",
        "t-online.de",
        "mail.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        # Russia, China, Korea, India
        "mail.ru",
        "ya.ru",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "rediffmail.com",
        "zoho.com",
    }
)
# one service under many country domains: yahoo.com, yahoo.co.uk, hotmail.com.br, ...
PUBLIC_WEBMAIL_FAMILIES = frozenset({"yahoo", "hotmail", "outlook", "live", "gmx", "yandex"})
# what may follow a family's name: a top-level domain, or a country's "co." / "com."
_COUNTRY_SUFFIX = re.compile(r"^(?:[a-z]{2,3}|(?:co|com)\.[a-z]{2})$")


def webmail_domain(email: str) -> str | None:
    """The domain of ``email`` when it is a public webmail service's, else ``None``."""
    domain = email.rpartition("@")[2].strip().rstrip(".").lower()
    if domain in PUBLIC_WEBMAIL:
        return domain
    family, _, rest = domain.partition(".")
    if family in PUBLIC_WEBMAIL_FAMILIES and _COUNTRY_SUFFIX.match(rest):
        return domain
    return None


def webmail_diagnostics(doc: Document) -> list[Diagnostic]:
    """A warning for each contact's e-mail, and each account's login, at public webmail."""
    addresses = [
        (path, "email", entry, _contact_message) for path, entry in entries(doc.data, "contacts")
    ] + [
        (path, "login_email", entry, _login_message)
        for path, entry in entries(doc.data, "social_accounts")
    ]
    out: list[Diagnostic] = []
    for path, key, entry, message in addresses:
        email = entry.get(key)
        domain = webmail_domain(email) if isinstance(email, str) and "@" in email else None
        if domain is not None:
            out.append(doc.diagnostic((*path, key), message(entry, domain), severity="warning"))
    return out


def _contact_message(contact: dict[str, Any], domain: str) -> str:
    return (
        f"{contact.get('name', 'this contact')}'s e-mail is at {domain}, a public webmail "
        "service: the plan is copied around and outlives jobs, and only a work address can "
        "be revoked when its owner leaves; use their work address"
    )


def _login_message(account: dict[str, Any], domain: str) -> str:
    return (
        f"{account.get('handle', 'this account')} signs in with an address at {domain}, a "
        "public webmail service: whoever holds that mailbox can reset the account's "
        "password, even after leaving; use a shared work address"
    )
