"""The runbook's Jinja templates and assets, shipped as package data of ``generator.templates``.

Nothing here is Python: this file only makes the folder a regular package, so
``importlib.resources`` finds one folder in every kind of installation.
"""
