"""The files the package ships: templates, assets, the schema and the example plan.

Everything is read through ``importlib.resources`` Traversables, never as a
path built from ``str(files(...))``: that string is not a path for namespace
packages, zip imports or some editable installs. A file that should be there
and is not means a broken installation, reported as such (exit 3) rather than
as a problem with the user's plan.

Jinja's side (a loader for the shipped templates) is in ``shared/templates.py``,
so that the commands that never render Jinja (``validate``, ``pdf``) never import it.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from generator.errors import PackageDataMissing

TEMPLATES_PACKAGE = "generator.templates"


def missing_package_file(name: str, exc: BaseException | None = None) -> PackageDataMissing:
    """The error for a shipped file that is not there: a broken installation."""
    why = f" ({exc})" if exc else ""
    return PackageDataMissing(
        f"{name} is missing from the installed crisis-runbook package{why}; "
        "reinstall crisis-runbook (pipx reinstall crisis-runbook, or pip install "
        "--force-reinstall 'crisis-runbook[site]')"
    )


def package_file(package: str, *parts: str) -> Traversable:
    """A file of ``package`` (``parts`` joined below it), as a Traversable."""
    node = resources.files(package)
    for part in parts:
        node = node / part
    return node


def read_package_bytes(package: str, *parts: str) -> bytes:
    """The bytes of a shipped file; a missing one is a broken installation."""
    try:
        return package_file(package, *parts).read_bytes()
    except (OSError, ModuleNotFoundError) as exc:
        raise missing_package_file("/".join((package.replace(".", "/"), *parts)), exc) from None


def read_template_bytes(*parts: str) -> bytes:
    """A file of the shipped ``templates/`` folder (``assets/x.css``, ``print/y``)."""
    return read_package_bytes(TEMPLATES_PACKAGE, *parts)
