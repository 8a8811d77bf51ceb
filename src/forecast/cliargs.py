"""argparse types of the command line whose refusals name the range allowed and the value
found, in one line (imported at start-up: argparse only)."""

from __future__ import annotations

import argparse
import math  # built in, nothing to load at start-up
import re  # argparse imports it too: no cost at start-up
from contextlib import contextmanager  # cliout imports it at start-up anyway

from . import defaults  # constants only: nothing to load at start-up
from .errors import ParameterError  # the exception classes only
from .homedirs import check_backend  # os and sys only


#: Where runs go unless --runs-dir says otherwise (forecast.config.RUNS_DIR, not imported
#: here to keep start-up light): a user working in another folder must not look there.
#: A year is the scheme's year-end, not 31 December: a fiscal scheme's user must know.
AS_OF_HELP = ("use only data known by then: a year (its year-end: 31 December, or the "
              "scheme.toml year_end, e.g. 30 June) or a date YYYY-MM-DD (default: all data)")
#: What --models changes, and what it does not (the headline is the calibrated projection).
MODELS_HELP = ("comma-separated models of the 'Each model alone' line (default: all; a "
               "wrong name lists them); the headline probability is the calibrated "
               "projection's either way")
#: What ``forecast COMMAND --help`` says of the command before its options, with an example.
DESCRIPTIONS = {
    "data check": ("Validate scheme.toml and the four data files; print the rows per region "
                   "and metric and their date ranges, then the warnings. A bad cell is one "
                   "line naming file, row, column, what was expected and what was found "
                   "(exit code 2)."),
    "init": ("Write a commented scheme.toml and the four CSV files, each with its header and "
             "one example row, into a new or empty folder; then fill them in and run "
             "forecast data check --data-dir DIR. Example: forecast init mydata"),
    "run": ("Assess every target of one region that falls due after --as-of: the probability "
            "of meeting it (the share of simulated futures that reach it), the projection's "
            "median and 80% band, the growth required against the growth achieved and the "
            "net additions a month it would take. Targets already due are outcomes (met, "
            "missed, not yet in the data). Example: forecast run --region national --as-of "
            "2023"),
    "batch": ("Run notebooks/region_forecast.ipynb for each region into a new folder of "
              "--runs-dir, reconcile the regions with the top region, then render each "
              "region's PDF and HTML and the summary PDF. A failed region does not stop the "
              "others; --resume completes the run. Example: forecast batch --regions "
              "national,bali --n-paths 1000"),
}
#: --n-paths of run and batch: the floor said, and why (README: --n-paths).
N_PATHS_HELP = (f"simulated paths, at least {defaults.MIN_N_PATHS}: fewer make a probability "
                f"noise (default: %(default)s)")
RUNS_DIR_HELP = ("parent folder of runs (default: reports/runs of the checkout, or of the "
                 "current folder for an installed package; $FORECAST_REPORTS_DIR/runs if set)")


def whole(low: int, high: int | None = None, expected: str | None = None,
          above: str | None = None):
    """argparse type: a whole number in [low, high], refused in one line naming the range
    (or ``expected``; ``above``: what is expected of a number past ``high``)."""
    expected = expected or (f"an integer from {low:,} to {high:,}" if high is not None
                            else "a non-negative integer" if low == 0
                            else f"an integer >= {low:,}")

    def parse(text: str) -> int:
        # ASCII digits only, as in the data files: int() would also take '1_000' and the
        # digits of other scripts ('١٢').
        if not re.fullmatch(r"\s*[+-]?[0-9]+\s*", text):
            raise argparse.ArgumentTypeError(f"expected {expected}, found {text!r}")
        try:
            value = int(text)
        except ValueError:  # over 4,300 digits: Python's limit (argparse said 'invalid parse
            raise argparse.ArgumentTypeError(  # value' and echoed all of them)
                f"expected {expected}, found a number of {len(text.strip()):,} digits") \
                from None
        if value < low or (high is not None and value > high):
            digits = len(text.strip().lstrip("+-"))
            found = repr(text) if digits <= 40 else f"a number of {digits:,} digits"
            want = above if above and value > low else expected
            raise argparse.ArgumentTypeError(f"expected {want}, found {found}")
        return value
    return parse


