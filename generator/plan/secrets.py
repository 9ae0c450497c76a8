"""Find secrets in a plan: by key name and by value.

A plan is read by many people and lives in git; a password, token or
recovery code in it is a leak. Every finding tells the author to keep the
secret in the password manager and reference the vault item instead.
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
            r"(?i)\b(?:password|passwd|passcode|pwd|pw|pin|api[ _-]?key|token|secret|"
            r"recovery codes?|backup codes?)\s*[:=]\s*\S{3,}"
        ),
    ),
]

_CANDIDATE = re.compile(r"[A-Za-z0-9+/=_\-]{20,}")


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
    """What kind of secret ``text`` seems to hold and where, or ``None``."""
    for name, pattern in _TOKEN_FORMATS:
        m = pattern.search(text)
        if m:
            return name, m.start()
    if allow_urls:
        return None
    for m in _CANDIDATE.finditer(text):
        start = m.start()
        word_start = text.rfind(" ", 0, start) + 1
        word = text[word_start : text.find(" ", start) if " " in text[start:] else len(text)]
        if "://" in word or "@" in word:
            continue  # addresses and handles are not secrets
        if _high_entropy(m.group()):
            return "a random string (like a token or password)", start
    return None


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
        if isinstance(value, str):
            found = secret_in_text(value, allow_urls=key == "url")
            if found:
                name, index = found
                out.append(doc.diagnostic_in_text(path, index, f"this looks like {name}; {ADVICE}"))
    return out
