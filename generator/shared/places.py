"""Where a statement is posted, in posting order: a platform name stands for every
account on it, an account id for that account, a channel id for the owned channel.
The site and the PDF both show it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.plan.model import Plan
from generator.shared.i18n import _


def channel_kinds() -> dict[str, str]:
    """An owned channel's kind in words, in the current language."""
    return {
        "email-list": _("e-mail list"),
        "sms-alert": _("alert texts"),
        "website": _("website"),
        "intranet": _("intranet"),
        "hotline": _("hotline"),
        "press-list": _("press list"),
        "chat": _("chat"),
        "other": _("channel"),
    }


@dataclass(frozen=True)
class Place:
    """One stop of a statement's posting order: what it is and how to post there."""

    kind: str  # "account" or "channel"
    label: str
    url: str | None = None
    owner: str | None = None
    how: tuple[str, ...] = ()


def posting_order(plan: Plan, channels: tuple[str, ...]) -> list[Place]:
    """A statement's channels as places, in posting order: a platform name stands for
    every account on it, an account id for that account, a channel id for the channel."""
    owned = {c.id: c for c in plan.channels}
    accounts = {a.id: a for a in plan.social_accounts}
    out: list[Place] = []
    for name in channels:
        if name in owned:
            c = owned[name]
            kind = channel_kinds().get(c.kind, c.kind)
            out.append(Place("channel", f"{c.name} ({kind})", c.url, c.owner, c.how))
        elif name in accounts:
            a = accounts[name]
            out.append(Place("account", f"{a.platform}: {a.handle}", a.url, a.owner))
        else:
            out += [
                Place("account", f"{a.platform}: {a.handle}", a.url, a.owner)
                for a in plan.social_accounts
                if a.platform == name
            ]
    return out