#: --seed of run, batch and compare.
SEED = whole(0, defaults.MAX_SEED, "a non-negative integer", f"a non-negative integer of "
             f"at most {len(str(defaults.MAX_SEED))} digits")


def folder_path(text: str):
    """argparse type of a folder or input path (--data-dir, --runs-dir, DIR, --scenario).
    An empty value is refused: Path('') is the current folder, so `--data-dir "$UNSET"`
    read (and `--runs-dir "$UNSET"` wrote) wherever the command was started."""
    # pathlib imported when a path is given: the parser is built at every start-up.
    from pathlib import Path

    if not text.strip():
        raise argparse.ArgumentTypeError(f"expected a path, found {text!r} (an empty value)")
    return Path(text)


def given(expected: str, option: bool = True):
    """argparse type of a text option that has no empty form (--as-of, --resume,
    --previous, --dask-scheduler, --models, compare's A and B): `--resume "$UNSET"` read
    as no option started a new run, `--as-of ""` used all the data."""
    def parse(text: str) -> str:
        if not text.strip():
            leave = "; leave the option out for its default" if option else ""
            raise argparse.ArgumentTypeError(f"expected {expected}, found {text!r} (an empty "
                                             f"value{leave})")
        return text
    return parse


#: --as-of; --resume and --previous; --dask-scheduler; --models.
AS_OF = given("a year or a date YYYY-MM-DD")
RUN_ID = given("a run id such as 20261129-153000-ab12cd")
ADDRESS = given("a scheduler address such as tcp://host:8786")
MODELS = given("comma-separated model names")


def file_path(text: str):
    """argparse type of an output file (--output, --chart): a path whose name is a file's,
    never 'out/' (Path() drops the slash, and a file named 'out' would be written)."""
    # pathlib imported when a path is given: the parser is built at every start-up.
    from pathlib import Path

    if text.endswith(("/", "\\")) or text.rstrip("/") in ("", ".", ".."):
        raise argparse.ArgumentTypeError(f"expected a file name, found the folder {text!r}")
    return Path(text)


#: argparse's refusal of a value outside ``choices`` (3.11 quotes the choices, 3.12+ may not).
_INVALID_CHOICE = re.compile(r"^(?P<head>.*?)invalid choice: (?P<found>.*?) "
                             r"\(choose from (?P<choices>.*)\)$", re.S)


def choice_words(message: str) -> str:
    """argparse's ``invalid choice: 'fr' (choose from 'en', 'id')`` in the words of every
    other refusal: ``expected one of en, id, found 'fr'`` (the subcommands as well); a
    value that starts with '-' gets the way to write it."""
    if message.endswith(": expected one argument"):  # `--data-dir -x`: argparse took -x
        return (message + " (a value that starts with '-' is written --option=-value, or a "
                "path as ./-name)")
    m = _INVALID_CHOICE.match(message)
    if m is None:
        return message
    choices = ", ".join(c.strip().strip("'\"") for c in m["choices"].split(","))
    found = m["found"] if m["found"][:1] in "'\"" else repr(m["found"])
    return f"{m['head']}expected one of {choices}, found {found}"


#: What --timeout takes, in words (forecast.safepath.check_timeout says the same).
TIMEOUT_WORDS = "a number of seconds >= 1 (a cell's limit, in whole seconds)"


def seconds(text: str) -> float:
    """argparse type of --timeout: finite seconds of at least 1 (nan, inf, -5, 0 and 0.001
    are refused: a cell's limit is counted in whole seconds, and 0.001 became 1)."""
    try:
        if not text.isascii() or "_" in text:  # float() takes '1_0' and other scripts' digits
            raise ValueError(text)
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {TIMEOUT_WORDS}, found {text!r}") from None
    if not math.isfinite(value) or value < 1:
        raise argparse.ArgumentTypeError(f"expected {TIMEOUT_WORDS}, found {text!r}")
    return value



