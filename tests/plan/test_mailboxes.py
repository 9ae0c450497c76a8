"""Which e-mail domains count as public webmail (a warning in `validate`)."""

from __future__ import annotations

import pytest

from generator.plan.mailboxes import webmail_domain


@pytest.mark.parametrize(
    "email",
    [
        "dana@gmail.com",
        "Dana.Kim@GMAIL.COM",
        "dana@gmail.com.",  # the root's dot
        "dana@outlook.com",
        "dana@hotmail.co.uk",
        "dana@yahoo.fr",
        "dana@yahoo.com.br",
        "dana@icloud.com",
        "dana@proton.me",
        "dana@protonmail.com",
        "dana@gmx.de",
        "dana@web.de",
        "dana@aol.com",
        "dana@mail.ru",
        "dana@yandex.ru",
        "dana@qq.com",
        "dana@163.com",
    ],
)
def test_public_webmail_is_recognised(email: str) -> None:
    assert webmail_domain(email) == email.rpartition("@")[2].rstrip(".").lower()


@pytest.mark.parametrize(
    "email",
    [
        "dana@northwind.example",
        "dana@live.northwind.example",  # a company's own subdomain named like a service
        "dana@outlook.northwind.com",
        "dana@gmail.company.com",
        "dana@mygmail.com",
        "dana@yahoo-inc.com",
        "dana@northwind.onmicrosoft.com",  # a company's Microsoft 365 tenant
    ],
)
def test_work_domains_are_not_webmail(email: str) -> None:
    assert webmail_domain(email) is None
