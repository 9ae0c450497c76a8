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
from functools import lru_cache
from typing import Any

from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document, NodePath
from generator.plan.secret_forms import (
    BACKUP_CODE,
    CHECKED_FORMS,
    CODE_WORDS,
    DIGITS,
    NOT_A_VALUE,
    PRODUCTS,
    PROSE_NEEDLES,
    PROSE_SECRET,
    SECRET_KEY,
    STRONG_CODE,
    TIME_RANGE,
    TOKEN_FORMATS,
    YEAR_RANGE,
)
from generator.plan.secret_search import Scan, gate

ADVICE = (
    "a plan must never hold a secret: keep it in the password manager and reference "
    "the vault item (`vault_item`) instead"
)


def _ranges_or_dates(code: str) -> bool:
    """0900-1700 (office hours), 2025-2026 (a season) and 20261102 (a date) are not codes."""
    return bool(TIME_RANGE.fullmatch(code) or YEAR_RANGE.fullmatch(code))


def looks_like_secret_key(key: str) -> bool:
    """Whether a key's name says it holds a secret (``password``, ``api-key``, ...)."""
    norm = re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")
    return bool(SECRET_KEY.search(norm))


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


CACHED_TEXT = 4096  # characters: longer texts are rare, distinct, and not kept


def secret_in_text(text: str, *, allow_urls: bool = False) -> tuple[str, int] | None:
    """What kind of secret ``text`` seems to hold and where, or ``None``.

    ``allow_urls`` is kept for callers that check a URL field; URLs are read
    part by part either way, so a token inside one is still found."""
    return _cached_scan(text) if len(text) <= CACHED_TEXT else _scan(text)


_TOKEN_RUN = re.compile(r"[A-Za-z0-9+=_\-]{16,}")  # what may be a random token
_TOKEN_FORMATS = [(name, pattern, gate(needles)) for name, pattern, needles in TOKEN_FORMATS]
_CHECKED_FORMS = [(name, pattern, gate(needles)) for name, pattern, needles in CHECKED_FORMS]
_PROSE_GATE = gate(PROSE_NEEDLES)
_CODE_GATE = gate((DIGITS,))  # every backup code holds a digit


def _scan(text: str) -> tuple[str, int] | None:
    scan = Scan(text)
    held = scan.held  # a pattern runs only if its groups are all held
    for name, pattern, groups in _TOKEN_FORMATS:
        m = next(scan.matches(pattern), None) if all(map(held, groups)) else None
        if m:
            return name, m.start()
    for name, pattern, groups in _CHECKED_FORMS:
        if not all(map(held, groups)):
            continue
        for m in scan.matches(pattern):
            value = m.group(1).rstrip(".!?)")
            if value.lower() not in PRODUCTS and password_like(value):
                return name, m.start()
    if all(map(held, _PROSE_GATE)):
        for m in scan.matches(PROSE_SECRET):
            value = m.group(1)
            if value.lower().strip(".!?") not in NOT_A_VALUE and len(value) >= 3:
                return "a password written out", m.start()
    if all(map(held, _CODE_GATE)):
        found = _backup_codes(text)
        if found is not None:
            return found
    if not _TOKEN_RUN.search(text):  # blanking URLs only removes characters
        return None
    for m in _TOKEN_RUN.finditer(_public_url_parts_blanked(text)):
        # handles and e-mail addresses too: a token can hide after @
        if _high_entropy(m.group()):
            return "a random string (like a token or password)", m.start()
    return None


def _backup_codes(text: str) -> tuple[str, int] | None:
    codes = [c for c in BACKUP_CODE.findall(text) if not _ranges_or_dates(c)]
    if not codes:
        return None
    strong = [c for c in codes if STRONG_CODE.fullmatch(c)]
    only_codes = not BACKUP_CODE.sub("", text).strip(" ,;/\n")
    named = only_codes or bool(CODE_WORDS.search(text))
    two = len(strong) >= 2 and named
    # in prose that does not name codes, a word with a digit ("1Password") or a year
    # before a word ("2026 every") is no code: there, three must look like codes
    three = len(codes if named else [c for c in codes if _code_like(c)]) >= 3
    if (three or two) and not _looks_like_phones(text):
        return "a list of backup codes", text.index(codes[0])
    return None