def unrecognized(args: argparse.Namespace, extra: list[str]) -> str:
    """The refusal of arguments no option of the command takes, naming the command whose
    ``--help`` lists its options; a folder given bare to a command that reads a data folder
    (``forecast data check mydata``) is shown with the option it needs."""
    import shlex  # only when refusing: nothing more to load at start-up

    command = " ".join(w for w in (getattr(args, "command", None),
                                   getattr(args, "data_command", None)) if w)
    bare = [w for w in extra if not w.startswith("-")]
    hint = (f" (a data folder is given as --data-dir {shlex.quote(bare[0])})"
            if getattr(args, "data_dir", "") is None and len(bare) == 1 else "")
    return (f"{command + ': ' if command else ''}unrecognized arguments: {' '.join(extra)}"
            f"{hint} (see forecast {command + ' ' if command else ''}--help)")


class _StoreOnce(argparse._StoreAction):  # argparse's own 'store', plus the check below
    """'store' that refuses an option given again with another value: ``--regions a
    --regions b`` silently ran b alone. The same value twice is harmless and taken. The
    options typed are kept as ``typed`` in the namespace (dest: value)."""

    def __init__(self, *args, seen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self._seen = seen

    def __call__(self, parser, namespace, values, option_string=None):
        if self.option_strings:  # a positional is taken once by argparse itself
            if self.dest in self._seen and self._seen[self.dest] != values:
                raise argparse.ArgumentError(  # str: a path, not PosixPath('...')
                    self, f"given twice with different values, {str(self._seen[self.dest])!r}"
                    f" and {str(values)!r}; give it once")
            self._seen[self.dest] = values
            # What was typed, not defaulted: a resumed batch refuses a different value.
            setattr(namespace, "typed", {**getattr(namespace, "typed", {}), self.dest: values})
        super().__call__(parser, namespace, values, option_string)


class OnceParser(argparse.ArgumentParser):
    """argparse whose options given twice must agree (:class:`_StoreOnce`); every
    subcommand's parser is of the same class, so this holds for each of them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seen: dict = {}
        for name in (None, "store"):
            self.register("action", name,
                          lambda *a, **kw: _StoreOnce(*a, seen=self._seen, **kw))

    def parse_known_args(self, args=None, namespace=None):
        self._seen.clear()  # what one command line gave; a parser may parse again
        return super().parse_known_args(args, namespace)

    @contextmanager
    def as_typed(self, args: argparse.Namespace):
        """A parameter's refusal under the option typed: the checks the notebooks share
        name it as the notebooks do ('as_of: expected ...'); here it reads '--as-of: ...'.
        Any other refusal, and a name no option of the command has, pass as they are."""
        try:
            yield
        except ParameterError as exc:
            name, sep, rest = str(exc).partition(": ")
            option = "--" + name.replace("_", "-")
            if not sep or option not in self._options_of(args):
                raise
            raise ParameterError(f"{option}: {rest}") from None

    def _options_of(self, args: argparse.Namespace) -> set[str]:
        """Every option string of the command ``args`` ran (``data check``: nested)."""
        parser: argparse.ArgumentParser = self
        for word in (getattr(args, "command", None), getattr(args, "data_command", None)):
            subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            if not word or not subs:
                break
            parser = subs[0].choices[word]
        return {s for a in parser._actions for s in a.option_strings}


def check_read(args: argparse.Namespace) -> None:
    """Refuse an option typed that the command would not read: ``run`` and ``batch``'s
    ``--vintage`` without ``--as-of`` or the track record (it says how their dates are read;
    all the data was read either way, and the header said so) and ``run --lang`` with
    ``--format json`` (the JSON names metrics by id: the same bytes in every language)."""
    check_backend()  # a MPLBACKEND matplotlib cannot read: named, before any work
    typed = getattr(args, "typed", {})
    command = getattr(args, "command", None)
    if ("vintage" in typed and command in ("run", "batch") and not getattr(args, "as_of", None)
            and not getattr(args, "track_record", False)  # it reads the past year-ends too
            and not getattr(args, "resume", None)):  # a resumed run: checked against its own
        past = "--track-record" if command == "run" else "the track record"
        raise ParameterError(f"--vintage: expected only with --as-of or {past} (it says how "
                             f"their dates are read), found it with neither; leave it out")
    if "lang" in typed and command == "run" and getattr(args, "format", None) == "json":
        raise ParameterError("--lang: expected only with --format table (the JSON output has "
                             "no language: metrics by id, numbers as numbers), found it with "
                             "--format json; leave it out")
