"""The Benchmark sheet, in long form (a row per answer) or wide form (a column per statement),
as one tidy table of answers; a statement ID a spreadsheet turned into a number (2.10 read
as 2.1) is told from its neighbours, or left out rather than guessed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv import contract, frameworks
from dayserv.contract import norm_key
from dayserv.read.columns import Parsed, clean_table, headed
from dayserv.read.parse import BLANK, ambiguous_ten, cell_text, is_blank, statement_id
from dayserv.read.problems import column_letter

_SECTION_LAST = {}
for _sid in frameworks.STATEMENT_IDS:
    _SECTION_LAST[int(_sid.split(".")[0])] = _sid


def _ten_or_one(ambiguous_id: str, before, after) -> str | None:
    """Resolve X.1 vs X.10 from the statements either side, or None when not certain."""
    section = int(ambiguous_id[0])
    if before == f"{section}.9" or after == f"{section}.11":
        return f"{section}.10"
    if before == _SECTION_LAST.get(section - 1) or after == f"{section}.2":
        return f"{section}.1"
    return None


# Cells factorized at a time: a million at once would hold 68 MB for a moment.
_CHUNK = 1 << 16


def _responses(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Response cells -> codes into contract.RESPONSES (-1 blank), and unreadable cells;
    read a part at a time."""
    codes = np.empty(len(values), dtype="int8")
    unknown = np.empty(len(values), dtype=bool)
    for start in range(0, len(values), _CHUNK):
        part = slice(start, start + _CHUNK)
        codes[part], unknown[part] = _response_codes(values[part])
    return codes, unknown


