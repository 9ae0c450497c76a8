"""Crisis Runbook: one reviewed YAML plan in, a runbook site and review aids out."""

__version__ = "0.1.0"
