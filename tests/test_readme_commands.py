"""The README against the code, so the front door cannot drift silently: every option a
``forecast ...`` command of the README uses exists in the parser that command runs with
(exactly, not as an abbreviation argparse would accept), every value it gives a choice
option is one of its choices, every ``-p NAME`` of a papermill example is a parameter of its
notebook, and the example output of ``forecast run --region national --as-of 2023`` (default
paths and seed), with the headline numbers the README quotes from it, is what that command
prints now. The oracles are the argument parser, the notebooks' parameters cells and the
command's own output; the README is what is checked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from forecast.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADLINE = ["run", "--region", "national", "--as-of", "2023"]


def _subparsers(parser):
    action = next((a for a in parser._actions if a.choices and a.dest.endswith("command")),
                  None)
    return action.choices if action is not None else {}


def _readme_commands() -> list[str]:
    """Every ``forecast ...`` command of the README: code spans and lines of code blocks."""
    found = []
    for span in re.findall(r"`(forecast [^`]+)`", README):
        found.append(span)
    for block in re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.S):
        found += [line for line in block.splitlines() if line.startswith("forecast ")]
    commands = []
    for text in found:
        text = " ".join(text.replace("\\|", "|").split())  # a table cell's `\|`; a span's break
        text = re.split(r"\s\|\s|;|\s#|\s&&\s", text)[0]  # `forecast data check | head -1`
        text = text.replace("|", "/")  # alternatives: `--lang en|id`
        if re.match(r"forecast (--[a-z]|[a-z])", text):
            commands.append(text)
    return list(dict.fromkeys(commands))


def _parser_of(command: str):
    """The (sub)parser a README command runs with, and the words after its name."""
    parser, words = build_parser(), command.split()[1:]
    while words and words[0] in _subparsers(parser):
        parser = _subparsers(parser)[words.pop(0)]
    return parser, words


COMMANDS = _readme_commands()


def test_the_readme_shows_its_quick_start_and_every_command():
    # Guards the extraction: a README rewritten so that no command is found would pass the
    # option checks below vacuously.
    assert "forecast run --region national --as-of 2023" in COMMANDS
    named = {_parser_of(c)[0].prog for c in COMMANDS}
    for sub in ("init", "data check", "run", "batch", "report", "verify", "compare"):
        assert f"forecast {sub}" in named, f"the README shows no `forecast {sub} ...`"


def _help_examples() -> list[str]:
    """The ``Example: forecast ...`` of each subcommand's --help text."""
    found, todo = [], [build_parser()]
    while todo:
        parser = todo.pop()
        todo += list(_subparsers(parser).values())
        found += re.findall(r"Example: (forecast .*)$", parser.description or "")
    return found


def test_the_help_texts_give_examples():
    assert {"forecast run --region national --as-of 2023",
            "forecast compare --as-of 2023 2025"} <= set(_help_examples())


@pytest.mark.parametrize("command", COMMANDS + _help_examples())
def test_every_option_of_a_readme_command_exists(command):
    """Also every example of the --help texts: they are documentation too."""
    parser, words = _parser_of(command)
    if parser.prog == "forecast":  # `forecast --help`: the top-level options
        assert all(w in parser._option_string_actions for w in words if w.startswith("--"))
        return
    actions = parser._option_string_actions
    for i, word in enumerate(words):
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", word):
            assert option in actions, (f"`{command}`: {parser.prog} has no {option} "
                                       f"(it has {sorted(o for o in actions if o[:2] == '--')})")
            choices = actions[option].choices
            if not choices or i + 1 >= len(words):
                continue
            value = words[i + 1].strip("[]")
            if value.startswith("-") or value.isupper():  # a metavar such as FILE
                continue
            for v in value.split("/"):
                assert v in choices, f"`{command}`: {option} {v!r} is not one of {choices}"


def test_an_option_the_parser_lacks_is_caught():
    # The check above, on a command with a renamed option: it must not pass by abbreviation
    # (argparse would take --region for batch's --regions).
    parser, words = _parser_of("forecast batch --region bali")
    assert parser.prog == "forecast batch" and "--region" not in parser._option_string_actions


def _parameters(notebook: str) -> set[str]:
    """The names of a notebook's parameters cell (its jupytext .py twin)."""
    text = (ROOT / "notebooks" / f"{notebook}.py").read_text(encoding="utf-8")
    cell = text.split('# %% tags=["parameters"]\n', 1)[1].split("# %%", 1)[0]
    return set(re.findall(r"^([a-z_]+)\s*[:=]", cell, flags=re.M))


