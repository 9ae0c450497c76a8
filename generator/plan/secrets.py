"""Find secrets in a plan: by key name and by value.

A plan is read by many people and lives in git; a password, token or
recovery code in it is a leak. Every finding tells the author to keep the
secret in the password manager and reference the vault item instead.

detect-secrets was evaluated as the detector (its plugins, as a library). Its
known-format plugins cover the same token shapes as the list below, but it
imports ``requests`` (about 90 ms on the ``validate`` path, whose whole budget
is 300 ms), and its line-scanning entropy plugins flag ordinary sentences
("reset the password in 1Password" gave five findings). So the token formats
stay a short list here, and the plan-specific rules (prose passwords in a few
languages, logins in URLs, webhooks, authenticator seeds, backup-code lists,
password-like vault items) live beside them; ``tests/plan/secrets/`` holds the
corpus of what must and must not be caught.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document, NodePath

ADVICE = (
    "a plan must never hold a secret: keep it in the password manager and reference "
    "the vault item (`vault_item`) instead"
)

_SECRET_WORDS = (
    r"password|passwort|passwd|passcode|pass code|kennwort|mot de passe|contrase(?:ñ|n)a|"
    r"senha|wachtwoord|l(?:ö|o)senord|has(?:ł|l)o|pwd|pw|pin"
)

_SECRET_KEY = re.compile(
    r"(?:^|_)(?:passwords?|passwd|passphrase|passcode|pwd|pw|pin|secrets?|tokens?|"
    r"api_?keys?|apikey|private_keys?|access_keys?|client_secret|recovery_codes?|"
    r"backup_codes?|otp|totp|seed|credentials?)(?:$|_)"
)

_TOKEN_FORMATS: list[tuple[str, re.Pattern[str]]] = [
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY")),
    ("an AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    (
        "a GitHub token",
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
    ),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("a Stripe key", re.compile(r"\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}")),
    ("an API key", re.compile(r"\bsk-[A-Za-z0-9_-]{20,}")),
    (
        "a JSON web token",
        re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ),
    (
        "a password written out",
        re.compile(
            rf"(?i)\b(?:{_SECRET_WORDS}|api[ _-]?key|token|secret|"
            r"recovery codes?|backup codes?)\s*[:=]\s*\S{3,}"
        ),
    ),
    ("a login inside a web address", re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@")),
    (
        "a chat webhook address (anyone with it can post as you)",
        re.compile(
            r"(?i)https?://(?:hooks\.slack\.com/(?:services|workflows|triggers)/|"
            r"(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d|"
            r"[\w.-]+\.webhook\.office\.com/|outlook\.office\.com/webhook/|"
            r"chat\.googleapis\.com/v1/spaces/[^\s]*key=)"
        ),
    ),
    (
        "an authenticator (TOTP) seed",
        re.compile(
            r"(?<![A-Za-z0-9])(?=[A-Z2-7 ]*[2-7])(?:[A-Z2-7]{4} ?){3}[A-Z2-7]{4}"
            r"(?:(?: ?[A-Z2-7]{4}){1,4})?(?![A-Za-z0-9])"
        ),
    ),
]

_CANDIDATE = re.compile(r"[A-Za-z0-9+/=_\-]{20,}")
# "the password is hunter2", "Passwort: ...", "PIN is 4821", in any of a few languages
_PROSE_SECRET = re.compile(
    rf"(?i)\b(?:{_SECRET_WORDS})\s+(?:is|was|ist|est|es|é|=|:)\s+[\"'`]?([^\s\"'`,;]+)"
)
# words that follow "the password is" in instructions, not a password
_NOT_A_VALUE_WORDS = (
    "in on at the a an our your their its kept stored saved held managed shared changed "
    "rotated reset set updated known listed written found here there not never only also "
    "available required needed unknown nowhere always still with by from under inside "
    "im der die das le la el dans en no"
)
_NOT_A_VALUE = frozenset(_NOT_A_VALUE_WORDS.split())
# backup codes: groups like 4821-9932 or 8 digits, three or more in one text or list
_BACKUP_CODE = re.compile(r"(?<![\w-])(?=\w*\d)[A-Za-z0-9]{4,5}[- ]?[A-Za-z0-9]{4,5}(?![\w-])")


def looks_like_secret_key(key: str) -> bool:
    """Whether a key's name says it holds a secret (``password``, ``api-key``, ...)."""
    norm = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")
    return bool(_SECRET_KEY.search(norm))


def _entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(n / len(s) * math.log2(n / len(s)) for n in counts.values())


