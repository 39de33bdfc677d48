"""The commissioners' checklist: the key questions of seed 000 with the commissioner's
answers, how far through them they are, and the workbook that carries the answers home.

The answers come from the workbook's Checklist sheet (``portfolio.tables["checklist"]``)
and from the page, where they can be given and changed. Changes are kept as *edits*: a
mapping ``(year, key) -> (answer, notes)``, where ``key`` is the question's ID ("P1.1"),
or the question's own words for a question the checklist does not have. Applying the
edits to the sheet's rows gives the rows to save; the saved workbook, uploaded again,
reads back to exactly the answers shown.

A note on formula safety: a spreadsheet runs text beginning with = + - @ (a tab or a
carriage return) as a formula. ``dayserv.share.export`` guards CSV files by putting an apostrophe
into such text. In an .xlsx file the same guard is Excel's own leading apostrophe: the cell
is written as text and marked "quote prefix", which Excel shows as plain text and never
evaluates, while the value itself stays as typed, so the workbook re-uploads unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dayserv import contract, frameworks
from dayserv.contract import Column
from dayserv.share import export, workbook

if TYPE_CHECKING:
    from dayserv.read.clean import Portfolio

ANSWERS: tuple[str, ...] = frameworks.CHECKLIST_ANSWERS
NOT_ANSWERED = "Not answered"
STATUSES: tuple[str, ...] = (*ANSWERS, NOT_ANSWERED)
OTHER_HEADING = "Other questions"
# The tabs of the page: each kind of heading, and the sheet's questions the seed lacks.
KINDS: dict[str, str] = {
    "principle": "Principles",
    "function": "Functions",
    "change": "Changes",
    "outcome": "Outcomes",
    "other": OTHER_HEADING,
}
TABLE_COLUMNS = [
    "key",
    "question_id",
    "heading_id",
    "heading",
    "kind",
    "question",
    "answer",
    "notes",
    "year",
]
ABOUT_SHEET = "About this export"
TEXT = workbook.TEXT
EXTRA_ROWS = 1000  # drop-downs reach this far below the last row
MAX_ROWS = workbook.MAX_ROWS

Edits = dict[tuple[str | None, str], tuple[str | None, str | None]]
"""(year, question key) -> (answer, notes): the answers given or changed in the app."""

_SEED_TEXT = {q.id: q.text for q in frameworks.KEY_QUESTIONS}


# ---------------------------------------------------------------- the questions and answers


def heading_title(heading_id: str) -> str:
    """A heading as the page names it, e.g. "Principle 4: Provision of opportunities for
    peer support and user run services"."""
    heading = frameworks.heading(heading_id)
    return f"{heading.kind.capitalize()} {heading.number}: {heading.text}"


