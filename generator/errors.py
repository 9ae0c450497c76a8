"""The exception tree. Every message says what went wrong and how to fix it.

``RunbookError`` is the base; the CLI maps each subclass to an exit code:
``InputError`` and ``PlanInvalid`` are invalid input (1), ``UsageError`` and
``PlanFileError`` are usage problems (2), ``PackageDataMissing`` a broken
installation (3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type: errors sit below every stage and import none of them
    from generator.plan.diagnostics import Diagnostic


class RunbookError(Exception):
    """Base of every error this tool reports without a traceback."""

    exit_code = 1


class UsageError(RunbookError):
    """The command was called wrongly (bad option value, conflicting flags)."""

    exit_code = 2


class PlanFileError(UsageError):
    """A plan or data file could not be read at all (missing, a folder, no permission)."""


class OutputRefused(UsageError):
    """An output folder that runbook will not replace, or could not clean up."""


class DataFileError(UsageError):
    """A data file (such as a listening CSV) could not be read at all."""


class InputError(RunbookError):
    """Input that was read but is not acceptable (a bad CSV row, a bad git ref)."""


class PlanInvalid(RunbookError):
    """The plan has errors; ``diagnostics`` holds all of them, warnings included."""

    def __init__(
        self, file: str, diagnostics: list[Diagnostic], earlier: tuple[PlanInvalid, ...] = ()
    ) -> None:
        self.file = file
        self.diagnostics = diagnostics
        self.earlier = earlier  # other invalid files of the same command, reported first
        errors = sum(1 for d in diagnostics if d.severity == "error")
        super().__init__(f"{file}: {errors} error(s); fix them and run `runbook validate` again")


class PackageDataMissing(RunbookError):
    """A file the installed package should carry is missing or unreadable."""

    exit_code = 3


class UserTemplateMissing(UsageError):
    """A template that a user's templates folder refers to does not exist."""
