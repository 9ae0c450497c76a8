"""The files the package ships: templates, assets, the schema and the example plan.

Everything is read through ``importlib.resources`` Traversables, never as a
path built from ``str(files(...))``: that string is not a path for namespace
packages, zip imports or some editable installs. A file that should be there
and is not means a broken installation, reported as such (exit 3) rather than
as a problem with the user's plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable

from jinja2 import BaseLoader, Environment, TemplateNotFound

from generator.errors import PackageDataMissing, RunbookError, UserTemplateMissing

TEMPLATES_PACKAGE = "generator.templates"


def _missing(name: str, exc: BaseException | None = None) -> PackageDataMissing:
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
        raise _missing("/".join((package.replace(".", "/"), *parts)), exc) from None


def read_template_bytes(*parts: str) -> bytes:
    """A file of the shipped ``templates/`` folder (``assets/x.css``, ``print/y``)."""
    return read_package_bytes(TEMPLATES_PACKAGE, *parts)


class PackageTemplateLoader(BaseLoader):
    """Jinja loads the shipped templates (below ``subfolder``) through importlib.resources."""

    def __init__(self, subfolder: str = "") -> None:
        self.parts = tuple(p for p in subfolder.split("/") if p)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        parts = (*self.parts, *template.split("/"))
        node = package_file(TEMPLATES_PACKAGE, *parts)
        if not node.is_file():
            raise TemplateNotFound(template)
        try:
            source = node.read_text("utf-8")
        except OSError as exc:
            raise _missing("templates/" + "/".join(parts), exc) from None
        # a stable name (not a machine path) keeps the bytecode cache key portable
        return source, "crisis-runbook/templates/" + "/".join(parts), lambda: True


def template_not_found(name: str, user_dir: str | None) -> RunbookError:
    """The error for a template Jinja could not find: the package's or the user's fault."""
    shipped = package_file(TEMPLATES_PACKAGE, *name.split("/")).is_file()
    if user_dir and not shipped:
        return UserTemplateMissing(
            f"template `{name}` is used by a template in {user_dir} but exists neither there "
            "nor among the built-in templates; add it to that folder or remove the reference"
        )
    return _missing(f"templates/{name}")


@contextmanager
def reporting_missing_templates(user_dir: str | None = None) -> Iterator[None]:
    """Turn Jinja's TemplateNotFound (an OSError) into an error that says whose file it is."""
    try:
        yield
    except TemplateNotFound as exc:
        raise template_not_found(str(exc.name), user_dir) from None
