"""The printing stage: plan -> the runbook PDF and the pocket cards.

Takes a valid ``Plan`` and gives PDF bytes (``runbook_pdf``, ``card_pdf``) and
files (``write_pdf``, ``write_cards``). It imports ``generator.plan`` and
``generator.shared`` only.
"""

from generator.printing.output import write_cards, write_pdf

__all__ = ["write_cards", "write_pdf"]
