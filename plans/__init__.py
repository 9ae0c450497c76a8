"""The example plan, shipped as package data of ``generator.plans`` for ``runbook init``.

Nothing here is Python: this file only lets ``importlib.resources`` find the
folder in every kind of installation, editable ones included.
"""
