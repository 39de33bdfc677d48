"""The commissioners' checklist: the key questions of seed 000 with the commissioner's
answers, how far through them they are, and the answers given in the app.

The answers come from the workbook's Checklist sheet (``portfolio.tables["checklist"]``)
and from the page, where they can be given and changed. Changes are kept as *edits*: a
mapping ``(year, key) -> (answer, notes)``, where ``key`` is the question's ID ("P1.1"),
or the question's own words for a question the checklist does not have. Applying the
edits to the sheet's rows gives the rows to save; the saved workbook
(``share.checklist_workbook``), uploaded again, reads back to exactly the answers shown.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from dayserv import contract, frameworks
from dayserv.figures.per_frame import per_frame

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


@per_frame
def _tidy(checklist: pd.DataFrame) -> pd.DataFrame:
    """The sheet's rows with a ``key`` each and every optional column present (NA = blank);
    worked out once per sheet, which its four readers here share (none changes it)."""
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
    # Counted in Python: a heading's handful of answers, on each of the page's 25 editors
    # every rerun, took 6 ms a heading through pandas.
    counts = Counter(NOT_ANSWERED if _blank(value) else str(value) for value in answers)
    return {s: counts[s] for s in STATUSES}


def _blank(value) -> bool:
    """Whether an answer cell is empty: NA, None or ""."""
    return value == "" if isinstance(value, str) else value is None or bool(pd.isna(value))


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


def editor_frames(table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """For each heading ("" for the other questions), the rows its editor shows: indexed by
    question key, columns question_id, question, answer, notes, year; blanks as NA, so the
    answer's drop-down shows nothing chosen. Made for every heading at once: one at a time,
    the page's 25 headings took 0.1 to 0.2 s a rerun."""
    shown = table.set_index("key")[["question_id", "question", "answer", "notes", "year"]]
    shown = shown.astype("string")
    shown = shown.mask(shown.eq(""))
    shown.index.name = None
    heading = table["heading_id"].to_numpy()
    return {h: shown.loc[heading == h] for h in dict.fromkeys(heading)}


@dataclass(frozen=True)
class ChecklistView:
    """What the page draws from the sheet and the answers given: the table, its kinds of
    heading in order, each kind's headings, and each heading's editor rows (shared: none
    may change them)."""

    table: pd.DataFrame
    kinds: list[str]
    headings: dict[str, list[tuple[str, str]]]
    frames: dict[str, pd.DataFrame]


@per_frame
def _views(checklist: pd.DataFrame) -> dict:
    """The views of a sheet, by the answers given and the year shown (the latest only)."""
    return {}


def checklist_view(checklist: pd.DataFrame, edits: Edits, year: str | None) -> ChecklistView:
    """``checklist_table`` of the sheet with ``edits`` made, for ``year``, with its kinds,
    headings and editor rows: worked out again only when the answers given or the year
    change, not on every rerun (a change of the sidebar's filter, a click elsewhere)."""
    views = _views(checklist)
    key = (frozenset(edits.items()), year)
    found = views.get(key)
    if found is None:
        table = checklist_table(apply_edits(checklist, edits), year)
        found = ChecklistView(
            table,
            kinds(table),
            {kind: headings(table, kind) for kind in kinds(table)},
            editor_frames(table),
        )
        views.clear()  # only the latest is kept: each answer given makes another
        views[key] = found
    return found


def _clean_text(value) -> str | None:
    """An answer or note as the workbook will read it back: spaces collapsed, None if blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def edits_from(shown: pd.DataFrame, edited: pd.DataFrame, year: str | None) -> Edits:
    """The answers and notes changed in an editor, as edits for ``year``."""
    edits: Edits = {}
    # The editor's rows in the order shown (as it gives them, unless sorted in the browser).
    given = edited if edited.index.equals(shown.index) else edited.loc[shown.index]
    for key, *cells in zip(
        shown.index, shown["answer"], shown["notes"], given["answer"], given["notes"], strict=True
    ):
        before, after = tuple(map(_clean_text, cells[:2])), tuple(map(_clean_text, cells[2:]))
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


def replace_words(count: int) -> str:
    """What the sidebar says, above the upload, while answers given here are not kept, e.g.
    "3 checklist answers are not saved or downloaded yet: a file uploaded here replaces
    this portfolio (the Checklist page keeps them to download until this tab is closed)."."""
    one = count == 1
    return (
        f"{count} checklist answer{'' if one else 's'} {'is' if one else 'are'} not saved or "
        "downloaded yet: a file uploaded here replaces this portfolio (the Checklist page "
        f"keeps {'it' if one else 'them'} to download until this tab is closed)."
    )


def unsaved_count(given: dict[str, GivenAnswers]) -> int:
    """The answers given in this session, on any portfolio, neither saved nor downloaded."""
    return sum(len(answers.unsaved()) for answers in given.values())


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
