"""The living documentation: the features as a web site, marked by the last run."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--out", metavar="DIR", required=True, help="Write the site into DIR.")
@click.option(
    "--features",
    metavar="DIR",
    default="features",
    show_default=True,
    help="Where the feature files are.",
)
@click.option(
    "--report",
    metavar="FILE",
    default="reports/cucumber.json",
    show_default=True,
    help="The Cucumber JSON report of the last test run.",
)
@click.option(
    "--force", is_flag=True, help="Write into a folder that holds other files."
)
def docs(out: str, features: str, report: str, force: bool) -> None:
    """Write the features as a web site, each scenario marked by the last test run."""
    from adapters.livingdocs.site import build_site, check_out

    check_out(Path(out), force)
    site = build_site(Path(features), Path(report))
    index = site.write(Path(out))
    if site.warning:  # after writing: a refusal is one line
        click.echo(site.warning, err=True)
    click.echo(f"Wrote {site.summary} to {index}", err=True)


#: The commands of this module, added to the group by cli.main.
COMMANDS = (docs,)
