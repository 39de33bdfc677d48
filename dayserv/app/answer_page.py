"""The page a benchmark round's link opens (``/?submit=TOKEN``, drawn by submit_page for a
round of kind 'benchmark'): one service's respondent group answers seed 001's 'Where are you
at?' statements in its words, with its key, one section at a time. Each section is saved
when the group moves on (every answer so far, kept as a submission), so it can stop and
come back on the same link; nothing of any other service or group is shown."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from dayserv import contract, frameworks
from dayserv.figures import collect_benchmark
from dayserv.show import safe_text
from dayserv.store import rounds
from dayserv.store.database import StoreUnavailable, when
from dayserv.store.links import LinkRefused
from dayserv.store.rounds import Holder, Submitted

ANSWER = "answer_{}"  # a statement's radio buttons
SECTION = "answer_section"  # session state: the section shown
_SAID = "answer_said"  # session state: (kind, words) after a save
_FILLED = "answer_filled"  # session state: the token whose saved answers filled the page
HOW = (
    "When you read a section try to think about if those benchmarks are regularly "
    "translated into action in your service."
)
TEAM = (
    "Five people in a benchmarking team may interpret a statement in 3 different ways and "
    "will need to discuss and come to a consensus about what the benchmark is getting at."
)


def page(engine: Engine, token: str, grant: Holder, mine: list[Submitted]) -> None:
    link, round_ = grant.link, grant.round
    this_round = [s for s in mine if s.round_id == round_.id]
    answers = collect_benchmark.clean_answers(this_round[-1].body) if this_round else {}
    st.title(safe_text.markdown(f"{link.service}: Where are you at?"))
    st.markdown(
        safe_text.markdown(
            f"{round_.area} asks {link.service}'s {link.respondent} group ({link.provider}) "
            f"to answer the benchmark for {round_.year}, by {when(round_.closes_at)}."
        )
        + f" *{HOW}* *{TEAM}* (*Where are you at?*). "
        + "Your answers are saved each time you save a section: you may stop and come back "
        "on the same link, and change them until the round closes."
    )
    st.markdown(
        "The key: " + "; ".join(f"**{r.code}** {r.words}" for r in frameworks.RESPONSES) + "."
    )
    said = st.session_state.pop(_SAID, None)
    if said:
        getattr(st, said[0])(safe_text.markdown(said[1]), icon=":material/check_circle:")
    if st.session_state.get(_FILLED) != token:
        for statement in frameworks.STATEMENT_IDS:
            st.session_state[ANSWER.format(statement)] = answers.get(statement)
        st.session_state[_FILLED] = token
    progress = collect_benchmark.section_progress(answers)
    done = sum(answered for answered, _ in progress.values())
    st.progress(
        done / collect_benchmark.STATEMENTS,
        text=f"{done} of {collect_benchmark.STATEMENTS} statements answered",
    )
    numbers = [section.number for section in frameworks.SECTIONS]
    if SECTION not in st.session_state:  # coming back: the first section not finished
        st.session_state[SECTION] = next(
            (n for n in numbers if progress[n][0] < progress[n][1]), numbers[0]
        )
    number = st.selectbox(
        "Section",
        numbers,
        format_func=lambda n: (
            f"{n} {frameworks.section_name(n)} ({progress[n][0]} of {progress[n][1]} answered)"
        ),
        key=SECTION,
    )
    section_form(engine, token, number, answers, numbers)


def section_form(
    engine: Engine, token: str, number: int, answers: dict[str, str], numbers: list[int]
) -> None:
    statements = [s for s in frameworks.STATEMENTS if s.section == number]
    following = numbers[numbers.index(number) + 1] if number != numbers[-1] else None
    with st.form(f"answer_form_{number}", enter_to_submit=False):
        st.subheader(safe_text.markdown(f"{number} {frameworks.section_name(number)}"))
        for statement in statements:
            st.radio(
                safe_text.markdown(f"{statement.id} {statement.text}"),
                contract.RESPONSES,
                format_func=collect_benchmark.response_words,
                index=None,
                key=ANSWER.format(statement.id),
                horizontal=True,
            )
        st.form_submit_button(
            "Save this section"
            if following is None
            else f"Save, and go on to section {following} {frameworks.section_name(following)}",
            type="primary",
            icon=":material/save:",
            on_click=save,
            args=(engine, token, number, answers, following),
        )


def save(
    engine: Engine, token: str, number: int, answers: dict[str, str], following: int | None
) -> None:
    """Every answer so far, with this section's as given, kept as a submission."""
    given = {
        s.id: st.session_state.get(ANSWER.format(s.id))
        for s in frameworks.STATEMENTS
        if s.section == number
    }
    body = {**answers, **{k: v for k, v in given.items() if v in contract.RESPONSES}}
    left = [k for k, v in given.items() if v is None]
    try:
        rounds.submit(engine, token, body, "answers")
    except (LinkRefused, StoreUnavailable) as exc:
        st.session_state[_SAID] = ("error", f"Nothing was saved: {exc}")
        return
    name = f"{number} {frameworks.section_name(number)}"
    words = f"Section {name} saved: {len(given) - len(left)} of {len(given)} answered"
    words += f" (not yet: {', '.join(left)})." if left else "."
    words += f" {len(body)} of {collect_benchmark.STATEMENTS} statements answered in all."
    st.session_state[_SAID] = ("success", words)
    if following is not None:
        st.session_state[SECTION] = following
