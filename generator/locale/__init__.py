"""The message catalogs: runbook.pot and <lang>/LC_MESSAGES/runbook.po (data, no code)."""
