"""The plan stage: load -> check -> model.

Takes a plan file (or its bytes) and gives a ``Document`` (the YAML with a
position for every node), a full list of ``Diagnostic`` values, and, for a
valid plan, the frozen ``Plan`` model that every later stage reads.

It imports nothing above it: only ``generator.errors`` and ``generator.files``
besides its own modules. Entry points: ``check_files`` (what ``runbook
validate`` runs), ``load_valid_plan`` and ``resolve_plan``.
"""

from generator.plan.check import check_files, declares_schema_version, resolve_plan
from generator.plan.validate import load_valid_plan

__all__ = ["check_files", "declares_schema_version", "load_valid_plan", "resolve_plan"]
