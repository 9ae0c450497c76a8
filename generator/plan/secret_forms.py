"""What secrets look like in a plan: token formats, and the ways people write passwords,
seeds and backup codes in prose, as patterns. ``secrets`` applies them; the corpus in
``tests/plan/secrets/`` holds what they must and must not catch.
"""

from __future__ import annotations

import re

SECRET_WORDS = (
    r"password|passwort|passwd|passcode|pass code|kennwort|mot de passe|contrase(?:ñ|n)a|"
    r"senha|wachtwoord|l(?:ö|o)senord|has(?:ł|l)o|pwd|pw|pin"
)

# what a text must hold, folded, for one of SECRET_WORDS to be in it
SECRET_NEEDLES = (
    "pass",
    "kennwort",
    "contrase",
    "senha",
    "wachtwoord",
    "senord",
    "hasło",
    "haslo",
    "pw",
    "pin",
)
DIGITS = tuple("0123456789")
BASE32_DIGITS = tuple("234567")

# Needles: a pattern can match a text only if, for every group, one of the group's
# strings occurs in the text folded (lower case, see ``secrets.fold``). Testing that
# with ``in`` takes microseconds where a search takes a pass over the text, so a long
# text skips every pattern whose words or characters it does not hold.
# Groups of single characters come first: ``in`` finds those fastest.
# ``tests/plan/test_secret_needles.py`` checks the needles against the patterns.
Needles = tuple[tuple[str, ...], ...]

SECRET_KEY = re.compile(
    r"(?:^|_)(?:passwords?|passwd|passphrase|passcode|pwd|pw|pin|secrets?|tokens?|"
    r"api_?keys?|apikey|private_keys?|access_keys?|client_secret|recovery_codes?|"
    r"backup_codes?|otp|totp|seed|credentials?)(?:$|_)"
)

# links that open a file to anyone who has them: Dropbox, Google Docs, Sheets, Slides and
# Drive, OneDrive, Box
SHARE_LINK = (
    r"https?://(?:www\.)?(?:dropbox\.com/\S{0,300}?[?&]rlkey=|dropbox\.com/s/|"
    r"docs\.google\.com/(?:document|spreadsheets|presentation|forms)/d/|"
    r"drive\.google\.com/(?:file/d/|open\?id=|drive/folders/)|1drv\.ms/|onedrive\.live\.com/|"
    r"[\w.-]{0,100}\.box\.com/s/|[\w.-]{0,100}sharepoint\.com/:[a-z]:/)"
)

