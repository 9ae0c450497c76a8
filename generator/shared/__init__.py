"""What the output stages share: escaping, the flowchart, the page outline, package data
and progress reporting.

Takes a ``Plan`` (or plain text) and gives strings and bytes. It imports
``generator.plan`` and the base modules (``errors``, ``files``) only, so
``site``, ``printing``, ``review`` and ``listening`` can all use it without
importing one another.
"""
