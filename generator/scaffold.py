"""``runbook init``: start a plan repository from the example plan.

Everything is decided before anything is written: if any file would be
overwritten, nothing is written and the error names them all.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, StrictUndefined

from generator import REPOSITORY, __version__
from generator.errors import UsageError
from generator.shared.resources import read_package_bytes
from generator.shared.templates import PackageTemplateLoader, reporting_missing_templates

PLAN = "plans/plan.yaml"
SCHEMA = "plan.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=../{SCHEMA}"
FIRST_STEPS = """\
#
# Start here: this is the example plan of a fictional brand. Replace, in order:
#   1. plan: your organization, owner and classification;
#   2. contacts and roles: real names, phones and emails (never a password);
#   3. severity_levels: who is accountable at each level;
#   4. social_accounts and credentials: your accounts and vault items;
#   5. the optional sections at the end (channels, platform_recovery, playbooks,
#      notes): adapt them to your own incidents, or delete them.
# Run `runbook validate` after each change.
"""


def starter_plan() -> str:
    """The example plan, pointed at the local schema and with first steps on top."""
    text = read_package_bytes("generator.plans", "example.yaml").decode("utf-8")
    body = text.split("\n", 1)[1] if text.startswith("# yaml-language-server:") else text
    return f"{SCHEMA_LINE}\n{FIRST_STEPS}{body}"


def workflow_values(
    install: str, runbook: str, plan: str = PLAN, folder: bool = False
) -> dict[str, str]:
    """What the workflow template needs: how to install runbook, how to call it, the plan
    (and, for a folder of plans, ``folder``: validate and review the whole folder).
    This project's own workflow is the same template with a checkout install."""
    hosting_docs = f"{REPOSITORY}/blob/main/docs/hosting.md"
    return {
        "install": install,
        "runbook": runbook,
        "plan": plan,
        "hosting_docs": hosting_docs,
        "folder": "yes" if folder else "",
    }


def render_init_template(name: str, **values: str) -> str:
    """One of the ``templates/init`` files, rendered."""
    env = Environment(
        loader=PackageTemplateLoader("init"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # only constants of this package go in, never plan text
    )
    with reporting_missing_templates():
        return env.get_template(name).render(**values)


def repository_files(folder: bool = False) -> dict[str, str]:
    """Every file ``init`` writes, by its path in the new repository (with ``folder``,
    a folder of two plans sharing ``plans/people.yaml``)."""
    from generator.plan.schema import schema_text

    install = f"pip install 'crisis-runbook[site]=={__version__}'"
    plans = folder_starter_plans() if folder else {PLAN: starter_plan()}
    values = {
        "version": __version__,
        "repository": REPOSITORY,
        # a folder's workflow builds the folder's one site
        **workflow_values(install, "runbook", "plans" if folder else PLAN, folder),
    }
    rendered = {
        name: render_init_template(source, **values)
        for name, source in (
            (".pre-commit-config.yaml", "pre-commit-config.yaml.j2"),
            (".github/workflows/runbook.yml", "workflow.yml.j2"),
            (".gitignore", "gitignore.j2"),
            ("README.md", "README.md.j2"),
        )
    }
    return {**plans, SCHEMA: schema_text(), **rendered}


# the plans of `init --folder`: file stem -> organization
FOLDER_PLANS = {"northwind": "Northwind Outfitters", "northwind-kids": "Northwind Kids"}


def folder_starter_plans() -> dict[str, str]:
    """Two plans made from the example, sharing its contacts in ``plans/people.yaml``
    (the plans first, in the order the workflow names them)."""
    from generator.plan.portfolio import folder_of_plans

    files = folder_of_plans(starter_plan(), FOLDER_PLANS)
    people = files.pop("people.yaml")
    return {**{f"plans/{name}": text for name, text in files.items()}, PEOPLE: people}


PEOPLE = "plans/people.yaml"


def _link_on_the_way(folder: Path, name: str) -> Path | None:
    """The first symbolic link on the path from ``folder`` to ``name`` (dangling or not)."""
    path = folder
    for part in Path(name).parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


def _check_targets(folder: Path, names: list[str]) -> None:
    """Refuse before anything is written: a symbolic link on the way to a file (it could
    lead out of the folder), a file where a folder must go, or a file already there."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; give a folder (or nothing, for this one)")
    links = sorted({str(link) for name in names if (link := _link_on_the_way(folder, name))})
    if links:
        raise UsageError(
            f"{', '.join(links)}: a symbolic link; runbook init never writes through a "
            "link, which could lead out of the folder: remove the link or choose another folder"
        )
    blocked = sorted(
        {str(p) for name in names for p in (folder / name).parents if p.exists() and not p.is_dir()}
    )
    if blocked:
        raise UsageError(
            f"{', '.join(blocked)}: a file where runbook init needs a folder; move it away "
            "or choose another folder"
        )
    taken = sorted(name for name in names if (folder / name).exists())
    if taken:
        raise UsageError(
            f"{folder} already has {', '.join(taken)}; runbook init never overwrites a "
            "file: move them away or choose an empty folder"
        )


def init_repository(folder: Path, plans_folder: bool = False) -> list[str]:
    """Write the starter files into ``folder`` (with ``plans_folder``, a folder of plans);
    the paths written. Every target is checked first, so a refusal writes nothing; never
    overwrites, never follows a link."""
    files = repository_files(plans_folder)
    _check_targets(folder, list(files))
    written: list[Path] = []
    try:
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            # "x": never overwrite; O_EXCL also refuses a link that appeared since the check
            with (folder / name).open("x", encoding="utf-8") as out:
                written.append(folder / name)
                out.write(text)
    except OSError:
        for path in written:  # all or nothing
            path.unlink(missing_ok=True)
        raise
    return list(files)


def write_schema(target: Path) -> None:
    """Write the schema to ``target``, replacing only an earlier copy of the schema."""
    from generator.files import write_atomically
    from generator.plan.schema import SCHEMA_IDS, schema_text

    if target.exists():
        if not target.is_file():
            raise UsageError(f"{target} is not a regular file; give a file path with --output")
        with target.open("rb") as existing:
            head = existing.read(4096)
        if not any(i.encode() in head for i in SCHEMA_IDS):
            raise UsageError(
                f"{target} exists and is not a crisis-runbook schema; runbook only "
                "replaces its own schema file: choose another path"
            )
    write_atomically(target, schema_text().encode("utf-8"))