def test_papermill_examples_use_parameters_the_notebooks_have():
    examples = re.findall(r"`papermill notebooks/(\w+)\.ipynb \S+ ([^`]*)`", README)
    assert examples, "the README shows no papermill example"
    for notebook, args in examples:
        names = set(re.findall(r"-p (\w+)", args))
        assert names and names <= _parameters(notebook), (notebook, names)
    # "`explore` takes `data_dir`, `summary` a batch run's `run_dir`; all three take `lang`"
    assert "data_dir" in _parameters("explore") and "run_dir" in _parameters("summary")
    assert all("lang" in _parameters(n) for n in ("explore", "region_forecast", "summary"))


@pytest.fixture(scope="module")
def headline_output() -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from forecast.cli import main; sys.exit(main())",
         *HEADLINE], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-600:]
    return done.stdout


def _example_block() -> list[str]:
    block = re.search(r"```\n(Indonesia \(national\), as known at .*?)```", README, flags=re.S)
    assert block, "the README's example output of `forecast run ... --as-of 2023` is gone"
    return block.group(1).splitlines()


@pytest.mark.slow
def test_the_readme_example_output_is_what_the_command_prints(headline_output):
    """Every line of the README's example, in order, except the lines marked as cut
    (`(...`), whose count of left-out lines is checked where it gives one."""
    out = headline_output.splitlines()
    at, cut = 0, None
    for line in _example_block():
        if line.strip().startswith("(...") or line.endswith("(...)"):
            if line.endswith("(...)"):  # a line cut at its end: its start must match
                start = line[:-len("(...)")]
                assert any(o.startswith(start) for o in out[at:]), line
            cut = re.search(r"\(\.\.\. (\d+) targets", line)
            continue
        assert line in out[at:], f"README line not printed (now, in this order): {line!r}"
        found = out.index(line, at)
        if cut:
            assert found - at == int(cut.group(1)), (f"the README says {cut.group(1)} lines "
                                                     f"are cut before {line!r}; {found - at}")
        at, cut = found + 1, None


def _block(out: str, head: str) -> str:
    start = out.index(head)
    end = out.find("\n\n", start)
    return out[start:end if end > 0 else None]


@pytest.mark.slow
def test_the_headline_numbers_the_readme_quotes_are_the_commands(headline_output):
    """The as-of-2023 column of "The three readings" and the plain-words paragraph, rounded
    as the README writes them, from what the command prints."""
    workers = _block(headline_output, "Target: Active participants >= 70.00M by 2026-12-31")
    funds = _block(headline_output, "Target: Investment funds >= Rp1,001.0T by 2026-12-31")
    structural = _block(headline_output, "Structural fund model: Investment funds")
    w = re.search(r"median ([\d.]+)M, 80% band ([\d.]+)M to ([\d.]+)M", workers)
    pw = re.search(r"Probability\s+([\d.]+)%", workers).group(1)
    mf = re.search(r"median Rp([\d,.]+)T", funds).group(1).replace(",", "")
    pf = float(re.search(r"Probability\s+([\d.]+)%", funds).group(1))
    ps = float(re.search(r"Probability\s+([\d.]+)%", structural).group(1))
    m, lo, hi = (f"{float(x):.1f}" for x in w.groups())
    text = " ".join(README.split())
    expected = [
        f"{pw} %; {m}M, {lo}-{hi}M",  # the table's as-of-2023 column
        f"{pf:.0f} %; Rp{float(mf):.0f}T. Cross-check {ps:.0f} %",
        f"the chance is {pw} % (median {m}M; in 1 future of 10 participants pass {hi}M)",
        f"the chance is {pf:.0f} % (median Rp{float(mf):.0f}T",
        f"gives {ps:.0f} % for the funds",
    ]
    missing = [e for e in expected if e not in text]
    assert not missing, f"the README does not quote what the command prints now: {missing}"


def _python(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_the_funds_backtest_command_reproduces_the_runs_table():
    """`.venv/bin/python benchmarks/funds_backtest.py` "reproduces the table of the run on
    all data" (README, Commands): it runs as written (it once stopped with a KeyError on a
    renamed method), and its errors are those of the run's results.json."""
    import json

    shown = _python("benchmarks/funds_backtest.py")
    assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr[-600:]
    script = json.loads(_python("benchmarks/funds_backtest.py", "--json").stdout)
    run = _python("-c", "import sys; from forecast.cli import main; sys.exit(main())",
                  "run", "--region", "national", "--format", "json")
    assert run.returncode == 0, run.stderr[-600:]
    assert script["mape"] == json.loads(run.stdout)["funds_model"]["backtest"]["mape"]
