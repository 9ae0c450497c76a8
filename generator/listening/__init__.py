"""The listening stage: plan + CSV -> replay -> text, Markdown or JSON.

Takes a valid ``Plan`` and a CSV of mention counts or mentions, streams it into
windows and gives a ``Replay`` (``replay_file``): when each threshold starts and
stops, who is notified, the peak level. It imports ``generator.plan`` and
``generator.shared`` only.
"""

from generator.listening.replay import replay_file

__all__ = ["replay_file"]