# A pure function of its text: `runbook diff` checks two versions of a plan that share
# nearly every text, and a large plan repeats its phrases, so each short text is read once
# (at most 65,536 of them kept: a few MB, however long `serve` runs).
_cached_scan = lru_cache(maxsize=1 << 16)(_scan)


_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]{0,30}://[^\s<>\"']+")  # bounded: linear time
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

    return _URL.sub(blank, text) if "://" in text else text


def _split_tail(rest: str) -> tuple[str, str, str]:
    """A URL's part after ``://`` as (host and path, ``?`` or ``#`` or "", the rest)."""
    m = re.search(r"[?#]", rest)
    return (rest, "", "") if m is None else (rest[: m.start()], m.group(), rest[m.end() :])


def _code_like(code: str) -> bool:
    """A code as generated: a digit in each of its groups, and digits for a third of it
    or more (``4821-9932``, ``a1b2c-3d4e5``; not ``1Password`` or ``2026 every``)."""
    groups = re.split(r"[- ]", code)
    digits = sum(ch.isdigit() for ch in code)
    return all(any(ch.isdigit() for ch in g) for g in groups) and 3 * digits >= len(code)


def _looks_like_phones(text: str) -> bool:
    return bool(re.search(r"\+\d", text)) and not re.search(r"[A-Za-z]\d|\d[A-Za-z]", text)


def backup_codes_in_list(values: list[Any], key: object = None) -> bool:
    """Backup codes (``4821-9932``, ``93817264``) in a list: three or more items that are
    all codes, two that are all codes of the usual shapes, or two such codes in a list
    that names them, in its key or in another item (``["Backup codes:", "4821-9932",
    "1182-3345"]``)."""
    texts = [v.strip() for v in values if isinstance(v, str)]
    codes = [t for t in texts if BACKUP_CODE.fullmatch(t) and not _ranges_or_dates(t)]
    strong = [t for t in codes if STRONG_CODE.fullmatch(t)]
    if len(texts) >= 2 and len(codes) == len(texts) and (len(texts) >= 3 or strong == codes):
        return True
    if len(strong) < 2:  # before the join: a list may hold 40,000 items
        return False
    return bool(CODE_WORDS.search(" ".join([str(key or ""), *texts]).replace("_", " ")))


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
    """Every node, parents before children, in the plan's order (with a stack: nested
    generators cost a step per level for each of 40,000 list items)."""
    stack = [(path, data)]
    while stack:
        path, data = stack.pop()
        yield path, data
        if isinstance(data, dict):
            stack += reversed([((*path, key), value) for key, value in data.items()])
        elif isinstance(data, list):
            stack += reversed([((*path, i), value) for i, value in enumerate(data)])


def comment_diagnostics(doc: Document) -> list[Diagnostic]:
    """Secrets in the plan's comments: they are committed and read like the rest."""
    from generator.plan.comments import yaml_comments

    out: list[Diagnostic] = []
    for line, col, comment in yaml_comments(doc.text):
        found = secret_in_text(comment)
        if found:
            name, index = found
            message = f"this comment looks like {name}; comments are committed too; {ADVICE}"
            out.append(Diagnostic(doc.file, line, col + index, "", "error", message))
    return out


def secret_diagnostics(doc: Document, known_keys: frozenset[str]) -> list[Diagnostic]:
    """Every secret-looking key name, value or comment in the plan."""
    out: list[Diagnostic] = comment_diagnostics(doc)
    for path, value in _walk(doc.data, ()):
        key = path[-1] if path else None
        if isinstance(key, str) and key not in known_keys and looks_like_secret_key(key):
            out.append(
                doc.diagnostic(
                    path, f"the key `{key}` looks like it holds a secret; {ADVICE}", at_key=True
                )
            )
            continue
        if isinstance(value, list) and backup_codes_in_list(value, key):
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