def _high_entropy(token: str) -> bool:
    has_digit = any(c.isdigit() for c in token)
    has_alpha = any(c.isalpha() for c in token)
    if not (has_digit and has_alpha) or "--" in token:
        return False
    # slugs made of words and numbers (customer-support-2026) are not random
    if all(part.isalpha() or part.isdigit() for part in re.split(r"[-_]", token) if part):
        return False
    mixed_case = any(c.islower() for c in token) and any(c.isupper() for c in token)
    entropy = _entropy(token)
    if len(token) >= 32 and all(c in "0123456789abcdefABCDEF" for c in token):
        return entropy >= 3.0  # a long hex string is a hash or a key
    if len(token) >= 32 and entropy >= 3.5:
        return True
    return len(token) >= 20 and mixed_case and entropy >= 3.8


def secret_in_text(text: str, *, allow_urls: bool = False) -> tuple[str, int] | None:
    """What kind of secret ``text`` seems to hold and where, or ``None``.

    ``allow_urls`` is kept for callers that check a URL field; URLs are read
    part by part either way, so a token inside one is still found."""
    for name, pattern in _TOKEN_FORMATS:
        m = pattern.search(text)
        if m:
            return name, m.start()
    for m in _PROSE_SECRET.finditer(text):
        value = m.group(1)
        if value.lower().strip(".!?") not in _NOT_A_VALUE and len(value) >= 3:
            return "a password written out", m.start()
    codes = _BACKUP_CODE.findall(text)
    if len(codes) >= 3 and not _looks_like_phones(text):
        return "a list of backup codes", text.index(codes[0])
    for m in re.finditer(r"[A-Za-z0-9+=_\-]{16,}", _public_url_parts_blanked(text)):
        # handles and e-mail addresses too: a token can hide after @
        if _high_entropy(m.group()):
            return "a random string (like a token or password)", m.start()
    return None


_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s<>\"']+")
_SENSITIVE_SEGMENT = re.compile(r"(?i)^(?:reset|token|invite|auth|login|key|secret|verify|magic)")


def _public_url_parts_blanked(text: str) -> str:
    """``text`` with the public parts of its URLs (host, and path segments such as a
    channel id) blanked out, so only queries, fragments and segments after ``reset/``,
    ``token/`` and the like are searched for random tokens. Positions are kept."""

    def blank(m: re.Match[str]) -> str:
        url = m.group()
        head, _, rest = url.partition("://")
        path, sep, tail = _split_tail(rest)
        segments = path.split("/")
        kept = [
            seg if i > 0 and _SENSITIVE_SEGMENT.match(segments[i - 1]) else " " * len(seg)
            for i, seg in enumerate(segments)
        ]
        return " " * (len(head) + 3) + "/".join(kept) + sep + tail

    return _URL.sub(blank, text)


def _split_tail(rest: str) -> tuple[str, str, str]:
    """A URL's part after ``://`` as (host and path, ``?`` or ``#`` or "", the rest)."""
    m = re.search(r"[?#]", rest)
    return (rest, "", "") if m is None else (rest[: m.start()], m.group(), rest[m.end() :])


def _looks_like_phones(text: str) -> bool:
    return bool(re.search(r"\+\d", text)) and not re.search(r"[A-Za-z]\d|\d[A-Za-z]", text)


def backup_codes_in_list(values: list[Any]) -> bool:
    """A list of three or more short codes (``4821-9932``, ``93817264``) is backup codes."""
    texts = [v.strip() for v in values if isinstance(v, str)]
    return len(texts) >= 3 and all(_BACKUP_CODE.fullmatch(t) for t in texts)


def password_like(text: str) -> bool:
    """One word mixing at least three of lower case, upper case, digits and symbols."""
    if " " in text.strip() or len(text) < 8:
        return False
    classes = [
        any(c.islower() for c in text),
        any(c.isupper() for c in text),
        any(c.isdigit() for c in text),
        any(not c.isalnum() for c in text),
    ]
    return sum(classes) >= 3


def _walk(data: Any, path: NodePath) -> Iterator[tuple[NodePath, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, (*path, i))


def secret_diagnostics(doc: Document, known_keys: frozenset[str]) -> list[Diagnostic]:
    """Every secret-looking key name or value in the plan."""
    out: list[Diagnostic] = []
    for path, value in _walk(doc.data, ()):
        key = path[-1] if path else None
        if isinstance(key, str) and key not in known_keys and looks_like_secret_key(key):
            out.append(
                doc.diagnostic(
                    path, f"the key `{key}` looks like it holds a secret; {ADVICE}", at_key=True
                )
            )
            continue
        if isinstance(value, list) and backup_codes_in_list(value):
            out.append(doc.diagnostic(path, f"this list looks like backup codes; {ADVICE}"))
            continue
        if isinstance(value, str):
            found = secret_in_text(value, allow_urls=key == "url")
            if found:
                name, index = found
                out.append(doc.diagnostic_in_text(path, index, f"this looks like {name}; {ADVICE}"))
            elif key == "vault_item" and password_like(value):
                out.append(
                    doc.diagnostic(
                        path,
                        "`vault_item` looks like a password, not the name of a vault item; "
                        "write the item's name as the password manager shows it, such as "
                        "Social Media / X @brand",
                    )
                )
    return out