TOKEN_FORMATS: list[tuple[str, re.Pattern[str], Needles]] = [
    (
        "a private key",
        re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY"),
        (("-----begin ",), ("private key",)),
    ),
    ("an AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), (("akia", "asia"),)),
    (
        "a GitHub token",
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
        (("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),),
    ),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), (("xox",),)),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}"), (("aiza",),)),
    (
        "a Stripe key",
        re.compile(r"\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}"),
        (("k_live_", "k_test_"),),
    ),
    ("an API key", re.compile(r"\bsk-[A-Za-z0-9_-]{20,}"), (("sk-",),)),
    (
        "a JSON web token",
        re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
        (("eyj",),),
    ),
    (
        "a password written out",
        re.compile(
            rf"(?i)\b(?:{SECRET_WORDS}|api[ _-]?key|token|secret|"
            r"recovery codes?|backup codes?)\s*[:=]\s*"
            r"(?!(?:printed|offline|ask|see|sealed)\b)\S{3,}"
        ),
        ((":", "="), (*SECRET_NEEDLES, "key", "token", "secret", "recovery code", "backup code")),
    ),
    (
        "a login inside a web address",
        re.compile(r"(?i)\b[a-z][a-z0-9+.-]{0,30}://[^/\s:@]+:[^/\s@]+@"),
        (("@",), ("://",)),
    ),
    (
        "a chat webhook address (anyone with it can post as you)",
        re.compile(
            r"(?i)https?://(?:hooks\.slack\.com/(?:services|workflows|triggers)/|"
            r"(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d|"
            r"[\w.-]+\.webhook\.office\.com/|outlook\.office\.com/webhook/|"
            r"chat\.googleapis\.com/v1/spaces/[^\s]*key=)"
        ),
        (("://",),),
    ),
    (
        "an authenticator (TOTP) seed",
        re.compile(
            r"(?<![A-Za-z0-9])(?=[A-Z2-7 ]{0,40}[2-7])(?:[A-Z2-7]{4} ?){3}[A-Z2-7]{4}"
            r"(?:(?: ?[A-Z2-7]{4}){1,4})?(?![A-Za-z0-9])"
        ),
        (BASE32_DIGITS,),
    ),
    (  # jbsw y3dp ehpk 3pxp, JBSW-Y3DP-EHPK-3PXP: groups of four, as apps show them.
        # The first lookahead (four groups, which every match starts with) only makes it
        # fast: it fails at once in prose, where the 40-character lookaheads would run.
        "an authenticator (TOTP) seed",
        re.compile(
            r"(?i)(?<![\w-])(?=[a-z2-7]{4}[ -][a-z2-7]{4}[ -][a-z2-7]{4}[ -][a-z2-7]{4})"
            r"(?=[a-z2-7 -]{0,40}[2-7])(?=[a-z2-7 -]{0,40}[a-z])[a-z2-7]{4}([ -])"
            r"(?:[a-z2-7]{4}\1){2,7}[a-z2-7]{4}(?![\w-])"
        ),
        (BASE32_DIGITS, (" ", "-")),
    ),
    (  # jbswy3dpehpk3pxp, beside a word that says what it is
        "an authenticator (TOTP) seed",
        re.compile(
            r"(?i)\b(?:seed|secret|totp|2fa|mfa|authenticator|otp|setup key)\b\W{0,3}"
            r"(?:\w{1,30}\W{1,3}){0,3}(?=[a-z2-7]{0,64}[2-7])(?=[a-z2-7]{0,64}[a-z])[a-z2-7]{16,64}\b"
        ),
        (BASE32_DIGITS, ("seed", "secret", "otp", "2fa", "mfa", "authenticator", "setup key")),
    ),
    (  # share links to a file of logins or codes (anyone with the link can open it)
        "a link to a shared file of logins or codes",
        re.compile(
            r"(?i)(?:\b(?:logins?|passwords?|credentials?|codes?|2fa|mfa|secrets?|tokens?)\b"
            rf"[^\n]{{0,80}}?{SHARE_LINK}|{SHARE_LINK}[^\n]{{0,80}}?\b(?:logins?|passwords?|"
            r"credentials?|codes?|2fa|mfa|secrets?|tokens?)\b)"
        ),
        (("://",), ("login", "password", "credential", "code", "2fa", "mfa", "secret", "token")),
    ),
    (  # key 3f9a2b7c1d8e, token dG9rZW4xMjM=, code: A1b2C3d4
        "a token written out",
        re.compile(
            r"(?i)\b(?:api[ _-]?key|key|token|secret|code|password|passcode|hash)\b\s*"
            r"(?:is|was|[:=-])?\s*[\"'`]?(?!(?:1password|lastpass|bitwarden|keepass)\b)(?-i:(?=[0-9a-f]{0,64}[0-9])(?=[0-9a-f]{0,64}[a-f])[0-9a-f]{8,}"
            r"|(?=\S{0,64}[0-9])(?=\S{0,64}[a-z])(?=\S{0,64}[A-Z])[A-Za-z0-9+/_-]{8,}={0,2}"
            r"|[A-Za-z0-9+/]{6,}={1,2})(?![\w+/=-])"
        ),
        ((*DIGITS, "="), ("key", "token", "secret", "code", "password", "hash")),
    ),
]

