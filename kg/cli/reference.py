"""docs/cli.md, generated from the typer app so that it cannot drift from the code.

``python3 -m kg.cli.reference > docs/cli.md`` rewrites it; tests/test_docs.py
fails when the file and the app differ.
"""
from __future__ import annotations

from typing import Any

EXIT_CODES = (
    ("0", "success (`kg build`: files skipped with a warning do not change this)"),
    ("1", "a kg error: the message starts with its code (`E001`...), see [troubleshooting](troubleshooting.md)"),
    ("2", "bad usage: an unknown option, a missing argument or a bad value (`--workers 0`, `-f foo`, "
          "`--lang fr`, an unknown query name)"),
    ("3", "`kg validate`: the graph breaks the SHACL shapes"),
    ("130", "interrupted with Ctrl-C"),
    ("143", "stopped with `kill` (SIGTERM); `kg serve` stops its server first"),
)

HEAD = """# Command-line reference

Generated from the code by `python3 -m kg.cli.reference > docs/cli.md` (a test
fails when this page and the code differ). `kg COMMAND --help` prints the same.
What each code means and what to do about it: [troubleshooting](troubleshooting.md).
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\\\|")


def _params_table(command: Any, ctx: Any) -> list[str]:
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, help_text = record
        rows.append(f"| `{_cell(names)}` | {_cell(help_text)} |")
    return ["| argument or option | meaning |", "|---|---|", *rows] if rows else []


def _command_section(name: str, command: Any, parent: Any) -> list[str]:
    import click

    ctx = click.Context(command, info_name=name, parent=parent)
    usage = " ".join(command.collect_usage_pieces(ctx))
    paragraphs = [" ".join(p.split()) for p in (command.help or "").strip().split("\n\n") if p.strip()]
    lines = [f"## kg {name}", "", "```", f"kg {name} {usage}", "```", "", "\n\n".join(paragraphs)]
    lines += ["", *_params_table(command, ctx)]
    if command.epilog:
        lines += ["", " ".join(command.epilog.split())]
    return lines + [""]


def render() -> str:
    """The text of docs/cli.md."""
    import click
    import typer.main

    from . import app

    group = typer.main.get_command(app)
    root = click.Context(group, info_name="kg")
    lines = [HEAD, "## Exit codes", "", "| code | meaning |", "|---|---|",
             *(f"| `{code}` | {meaning} |" for code, meaning in EXIT_CODES), "",
             "## Commands", "", "| command | what it does |", "|---|---|"]
    lines += [f"| [`kg {n}`](#kg-{n}) | {_cell((c.help or '').strip().split(chr(10))[0])} |"
              for n, c in group.commands.items()]
    lines += ["", "Every command also takes `--help`; `kg --version` prints the version.", ""]
    for name, command in group.commands.items():
        lines += _command_section(name, command, root)
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":    # pragma: no cover - writes the page
    import sys

    sys.stdout.write(render())
