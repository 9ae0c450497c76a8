"""Crisis Runbook: one reviewed YAML plan in, a runbook site and review aids out."""

__version__ = "0.2.0"

# where the project lives: pre-commit's `repo:`, the README link that `init` writes
REPOSITORY = "https://github.com/crisis-runbook/crisis-runbook"
