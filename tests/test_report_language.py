"""The Indonesian PDFs speak Indonesian: rendered from a run of the shipped data, their
text holds no English word outside a short allow-list (proper names; the source list,
whose titles and addresses are quoted as published, is not checked).

The English vocabulary is that of the report's own English sentences and word tables
(every word they use that their Indonesian counterparts do not), plus common English
function words, so a sentence, a column, a model name or a note left in English is caught.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from forecast.cli import main
from forecast.report import explain, segwords, words

#: Common English words that no report sentence might contain but a leaked note would.
FUNCTION_WORDS = {"the", "and", "of", "for", "from", "with", "after", "before", "by", "is",
                  "are", "was", "were", "not", "left", "kept", "other", "its", "their",
                  "which", "also", "this", "that", "same", "under", "over", "shrinkage",
                  "year", "years", "share", "only", "needed", "projected", "points",
                  "participants", "workers", "funds", "coverage", "end", "page", "how",
                  "mean", "fitted", "trend", "weight"}
#: Words that are the same in both languages or are names.
ALLOW = {"arima", "gompertz", "ucj", "bpjs", "jamsostek", "rpjmn", "rpjpn", "rkp", "unsd",
         "mape", "ets", "backtest", "drift", "median", "target", "data", "model", "total",
         "pooled", "forecast", "seed", "persen", "indonesia", "bali", "jawa", "timur",
         "jakarta", "dki", "rp"}


def _strings(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)
    elif isinstance(obj, str):
        yield obj


def _words(texts) -> set[str]:
    return {w.lower() for s in texts for w in re.findall(r"[A-Za-z]{3,}", s)}


def english_vocabulary() -> set[str]:
    """Words of the reports' English tables that their Indonesian tables never use."""
    en, id_ = set(), set()
    tables = [getattr(words, n) for n in dir(words)] + [explain.TEXT, explain.MODEL,
                                                         explain.FUND_INPUT, segwords.INFORMAL]
    for table in tables:
        if isinstance(table, dict) and {"en", "id"} <= set(table):
            en |= _words(_strings(table["en"]))
            id_ |= _words(_strings(table["id"]))
    return ((en - id_) | FUNCTION_WORDS) - ALLOW


#: The heading of the notes quoted from the sources, untranslated, just before the list.
SOURCE_NOTES = "\nCatatan sumber (dalam bahasa Inggris)\n"


def _text_before_sources(pdf: Path) -> str:
    pages = [p.extract_text() for p in PdfReader(str(pdf)).pages]
    text = "\n".join(pages)
    # The source list (publisher, title, address as published) is quoted, not written;
    # so are the sources' notes, printed under their label right before it.
    cut = text.rfind("\nSumber\n")
    text = text[:cut] if cut > 0 else text
    notes = text.rfind(SOURCE_NOTES)
    return text[:notes] if notes > 0 else text


def english_words_in(text: str, vocabulary: set[str]) -> list[str]:
    """The words of ``text`` (3 letters or more) that are in ``vocabulary``."""
    return sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() in vocabulary})


def test_the_oracle_catches_a_leaked_english_sentence():
    vocabulary = english_vocabulary()
    found = english_words_in("Peserta aktif: 45,2 juta; share trend +0.008/yr after "
                             "shrinkage (own +0.018, weight 44%)", vocabulary)
    assert {"share", "trend", "after", "shrinkage", "weight"} <= set(found)
    assert english_words_in("Peserta aktif pada akhir 2026: probabilitas 3,2 %",
                            vocabulary) == []


@pytest.fixture(scope="module")
def indonesian_run(tmp_path_factory) -> Path:
    runs = tmp_path_factory.mktemp("runs")
    code = main(["batch", "--regions", "national,bali,jawa-timur", "--n-paths", "300",
                 "--jobs", "1", "--lang", "id", "--runs-dir", str(runs)])
    assert code == 0
    return runs / "latest"


@pytest.mark.slow
@pytest.mark.parametrize("pdf", ["national/report_id.pdf", "bali/report_id.pdf",
                                 "jawa-timur/report_id.pdf", "summary_id.pdf"])
def test_indonesian_pdfs_hold_no_english_words(indonesian_run, pdf):
    text = _text_before_sources(indonesian_run / pdf)
    found = english_words_in(text, english_vocabulary())
    where = [m.group(0) for w in found for m in re.finditer(rf".{{0,60}}{w}.{{0,30}}",
                                                            text.replace("\n", " "))]
    assert found == [], where


@pytest.mark.slow
def test_source_notes_are_labelled_and_last_before_the_sources(indonesian_run):
    """The national targets' notes (English, as the sources put them) are in the
    Indonesian PDF under their Indonesian label, after every other text and right before
    the source list; nothing sends the reader to an English report that may not exist."""
    pages = [p.extract_text() for p in PdfReader(str(indonesian_run / "national"
                                                     / "report_id.pdf")).pages]
    text = "\n".join(pages)
    label, sources = text.rfind(SOURCE_NOTES), text.rfind("\nSumber\n")
    assert 0 < label < sources, "no labelled source notes before the source list"
    between = " ".join(text[label + len(SOURCE_NOTES):sources].split())
    assert between.startswith("Catatan berikut mengutip sumber data")
    assert "Universal Coverage Jamsostek target" in between  # the 70M target's note
    assert "report_en.pdf" not in text
