"""The review stage: plan pair -> changes -> risk flags -> text, Markdown or JSON.

Takes two plans (files, or a file and its git base) and gives a ``PlanDiff``
(``diff_files``, pure ``diff_plans`` underneath) that ``format`` prints. It
imports ``generator.plan`` and ``generator.shared`` only.
"""

from generator.review.compare import diff_files

__all__ = ["diff_files"]