# Forms whose first group is a value, reported when ``password_like`` says it is one
CHECKED_FORMS: list[tuple[str, re.Pattern[str], Needles]] = [
    (  # brand_social / Summer2026!, as people note a login. The name's run is possessive
        # ({3,64}+): whitespace never is one of its characters, so giving some back could
        # not let \s match; it only saved the backtracking, a third of the time
        "a login and password (user / password)",
        re.compile(r"(?<![\w/:.@-])[\w.@+-]{3,64}+\s+/\s+([^\s/]{8,})"),
        (("/",),),
    ),
    (  # X login: brand_social/Summer2026!
        "a login and password (user / password)",
        re.compile(
            r"(?i)\b(?:login|log-in|sign-in|credentials?|user(?:name)?)\b[^\n/]{0,40}?"
            r"(?<![\w/:.@-])[\w.@+-]{3,64}\s*/\s*([^\s/]{8,})"
        ),
        (("/",), ("login", "log-in", "sign-in", "credential", "user")),
    ),
    (  # the password Summer2026! was set last week
        "a password written out",
        re.compile(
            rf"(?i)\b(?:{SECRET_WORDS})\s+[\"'`]?([^\s\"'`,;]{{8,}})[\"'`]?\s+"
            r"(?:was|is|has|had|still|will|works|expires)\b"
        ),
        (SECRET_NEEDLES,),
    ),
    (  # the password for the team, as agreed: Northwind2026
        "a password written out",
        re.compile(
            rf"(?i)\b(?:{SECRET_WORDS})\s+(?:for|of|to)\b[^:=\n.;]{{0,60}}?[:=]\s*"
            r"[\"'`]?([^\s\"'`,;]{8,})"
        ),
        ((":", "="), SECRET_NEEDLES),
    ),
]
# password managers and the like, which sentences about passwords name
PRODUCTS = frozenset({"1password", "lastpass", "bitwarden", "dashlane", "keepass", "keeper"})

# "the password is hunter2", "Passwort: ...", "PIN is 4821", in any of a few languages
PROSE_SECRET = re.compile(
    rf"(?i)\b(?:{SECRET_WORDS})\s+(?:is|was|ist|est|es|é|=|:)\s+[\"'`]?([^\s\"'`,;]+)"
)
PROSE_NEEDLES: Needles = (SECRET_NEEDLES,)

# Where the matches of a pattern that starts with its keywords can start: at one of
# these words in the folded text (each a folded keyword's beginning). A long text is
# searched only there (``str.find`` is fast; the pattern tried at every position is
# not), and ``tests/plan/test_secret_needles.py`` checks the matches are the same.
SECRET_STARTS = (
    "pass",
    "kennwort",
    "mot de passe",
    "contrase",
    "senha",
    "wachtwoord",
    "lösenord",
    "losenord",
    "has",
    "pw",
    "pin",
)
STARTS: dict[re.Pattern[str], tuple[str, ...]] = {
    TOKEN_FORMATS[8][1]: (*SECRET_STARTS, "api", "token", "secret", "recovery code", "backup code"),
    TOKEN_FORMATS[13][1]: (
        "seed",
        "secret",
        "totp",
        "2fa",
        "mfa",
        "authenticator",
        "otp",
        "setup key",
    ),
    TOKEN_FORMATS[14][1]: (
        *("login", "password", "credential", "code", "2fa", "mfa", "secret", "token", "http"),
    ),
    TOKEN_FORMATS[15][1]: ("api", "key", "token", "secret", "code", "pass", "hash"),
    CHECKED_FORMS[1][1]: ("login", "log-in", "sign-in", "credential", "user"),
    CHECKED_FORMS[2][1]: SECRET_STARTS,
    CHECKED_FORMS[3][1]: SECRET_STARTS,
    PROSE_SECRET: SECRET_STARTS,
}
# words that follow "the password is" in instructions, not a password
NOT_A_VALUE_WORDS = (
    "in on at the a an our your their its kept stored saved held managed shared changed "
    "rotated reset set updated known listed written found here there not never only also "
    "available required needed unknown nowhere always still with by from under inside "
    "im der die das le la el dans en no"
)
NOT_A_VALUE = frozenset(NOT_A_VALUE_WORDS.split())
# backup codes: groups like 4821-9932 or 8 digits, three or more in one text or list
BACKUP_CODE = re.compile(r"(?<![\w-])(?=\w*\d)[A-Za-z0-9]{4,5}[- ]?[A-Za-z0-9]{4,5}(?![\w-])")


# the shapes backup codes come in (not click176 or SKU12345): digits, or two groups
STRONG_CODE = re.compile(r"[0-9]{8,10}|(?=.*[0-9])[A-Za-z0-9]{4,5}[- ][A-Za-z0-9]{4,5}")
CODE_WORDS = re.compile(r"(?i)\b(?:backup|recovery|codes?|2fa|mfa|one[- ]time)\b")
TIME_RANGE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d[- ]?(?:[01]\d|2[0-3])[0-5]\d")
YEAR_RANGE = re.compile(r"(?:19|20)\d\d[- ]?(?:19|20)\d\d|(?:19|20)\d\d[01]\d[0-3]\d")
