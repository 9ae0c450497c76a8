"""Keep the runbook's pages out of search engines, and say their classification in the title.

The runbook holds staff's phone numbers and who can reach which account. Where it is
hosted decides who can read it (docs/hosting.md); these marks are defence in depth for
the day a site is reachable by mistake: every runbook page asks robots not to index it
or follow its links, and its ``<title>`` (tabs, bookmarks, history, shared screens)
carries the plan's classification. A standalone site also ships a ``robots.txt`` that
disallows everything; a guest writes none into its host's root.
"""

from __future__ import annotations

import re

from generator.shared.escape import html

NOINDEX = '<meta name="robots" content="noindex, nofollow">'
# the whole site, for every crawler that reads robots.txt
ROBOTS_TXT = "User-agent: *\nDisallow: /\n"

_HEAD_END = re.compile(r"</head>", re.IGNORECASE)
_TITLE = re.compile(r"(<title\b[^>]*>)(.*?)(</title>)", re.IGNORECASE | re.DOTALL)


def mark_unlisted(page: str, classification: str | None) -> str:
    """A built page with the ``noindex, nofollow`` tag at the end of its head and the
    classification at the end of its title (escaped: plan text never becomes markup)."""
    if NOINDEX not in page:
        page = _HEAD_END.sub(lambda m: f"{NOINDEX}\n{m.group()}", page, count=1)
    if classification:
        label = html(classification)
        page = _TITLE.sub(
            lambda m: f"{m.group(1)}{_titled(m.group(2), label)}{m.group(3)}", page, count=1
        )
    return page


def _titled(title: str, label: str) -> str:
    title = title.strip()
    return f"{title} ({label})" if title else label