def _blank_to_na(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    return text.mask(text.eq(""))


def _tidy(checklist: pd.DataFrame) -> pd.DataFrame:
    """The sheet's rows with a ``key`` each and every optional column present (NA = blank)."""
    out = pd.DataFrame(index=checklist.index)
    for column in ("question_id", "question", "answer", "notes", "year"):
        if column in checklist:
            out[column] = _blank_to_na(checklist[column])
        else:
            out[column] = pd.Series(pd.NA, index=checklist.index, dtype="string")
    out["key"] = out["question_id"].fillna(out["question"])
    return out.loc[out["key"].notna()]


def answer_years(checklist: pd.DataFrame) -> list[str]:
    """The years the sheet's answers are given for, oldest first."""
    return sorted(_tidy(checklist)["year"].dropna().unique())


def answers_year(checklist: pd.DataFrame, year: str | None = None) -> str | None:
    """The year an answer given in the app is saved for: the year being looked at, else the
    sheet's latest year (None when the sheet has no years)."""
    if year is not None:
        return year
    years = answer_years(checklist)
    return years[-1] if years else None


def _latest_answers(checklist: pd.DataFrame, year: str | None) -> pd.DataFrame:
    """One row per question key: the answer shown, its notes and its year.

    For a chosen year, that year's rows; otherwise the latest row with an answer or notes
    (rows without a year count as older than any year), or a blank for a question listed
    but never answered. Among rows of the same year, the lower one in the sheet wins.
    """
    rows = _tidy(checklist)
    if year is not None:
        rows = rows.loc[rows["year"].eq(year).fillna(False)]
    said = rows["answer"].notna() | rows["notes"].notna()
    ordered = rows.assign(
        _said=said, _year=rows["year"].fillna(""), _position=range(len(rows))
    ).sort_values(["_said", "_year", "_position"], kind="stable")
    latest = ordered.drop_duplicates("key", keep="last").set_index("key")
    latest.loc[~latest["_said"], ["answer", "notes", "year"]] = pd.NA
    order = rows.drop_duplicates("key")["key"]
    return latest.loc[order, ["question", "answer", "notes", "year"]]


def checklist_table(checklist: pd.DataFrame, year: str | None = None) -> pd.DataFrame:
    """Every key question of the checklist, in the seed's order under its heading, with its
    answer from the Checklist sheet.

    ``year`` chooses the answers of one year; without it each question shows its latest
    answer. Questions on the sheet that the checklist does not have follow, under "Other
    questions". Columns: key, question_id, heading_id, heading, kind (principle, function,
    change, outcome or other), question (the seed's words), answer and notes ("" when
    blank) and year (the year the answer was given for, "" when none).
    """
    answers = _latest_answers(checklist, year)
    seed = pd.DataFrame(
        {
            "key": [q.id for q in frameworks.KEY_QUESTIONS],
            "question_id": [q.id for q in frameworks.KEY_QUESTIONS],
            "heading_id": [q.heading_id for q in frameworks.KEY_QUESTIONS],
            "heading": [heading_title(q.heading_id) for q in frameworks.KEY_QUESTIONS],
            "kind": [frameworks.heading(q.heading_id).kind for q in frameworks.KEY_QUESTIONS],
            "question": [q.text for q in frameworks.KEY_QUESTIONS],
        }
    )
    others = answers.index[~answers.index.isin(seed["key"])]
    other = pd.DataFrame(
        {
            "key": others,
            "question_id": "",
            "heading_id": "",
            "heading": OTHER_HEADING,
            "kind": "other",
            "question": answers.loc[others, "question"].to_numpy(object),
        }
    )
    table = pd.concat([seed, other], ignore_index=True)
    found = answers.reindex(table["key"])
    for column in ("answer", "notes", "year"):
        table[column] = found[column].fillna("").to_numpy(object)
    return table[TABLE_COLUMNS].astype(str)


def headings(table: pd.DataFrame, kind: str) -> list[tuple[str, str]]:
    """(heading_id, heading) of one kind, in the table's order."""
    rows = table.loc[table["kind"].eq(kind), ["heading_id", "heading"]].drop_duplicates()
    return list(rows.itertuples(index=False, name=None))


def kinds(table: pd.DataFrame) -> list[str]:
    """The kinds of heading the table holds, in the checklist's order."""
    present = set(table["kind"])
    return [kind for kind in KINDS if kind in present]


# ---------------------------------------------------------------- progress


def progress(table: pd.DataFrame) -> pd.DataFrame:
    """How many questions are answered Yes, Partly, No, Not yet considered, or not answered:
    first over all questions (heading_id "", heading "All questions"), then per heading in
    the table's order. Columns: heading_id, heading, questions, then one per status."""
    status = pd.Categorical(table["answer"].replace("", NOT_ANSWERED), categories=STATUSES)
    keys = table["heading_id"]
    counts = pd.crosstab(
        pd.Categorical(keys, categories=list(dict.fromkeys(keys))), status, dropna=False
    )
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    titles = dict(zip(keys, table["heading"], strict=True))
    per_heading = counts.rename_axis(index="heading_id", columns=None).reset_index()
    per_heading["heading_id"] = per_heading["heading_id"].astype(str)
    per_heading.insert(1, "heading", per_heading["heading_id"].map(titles))
    overall = pd.DataFrame(
        [{"heading_id": "", "heading": "All questions", **counts.sum().to_dict()}]
    )
    out = pd.concat([overall, per_heading], ignore_index=True)
    out.insert(2, "questions", out[list(STATUSES)].sum(axis=1))
    out[["questions", *STATUSES]] = out[["questions", *STATUSES]].astype("int64")
    return out


def status_counts(answers: pd.Series) -> dict[str, int]:
    """How many of these answers are each status, blanks (or NA) counted as not answered,
    e.g. {"Yes": 2, "Partly": 0, "No": 1, "Not yet considered": 0, "Not answered": 2}."""
    status = answers.astype("string").fillna("").replace("", NOT_ANSWERED)
    counts = status.value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def overall(table: pd.DataFrame) -> dict[str, int]:
    """The count of each status over all questions, e.g. {"Yes": 23, ..., "Not answered": 11}."""
    return status_counts(table["answer"])


def progress_words(counts: dict[str, int] | pd.Series) -> str:
    """A heading's progress in words, e.g. "3 of 5 answered: 2 Yes, 1 Partly"."""
    total = sum(int(counts[status]) for status in STATUSES)
    answered = total - int(counts[NOT_ANSWERED])
    parts = [f"{int(counts[a])} {a}" for a in ANSWERS if int(counts[a])]
    words = f"{answered} of {total} answered"
    return f"{words}: {', '.join(parts)}" if parts else words


def answered_bar(counts: dict[str, int]) -> tuple[float, str]:
    """The share of questions answered, for a progress bar, and its words."""
    total = sum(counts.values())
    answered = total - counts[NOT_ANSWERED]
    return (answered / total if total else 0.0), f"{answered} of {total} questions answered"


# ---------------------------------------------------------------- answers given in the app


def editor_frame(table: pd.DataFrame, heading_id: str) -> pd.DataFrame:
    """The rows an editor shows for one heading ("" for the other questions): indexed by
    question key, columns question_id, question, answer, notes, year; blanks as NA, so the
    answer's drop-down shows nothing chosen."""
    rows = table.loc[table["heading_id"].eq(heading_id)]
    shown = rows.set_index("key")[["question_id", "question", "answer", "notes", "year"]]
    shown.index.name = None
    return shown.astype("string").apply(lambda column: column.mask(column.eq("")))


def _clean_text(value) -> str | None:
    """An answer or note as the workbook will read it back: spaces collapsed, None if blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def edits_from(shown: pd.DataFrame, edited: pd.DataFrame, year: str | None) -> Edits:
    """The answers and notes changed in an editor, as edits for ``year``."""
    edits: Edits = {}
    for key in shown.index:
        before = (_clean_text(shown.at[key, "answer"]), _clean_text(shown.at[key, "notes"]))
        after = (_clean_text(edited.at[key, "answer"]), _clean_text(edited.at[key, "notes"]))
        if before != after:
            answer = contract.canonical("answer", after[0]) if after[0] else None
            edits[(year, str(key))] = (answer, after[1])
    return edits


def apply_edits(checklist: pd.DataFrame, edits: Edits) -> pd.DataFrame:
    """The sheet's rows with the edits made: an edit replaces the question's row for that
    year (the first, dropping any repeats) or adds one. Columns question_id, question,
    answer, notes, year; the sheet's row numbers are dropped, as added rows have none."""
    rows = _tidy(checklist).reset_index(drop=True)
    added = []
    for (year, key), (answer, notes) in edits.items():
        same_year = rows["year"].isna() if year is None else rows["year"].eq(year).fillna(False)
        matching = rows.index[rows["key"].eq(key).fillna(False) & same_year]
        if len(matching):
            rows.loc[matching[0], ["answer", "notes"]] = [answer, notes]
            rows = rows.drop(index=matching[1:])
        else:
            added.append(
                {
                    "question_id": key if key in _SEED_TEXT else pd.NA,
                    "question": _SEED_TEXT.get(key, key),
                    "answer": answer,
                    "notes": notes,
                    "year": year,
                    "key": key,
                }
            )
    if added:
        rows = pd.concat([rows, pd.DataFrame(added)], ignore_index=True)
    columns = ["question_id", "question", "answer", "notes", "year"]
    return rows[columns].astype("string").reset_index(drop=True)


def answers_to_save(checklist: pd.DataFrame, edits: Edits, year: str | None) -> pd.DataFrame:
    """The Checklist sheet to save: the sheet's rows with the edits made, then a blank row
    (for ``year``) for each key question the sheet does not list, so that the saved sheet,
    like the template's, lists every question to fill in."""
    rows = apply_edits(checklist, edits)
    listed = set(rows["question_id"].dropna())
    missing = [q for q in frameworks.KEY_QUESTIONS if q.id not in listed]
    blank = pd.DataFrame(
        {
            "question_id": [q.id for q in missing],
            "question": [q.text for q in missing],
            "answer": pd.NA,
            "notes": pd.NA,
            "year": year,
        }
    )
    if blank.empty:
        return rows
    return pd.concat([rows, blank.astype("string")], ignore_index=True)


def _sheet_answer(checklist: pd.DataFrame, year: str | None, key: str) -> tuple:
    """The (answer, notes) the sheet itself gives a question for ``year`` (its first row, as
    ``apply_edits`` replaces), blanks as None; (None, None) when it has no such row."""
    rows = _tidy(checklist)
    same_year = rows["year"].isna() if year is None else rows["year"].eq(year).fillna(False)
    matching = rows.loc[rows["key"].eq(key).fillna(False) & same_year]
    if matching.empty:
        return (None, None)
    first = matching.iloc[0]
    return (_clean_text(first["answer"]), _clean_text(first["notes"]))


def unsaved_edits(checklist: pd.DataFrame, edits: Edits, saved: Edits) -> list[tuple]:
    """The edits a download would not yet keep: those whose answer or notes differ from
    the workbook last downloaded (``saved``, the edits it held) or, for a question it did
    not touch, from the sheet's own."""
    return [
        question
        for question, given in edits.items()
        if given != (saved[question] if question in saved else _sheet_answer(checklist, *question))
    ]


def _answers(count: int) -> str:
    return f"{count} answer" if count == 1 else f"{count} answers"


def unsaved_words(count: int, downloaded: bool) -> str:
    """What the page says while answers given here are not in a downloaded workbook, e.g.
    "3 answers changed since you last downloaded them: download the workbook to keep them."
    (``downloaded``: whether a workbook was downloaded in this session)."""
    them = "it" if count == 1 else "them"
    since = f"since you last downloaded {them}" if downloaded else "here and not downloaded yet"
    return f"{_answers(count)} changed {since}: download the workbook to keep {them}."


def left_behind_words(count: int, earlier: str, now: str, downloadable: bool = True) -> str:
    """What the page says when another file replaced a portfolio whose answers were not
    downloaded, e.g. "3 answers you gave on sample_portfolio.xlsx were not carried over to
    westford.xlsx: download them in that portfolio's workbook, or discard them."
    (``downloadable``: whether that portfolio is still loaded, so its workbook can be made;
    if not, uploading its file again brings the answers back)."""
    it = "it" if count == 1 else "them"
    lost = (
        f"{_answers(count)} you gave on {earlier} {'was' if count == 1 else 'were'} not "
        f"carried over to {now}"
    )
    if downloadable:
        return f"{lost}: download {it} in that portfolio's workbook, or discard {it}."
    again = f"upload it again to get {it} back, or discard {it}"
    return f"{lost}, and {earlier} is no longer loaded: {again}."


@dataclass
class GivenAnswers:
    """The answers given in the app on one portfolio, and those its last downloaded
    workbook held. Kept for the session until downloaded or discarded, so that they
    outlive a new upload; the portfolio itself is held weakly (the app gives a portfolio
    no session shows back), so its workbook can be made only while it is still loaded."""

    source_label: str
    checklist: pd.DataFrame  # the portfolio's Checklist rows: what the edits change
    portfolio: Callable[[], Portfolio | None]  # a weak reference to the portfolio
    edits: Edits = field(default_factory=dict)
    saved: Edits = field(default_factory=dict)
    downloaded: bool = False

    @classmethod
    def of(cls, portfolio: Portfolio) -> GivenAnswers:
        """No answers given yet on ``portfolio``."""
        return cls(portfolio.source_label, portfolio.tables["checklist"], weakref.ref(portfolio))

    def shown(self, portfolio: Portfolio) -> None:
        """The portfolio these answers belong to is the one shown (perhaps loaded afresh)."""
        self.portfolio = weakref.ref(portfolio)

    def unsaved(self) -> list[tuple]:
        """The edits not yet in a downloaded workbook."""
        return unsaved_edits(self.checklist, self.edits, self.saved)

    @property
    def downloadable(self) -> bool:
        """Whether the portfolio is still loaded, so that its workbook can be made."""
        return self.portfolio() is not None

    def download(self, year: str | None = None) -> bytes:
        """The whole portfolio's workbook with these answers (``answers_to_save`` for
        ``year``, by default the sheet's latest), counted from now as downloaded."""
        portfolio = self.portfolio()
        if portfolio is None:
            raise export.CannotExport(
                f"{self.source_label} is no longer loaded; upload it again to get these "
                "answers back"
            )
        held = dict(self.edits)  # the edits as they are now, whatever the page does next
        rows = answers_to_save(self.checklist, held, year or answers_year(self.checklist))
        data = portfolio_workbook(portfolio.tables, rows, self.source_label)
        self.saved, self.downloaded = held, True
        return data


def left_behind(given: dict[str, GivenAnswers], current: str) -> dict[str, GivenAnswers]:
    """The portfolios, other than ``current``, whose answers given here were not downloaded."""
    return {key: answers for key, answers in given.items() if key != current and answers.unsaved()}


def source_key(sources: tuple[str, ...] | list[str], checklist: pd.DataFrame) -> str:
    """A short key for a portfolio's answers: its files' names and its Checklist rows, so
    that edits belong to the upload they were made on and a new upload starts afresh."""
    digest = hashlib.sha1("\n".join(sources).encode())
    rows = checklist.drop(columns=["row"], errors="ignore").astype("string")
    digest.update(pd.util.hash_pandas_object(rows.fillna("\x00"), index=False).to_numpy().tobytes())
    return digest.hexdigest()[:12]


def download_name(source_name: str) -> str:
    """The downloaded workbook's file name, e.g. "sample_portfolio-checklist.xlsx"."""
    stem = re.sub(r"\.(xlsx|xlsm|xls|ods|csv)$", "", source_name.split(",")[0].strip(), flags=re.I)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "portfolio"
    return f"{stem}-checklist.xlsx"


# ---------------------------------------------------------------- the workbook


@dataclass(frozen=True)
class _Column:
    """One column to write: its heading, its values, and how to write them."""

    heading: str
    values: Sequence
    kind: str = "text"  # text; id (text kept as typed: years, statement IDs); number
    width: float = 14
    wrap: bool = False
    choices: tuple[str, ...] = ()


# Headings as text too: a statement ID heading a column stays "2.10".
HEADER: workbook.Style = {"bold": True, "bg_color": "#DDEBF7", "num_format": TEXT}
WRAP: workbook.Style = {"text_wrap": True, "valign": "top"}
TITLE: workbook.Style = {"bold": True, "font_size": 14, "text_wrap": True}


def _style(column: _Column) -> workbook.Style | None:
    """How a column's text shows: as text (years, IDs), wrapped, or plain (None)."""
    style: dict[str, object] = {}
    if column.kind == "id":
        style["num_format"] = TEXT
    if column.wrap:
        style.update(WRAP)
    return style or None


def _lines(text, width: float) -> int:
    return max(1, math.ceil(len(str(text)) / max(width - 2, 1)))


def _cells(column: _Column) -> pd.Series:
    """A column's values as its cells hold them: numbers for a number column; otherwise
    text without the characters a workbook cannot hold, blank (NA) when only spaces."""
    values = pd.Series(column.values, dtype=object)
    if column.kind == "number":
        return pd.to_numeric(values, errors="coerce").astype("float64")
    text = values.where(values.notna()).astype("string")
    text = text.str.replace(workbook.ILLEGAL_CHARACTERS.pattern, "", regex=True)
    return text.mask(text.str.strip().eq(""))


def _write_sheet(book: workbook.Book, title: str, columns: list[_Column]) -> None:
    """A sheet: bold headings in row 1 (frozen), then a row per value, with drop-downs."""
    sheet = book.sheet(title)
    rows = len(columns[0].values)
    for position, column in enumerate(columns):
        style = _style(column)
        sheet.column(position, column.width, style)
        sheet.write(0, position, column.heading, HEADER)
        sheet.write_column(position, _cells(column), style)
        if column.choices:
            sheet.drop_down(position, 1, rows + EXTRA_ROWS - 1, column.choices, column.heading)
    wrapped = [c for c in columns if c.wrap]
    for row in range(rows) if wrapped else ():
        lines = max(_lines(c.values[row], c.width) for c in wrapped)
        if lines > 1:
            sheet.height(row + 1, 15.0 * lines)
    sheet.freeze()


def _contract_column(column: Column, values: Sequence) -> _Column:
    """A column of the contract, written under its heading."""
    wide = column.kind == "question" or column.name in ("notes", "evidence")
    return _Column(
        column.heading,
        values,
        kind="number"
        if column.kind in ("money", "number", "percent", "target")
        else "id"
        if column.kind in ("year", "statement")
        else "text",
        width=90 if column.kind == "question" else 60 if wide else max(len(column.heading) + 4, 12),
        wrap=wide,
        choices=column.values if column.kind.startswith("category:") else (),
    )


def _values(frame: pd.DataFrame, name: str) -> Sequence:
    if name in frame:
        return frame[name].astype(object).to_numpy()
    return [None] * len(frame)


_AMBIGUOUS = {"2.1", "6.1", "7.1"}  # what a spreadsheet makes of 2.10, 6.10 and 7.10


def _label(statement: str, before, after) -> str:
    """A statement ID as written: 2.1 next to 2.9 or 2.11 would be read back as 2.10 (the
    loader's guard against spreadsheets turning 2.10 into 2.1), so there it says so."""
    section = statement.split(".")[0]
    if statement in _AMBIGUOUS and (before == f"{section}.9" or after == f"{section}.11"):
        return f"{statement} (not {statement}0)"
    return statement


def _benchmark_columns(frame: pd.DataFrame) -> list[_Column]:
    """The Benchmark in the form it was read: wide (a column per statement) when each
    spreadsheet row held many answers, or when a row per answer would not fit on a sheet
    (then a row per service, year and respondent, where a statement answered twice keeps
    its later answer); long (a row per answer) otherwise."""
    sheet = contract.BENCHMARK
    by_name = {c.name: c for c in sheet.columns}
    statements = frame["statement"].astype(str)
    wide = frame["row"].duplicated().any() if "row" in frame else False
    if not wide and len(frame) < MAX_ROWS:
        keys = [frame[c].astype(object).fillna("") for c in ("service", "year", "respondent")]
        group = pd.MultiIndex.from_arrays(keys).factorize()[0]
        grouped = statements.groupby(group, sort=False)
        labels = [
            _label(s, b, a)
            for s, b, a in zip(statements, grouped.shift(1), grouped.shift(-1), strict=True)
        ]
        return [
            _contract_column(by_name[name], labels if name == "statement" else _values(frame, name))
            for name in ("service", "year", "respondent", "statement", "response")
        ]
    # One row per spreadsheet row (or per service, year and respondent), a column per statement.
    if wide:
        key = frame["row"].to_numpy()
    else:
        key = pd.MultiIndex.from_arrays(
            [frame[c].astype(object).fillna("") for c in ("service", "year", "respondent")]
        ).to_numpy()
    row_of, _ = pd.factorize(key)
    order = list(dict.fromkeys(statements))
    column_of = pd.Series(range(len(order)), index=order)[statements].to_numpy()
    grid = np.full((row_of.max() + 1 if len(row_of) else 0, len(order)), None, dtype=object)
    grid[row_of, column_of] = frame["response"].astype(object).where(frame["response"].notna())
    firsts = frame.loc[~pd.Series(row_of).duplicated().to_numpy()]
    columns = [
        _contract_column(by_name[n], _values(firsts, n)) for n in ("service", "year", "respondent")
    ]
    for position, statement in enumerate(order):
        before = order[position - 1] if position else None
        after = order[position + 1] if position + 1 < len(order) else None
        columns.append(
            _Column(
                _label(statement, before, after),
                grid[:, position],
                width=8,
                choices=contract.RESPONSES,
            )
        )
    return columns


def _table_columns(table: str, frame: pd.DataFrame) -> list[_Column]:
    """A tidy table as the columns of its sheet, under the contract's headings."""
    if table == "benchmark":
        return _benchmark_columns(frame)
    columns = [_contract_column(c, _values(frame, c.name)) for c in contract.TABLES[table].columns]
    if table == "checklist":
        # As in the template: the question's ID first, for reference; the reader ignores it.
        columns.insert(0, _Column("ID", _values(frame, "question_id"), width=8))
    return columns


def _about(book: workbook.Book, source_name: str, written: list[str], produced) -> None:
    """The first sheet: where the workbook came from, when, and what it is for."""
    sheet = book.sheet(ABOUT_SHEET)
    sheet.column(0, 110)
    lines = [
        "Mental-health day services portfolio, with the commissioners' checklist",
        f"Made from: {source_name}",
        f"Produced by the day services dashboard on {produced:%d %B %Y}.",
        "It holds the portfolio as the dashboard read it, in the template's format ("
        + ", ".join(written)
        + "), with the answers to the commissioners' key questions on the Checklist sheet, "
        "including those given or changed in the dashboard.",
        "Upload this workbook in the dashboard's sidebar to carry on where you left off: it "
        "reads back to the same figures and the same answers.",
        "Rows the dashboard could not read when the portfolio was loaded are not in it, and "
        "values it could not read are blank: the Data quality page lists them.",
    ]
    for row, text in enumerate(lines):
        clean = workbook.ILLEGAL_CHARACTERS.sub("", text)
        sheet.write(row, 0, clean, TITLE if row == 0 else WRAP)
        sheet.height(row, 15.0 * _lines(text, 107) + (6 if row == 0 else 0))


def _workbook(
    sheets: list[tuple[str, pd.DataFrame]], source_name: str, produced: dt.date | None
) -> bytes:
    book = workbook.Book()
    written = [contract.TABLES[table].name for table, _ in sheets]
    _about(book, source_name, written, produced or dt.date.today())
    for table, frame in sheets:
        _write_sheet(book, contract.TABLES[table].name, _table_columns(table, frame))
    return book.close()


def portfolio_workbook(
    tables: dict[str, pd.DataFrame],
    checklist: pd.DataFrame,
    source_name: str,
    produced: dt.date | None = None,
) -> bytes:
    """The whole portfolio as an .xlsx in the contract's format, with ``checklist`` as its
    Checklist sheet, so that uploading it again replaces the portfolio with itself.

    ``tables`` are the portfolio's tidy tables, unfiltered (``portfolio.tables``); each
    table with rows is written to its sheet under the contract's headings (the Benchmark in
    the form it was read), ``checklist`` (rows with question_id, question, answer, notes
    and optionally year: ``answers_to_save`` or a ``checklist_table``) to the Checklist
    sheet. Years and statement IDs are written as text, category columns get drop-downs,
    and text that a spreadsheet would run as a formula is written as plain text.
    """
    sheets = []
    for table in contract.TABLES:
        frame = checklist if table == "checklist" else tables.get(table)
        if frame is not None and (table == "checklist" or not frame.empty):
            sheets.append((table, frame))
    return _workbook(sheets, source_name, produced)