def _response_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_responses`` of a part: each distinct cell value read once."""
    synonyms = contract.VALUE_SYNONYMS["response"]
    position = {code: i for i, code in enumerate(contract.RESPONSES)}
    codes, uniques = pd.factorize(values)
    parsed, unknown = [], []
    for value in uniques:
        text = cell_text(value)
        blank = text in BLANK
        parsed.append(-1 if blank else position.get(synonyms.get(norm_key(text)), -2))
        unknown.append(parsed[-1] == -2)
    parsed_arr = np.array(parsed + [-1], dtype="int8")
    unknown_arr = np.array(unknown + [False])
    return np.maximum(parsed_arr[codes], -1), unknown_arr[codes]


def _categorical(values, categories=None) -> pd.Categorical:
    return pd.Categorical(values, categories=categories)


def clean_benchmark(raw, problems, sheet_name):
    found = clean_table(raw, "benchmark", problems, sheet_name)
    del raw  # held by ``found`` alone from here, to be let go early (below)
    if found is None:
        return None
    frame, bad, positions = found.frame, found.bad, found.positions
    if "statement" in positions and "response" in positions:
        long = _long_benchmark(frame, bad, found, problems, sheet_name)
    else:
        answers = _wide_answers(found, problems, sheet_name)
        if answers is None:
            problems.add(
                "error",
                sheet_name,
                [found.header_row],
                "Statement",
                "",
                "The sheet has neither Statement and Response columns (long form) nor a "
                "column per statement ID (wide form), so it was not read.",
                "Use the template's Benchmark sheet.",
            )
            return None
        # The sheet's cells are let go before the long table is made from their codes: a
        # wide benchmark's million cells are the biggest thing a load holds.
        del found
        long = _wide_table(frame, bad, *answers)
    section = {s: frameworks.statement_section(s) for s in frameworks.STATEMENT_IDS}
    points = {r.code: r.points for r in frameworks.RESPONSES}
    # Put in their places (service, year, respondent, statement, section, response, points,
    # row) rather than the columns chosen in order: that would copy a million answers.
    long.insert(4, "section", long["statement"].map(section).astype("int64"))
    long.insert(6, "points", long["response"].map(points).astype("float64"))
    return long


def _unknown_responses(problems, sheet_name, cells, rows, letters, label):
    problems.add(
        "warning",
        sheet_name,
        rows,
        label,
        cells,
        "Not a response of the benchmark's key; it was left out of the scores.",
        "Use the benchmark's key: YD, YAB, NP, NAA or N/A.",
        letters,
    )


def _long_benchmark(frame, bad, found: Parsed, problems, sheet_name):
    body, positions = found.body, found.positions
    label = headed(found.header, positions, "statement")
    cells = body[positions["statement"]]
    letter = column_letter(positions["statement"])
    codes, uniques = pd.factorize(cells.to_numpy(object))
    ids = np.array([statement_id(u) for u in uniques] + [None], dtype=object)[codes]
    ambiguous = np.array([ambiguous_ten(u) for u in uniques] + [False])[codes]
    wrong = pd.isna(ids) & ~is_blank(cells).to_numpy()
    problems.add(
        "error",
        sheet_name,
        cells.index[wrong],
        label,
        cells[wrong],
        "Not one of the benchmark's 65 statement IDs; the row was left out.",
        "Use the statement's ID as the benchmark numbers it, e.g. 1.2a or 2.10.",
        letter,
    )
    statements = pd.Series(ids, index=body.index, dtype=object)
    if ambiguous.any():
        statements, uncertain = _resolve_tens(statements, ambiguous, frame)
        problems.add(
            "error",
            sheet_name,
            body.index[uncertain],
            label,
            cells[uncertain],
            "This reads 2.1 but may be 2.10 turned into a number by the spreadsheet (the same "
            "goes for 6.1/6.10 and 7.1/7.10); the row was left out rather than guessed.",
            "Format the Statement column as text and type the ID again, e.g. 2.10.",
            letter,
        )
    keep = ~bad & statements.notna()
    response_cells = body[positions["response"]]
    response, unknown = _responses(response_cells.to_numpy(object))
    _unknown_responses(
        problems,
        sheet_name,
        response_cells[unknown],
        body.index[unknown],
        column_letter(positions["response"]),
        headed(found.header, positions, "response"),
    )
    keep = keep.to_numpy()
    respondent = (
        frame["respondent"] if "respondent" in frame else pd.Series(pd.NA, index=frame.index)
    )
    return pd.DataFrame(
        {
            "service": _categorical(frame["service"].to_numpy(object)[keep]),
            "year": _categorical(frame["year"].to_numpy(object)[keep]),
            "respondent": _categorical(respondent.to_numpy(object)[keep], contract.RESPONDENTS),
            "statement": _categorical(statements.to_numpy(object)[keep], frameworks.STATEMENT_IDS),
            "response": pd.Categorical.from_codes(response[keep], contract.RESPONSES),
            "row": body.index.to_numpy()[keep],
        }
    )


def _resolve_tens(statements: pd.Series, ambiguous: np.ndarray, frame: pd.DataFrame):
    """Decide X.1 or X.10 for cells reading X.1, from their neighbours in the same group."""
    keys = [
        frame[c].astype(object).fillna("") for c in ("service", "year", "respondent") if c in frame
    ]
    group = pd.Series(
        pd.MultiIndex.from_arrays(keys).factorize()[0] if keys else 0, index=statements.index
    )
    grouped = statements.groupby(group, sort=False)
    before, after = grouped.shift(1), grouped.shift(-1)
    resolved = statements.copy()
    rows = np.flatnonzero(ambiguous)  # only the few cells reading 2.1, 6.1 or 7.1
    for row in rows:
        resolved.iloc[row] = _ten_or_one(statements.iloc[row], before.iloc[row], after.iloc[row])
    uncertain = np.zeros(len(statements), dtype=bool)
    left = ambiguous & resolved.isna().to_numpy()
    for row in np.flatnonzero(left):
        # Without order to go by: X.1 is certain only if its group already has X.10, or if
        # it is the group's only cell reading X.1 that is still undecided.
        sid = statements.iloc[row]
        same = (group == group.iloc[row]).to_numpy()
        has_ten = (resolved[same] == sid + "0").any()
        twins = (left & same & (statements == sid).to_numpy()).sum()
        choice = sid if has_ten or twins == 1 else None
        resolved.iloc[row] = choice
        uncertain[row] = choice is None
    return resolved, uncertain


def _wide_answers(found: Parsed, problems, sheet_name):
    """A wide benchmark's statement columns read: (statement IDs, spreadsheet rows, response
    codes by row and statement), None without a column per statement."""
    body, header_row, bad = found.body, found.header_row, found.bad
    columns = [(pos, statement_id(c), ambiguous_ten(c), c) for pos, c in found.header.items()]
    columns = [c for c in columns if c[1] is not None]
    if not columns:
        return None
    ids = [c[1] for c in columns]
    chosen: list[tuple[int, str]] = []
    for k, (pos, sid, ambiguous, cell) in enumerate(columns):
        if ambiguous:
            before = ids[k - 1] if k else None
            after = ids[k + 1] if k + 1 < len(ids) else None
            resolved = _ten_or_one(sid, before, after)
            if resolved is None and sum(c[2] and c[1] == sid for c in columns) == 1:
                resolved = sid
            if resolved is None:
                problems.add(
                    "error",
                    sheet_name,
                    [header_row],
                    str(cell),
                    cell,
                    "This column is headed 2.1 but may be 2.10 turned into a number by the "
                    "spreadsheet; it was left out rather than guessed.",
                    "Format the header row as text and type the ID again, e.g. 2.10.",
                    column_letter(pos),
                )
                continue
            sid = resolved
        if sid in {c[1] for c in chosen}:
            problems.add(
                "warning",
                sheet_name,
                [header_row],
                str(cell),
                cell,
                f"A second column for statement {sid}; only the first was read.",
                "Delete or rename the repeated column.",
                column_letter(pos),
            )
            continue
        chosen.append((pos, sid))
    keep = ~bad.to_numpy()
    kept = np.flatnonzero(keep)
    rows = body.index.to_numpy()[keep]
    # The kept rows of the statements' columns, in one copy, read as one run of cells.
    columns = body.columns.get_indexer([p for p, _ in chosen])
    block = body.to_numpy(object)[np.ix_(kept, columns)]
    response, unknown = (codes.reshape(block.shape) for codes in _responses(block.ravel()))
    if unknown.any():
        r, c = np.nonzero(unknown)
        letters = np.array([column_letter(p) for p, _ in chosen], dtype=object)
        problems.add(
            "warning",
            sheet_name,
            rows[r],
            np.array([s for _, s in chosen], dtype=object)[c],
            block[r, c],
            "Not a response of the benchmark's key; it was left out of the scores.",
            "Use the benchmark's key: YD, YAB, NP, NAA or N/A.",
            letters[c],
        )
    return [s for _, s in chosen], rows, response


def _wide_table(frame, bad, statement_ids: list[str], rows: np.ndarray, response: np.ndarray):
    """The long table of a wide benchmark's answers, from their codes."""
    keep = ~bad.to_numpy()
    n, k = response.shape

    def repeated(column):
        codes, uniques = pd.factorize(frame[column].to_numpy(object)[keep])
        return pd.Categorical.from_codes(np.repeat(codes, k), uniques)

    statement_codes = [frameworks.STATEMENT_IDS.index(s) for s in statement_ids]
    respondent = (
        repeated("respondent")
        if "respondent" in frame
        else pd.Categorical.from_codes(np.full(n * k, -1), contract.RESPONDENTS)
    )
    return pd.DataFrame(
        {
            "service": repeated("service"),
            "year": repeated("year"),
            "respondent": respondent,
            "statement": pd.Categorical.from_codes(
                np.tile(np.array(statement_codes, dtype="int16"), n), frameworks.STATEMENT_IDS
            ),
            "response": pd.Categorical.from_codes(response.ravel(), contract.RESPONSES),
            "row": np.repeat(rows, k),
        },
        copy=False,  # the columns are made here, for this frame alone
    )
