"""The documentation cannot drift from the code: README.md and docs/.

Every Markdown table renders as a table; docs/cli.md is what the app generates;
every error and warning code is documented; the JSON Schema of assertions.jsonl
holds for real output; the README stays short and its links lead somewhere.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each run of lines that start with '|', outside code blocks."""
    runs: list[tuple[int, list[str]]] = []
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("|"):
            if runs and runs[-1][0] + len(runs[-1][1]) == number:
                runs[-1][1].append(line)
            else:
                runs.append((number, [line]))
    return runs


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_markdown_table_renders(page):
    from markdown_it import MarkdownIt

    text = page.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rendered = [t.map for t in tokens if t.type == "table_open"]
    for start, lines in _tables(text):
        where = f"{page.name}:{start}"
        # Rows cut off from their header (e.g. by a blank line) render as raw pipes.
        assert any(a < start <= b for a, b in rendered), f"{where}: not rendered as a table"
        assert re.fullmatch(r"\|( *:?-+:? *\|)+", lines[1].replace(" ", "")), f"{where}: no delimiter row"
        width = len(CELL_SPLIT.split(lines[0].strip())) - 2
        for offset, line in enumerate(lines):
            cells = len(CELL_SPLIT.split(line.strip())) - 2
            assert line.rstrip().endswith("|") and cells == width, \
                f"{page.name}:{start + offset}: {cells} cells, the header has {width}"


def test_a_broken_table_is_caught(tmp_path):
    """The check above fails on the two faults it is for."""
    from markdown_it import MarkdownIt

    gap = "| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n"
    tokens = MarkdownIt("commonmark").enable("table").parse(gap)
    maps = [t.map for t in tokens if t.type == "table_open"]
    starts = [start for start, _ in _tables(gap)]
    assert starts == [1, 5] and not any(a < 5 <= b for a, b in maps)
    assert len(CELL_SPLIT.split("| 1 | 2 | 3 |".strip())) - 2 == 3


def test_readme_is_short_and_keeps_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    assert "python3 -m pip install -e . && kg build seeds -o graphs" in text
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in text
    assert "python3 -m venv" in text


def test_ci_runs_the_readme_test_command_and_the_wheel_check():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -q -e '.[test]'" in ci and "python3 -m pytest" in ci
    assert ".ci/wheel-check" in ci


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_local_links_lead_somewhere(page):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (page.parent / target).exists(), f"{page.name}: broken link to {target}"


def test_docs_cli_is_generated_from_the_app():
    from kg.cli.reference import render

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == render(), \
        "docs/cli.md is stale: run python3 -m kg.cli.reference > docs/cli.md"


def test_every_command_and_option_is_in_docs_cli():
    import typer.main

    from kg.cli import app

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in typer.main.get_command(app).commands.items():
        assert f"## kg {name}" in text
        for param in command.params:
            for opt in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
                if opt.startswith("-"):
                    assert opt in text, f"kg {name} {opt} is missing from docs/cli.md"


def _codes_in_code() -> set[str]:
    """Every E0xx/W0xx that kg can print: the error classes' codes and codes in messages."""
    import kg.errors as errors

    codes = {c.code for c in vars(errors).values() if isinstance(c, type) and hasattr(c, "code")}
    for path in (ROOT / "kg").rglob("*.py"):
        text = re.sub(r"[EW]0[0-9]{2}\s*[–-]\s*[EW]0[0-9]{2}", "", path.read_text(encoding="utf-8"))  # ranges
        codes |= set(re.findall(r"\b([EW]0[0-9]{2})\b", text))
    return codes - {"E000"}


def test_every_error_and_warning_code_is_documented():
    documented = "".join((ROOT / "docs" / name).read_text(encoding="utf-8")
                         for name in ("cli.md", "troubleshooting.md"))
    table = set(re.findall(r"^\| `([EW]0[0-9]{2})`", documented, flags=re.M))
    missing = sorted(_codes_in_code() - table)
    assert not missing, f"codes without a row in docs/troubleshooting.md: {missing}"
    assert {"E006", "W058", "W059", "E060"} <= table


def test_the_rdf_example_of_formats_md_parses():
    from rdflib import Dataset

    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```trig\n(.*?)```", text, flags=re.S)
    ds = Dataset()
    ds.parse(data=block, format="trig")
    assert len(list(ds.graphs())) >= 2 and len(ds) > 10


ARTICLES = {
    "aid.txt": "Japan gives Vietnam vaccines\n\nOn 5 March 2024 Japan provided Vietnam with 2 million doses of "
               "vaccine. Vietnam asked Japan to transfer vaccine production technology.\n",
    "trade.txt": "Việt Nam và Hàn Quốc\n\nNgày 10/4/2023, Thủ tướng Phạm Minh Chính điện đàm với Tổng thống "
                 "Hàn Quốc. Hai nước nhất trí nâng kim ngạch thương mại lên 100 tỷ USD.\n",
}


def test_real_output_matches_the_json_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency (pip install -e '.[test]')")
    from kg.build.pipeline import build

    schema = json.loads((ROOT / "docs" / "assertions.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    build([src], tmp_path / "out", formats=["jsonl"], cache=False)
    lines = (tmp_path / "out" / "assertions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 3
    records = [json.loads(line) for line in lines]
    for record in records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (record, errors)
    assert any(r["quantities"] for r in records)
    bad = {**records[0], "modality": "maybe"}
    assert list(validator.iter_errors(bad)), "the schema must reject a modality kg never writes"
