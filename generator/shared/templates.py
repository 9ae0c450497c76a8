"""Jinja's view of the shipped templates: a loader through importlib.resources, and
the error for a template that is missing, saying whose file it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from jinja2 import BaseLoader, Environment, TemplateNotFound

from generator.errors import RunbookError, UserTemplateMissing
from generator.shared import resources
from generator.shared.resources import TEMPLATES_PACKAGE, missing_package_file


class PackageTemplateLoader(BaseLoader):
    """Jinja loads the shipped templates (below ``subfolder``) through importlib.resources."""

    def __init__(self, subfolder: str = "") -> None:
        self.parts = tuple(p for p in subfolder.split("/") if p)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        parts = (*self.parts, *template.split("/"))
        node = resources.package_file(TEMPLATES_PACKAGE, *parts)
        if not node.is_file():
            raise TemplateNotFound(template)
        try:
            source = node.read_text("utf-8")
        except OSError as exc:
            raise missing_package_file("templates/" + "/".join(parts), exc) from None
        # a stable name (not a machine path) keeps the bytecode cache key portable
        return source, "crisis-runbook/templates/" + "/".join(parts), lambda: True


def template_not_found(name: str, user_dir: str | None) -> RunbookError:
    """The error for a template Jinja could not find: the package's or the user's fault."""
    shipped = resources.package_file(TEMPLATES_PACKAGE, *name.split("/")).is_file()
    if user_dir and not shipped:
        return UserTemplateMissing(
            f"template `{name}` is used by a template in {user_dir} but exists neither there "
            "nor among the built-in templates; add it to that folder or remove the reference"
        )
    return missing_package_file(f"templates/{name}")


@contextmanager
def reporting_missing_templates(user_dir: str | None = None) -> Iterator[None]:
    """Turn Jinja's TemplateNotFound (an OSError) into an error that says whose file it is."""
    try:
        yield
    except TemplateNotFound as exc:
        raise template_not_found(str(exc.name), user_dir) from None
