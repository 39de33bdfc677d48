"""Pins the frameworks' counts, IDs and a few of their words against the seed documents."""

from collections import Counter

import pytest

from dayserv import frameworks as fw

STATEMENT_ID_SEQUENCE = (
    ("1.1", "1.2a", "1.2b", "1.2c", "1.3", "1.4", "1.5")
    + tuple(f"2.{n}" for n in range(1, 12))
    + tuple(f"3.{n}" for n in range(1, 5))
    + tuple(f"4.{n}" for n in range(1, 10))
    + tuple(f"5.{n}" for n in range(1, 4))
    + tuple(f"6.{n}" for n in range(1, 12))
    + tuple(f"7.{n}" for n in range(1, 18))
    + tuple(f"8.{n}" for n in range(1, 4))
)

KEY_QUESTIONS_PER_HEADING = {
    "P1": 5,
    "P2": 3,
    "P3": 1,
    "P4": 3,
    "P5": 2,
    "P6": 4,
    "P7": 4,
    "P8": 3,
    "P9": 4,
    "P10": 4,
    "F1": 5,
    "F2": 4,
    "F3": 4,
    "F4": 2,
    "C1": 10,
    "C2": 6,
    "C3": 4,
    "C4": 8,
    "C5": 2,
    "O1": 2,
    "O2": 2,
    "O3": 6,
    "O4": 4,
    "O5": 3,
    "O6": 2,
}


def ids(records) -> list[str]:
    return [record.id for record in records]


def test_checklist_lists_have_the_seed_counts_and_ids():
    assert ids(fw.PRINCIPLES) == [f"P{n}" for n in range(1, 11)]
    assert ids(fw.FUNCTIONS) == ["F1", "F2", "F3", "F4"]
    assert ids(fw.CHANGES) == ["C1", "C2", "C3", "C4", "C5"]
    assert ids(fw.OUTCOMES) == [f"O{n}" for n in range(1, 7)]
    assert fw.HEADINGS == fw.PRINCIPLES + fw.FUNCTIONS + fw.CHANGES + fw.OUTCOMES
    assert [c.text for c in fw.CHANGES] == [
        "Structure",
        "Location",
        "Providers",
        "Skill mix",
        "Range of services",
    ]


def test_headings_know_their_kind_number_and_section():
    p10 = fw.heading("P10")
    assert (p10.kind, p10.number) == ("principle", 10)
    assert p10.section == "Key principals for refocusing day services"
    assert fw.heading("F2").kind == "function"
    assert fw.heading("C4").section == "Transforming services requires fundamental changes in"
    assert fw.heading("O6").kind == "outcome"


def test_checklist_words_are_verbatim():
    assert fw.heading("P4").text == (
        "Provision of opportunities for peer support and user run services"
    )
    assert fw.heading("P8").text == (
        "Involvement of users and carers in designing and developing services "
        "(including those who don't use them!)"
    )
    assert fw.heading("F2").text == (
        "Support people to retain existing roles-retaining roles is much easier than regaining"
    )
    assert fw.heading("O5").text == (
        "Disinvestment in potentially costly buildings with more outreach support "
        "and support in mainstream settings"
    )


def test_outcomes_carry_the_workbook_measures():
    by_id = {o.id: o for o in fw.OUTCOMES}
    assert by_id["O1"].measures == ("providers", "provider_diversity", "hhi")
    assert by_id["O1"].headline == "provider_diversity"
    assert by_id["O2"].measures == ("user_run_share", "user_involved_share")
    assert by_id["O3"].measures == ("non_core_funding_share",)
    assert by_id["O4"].measures == ("vocational_share",)
    assert by_id["O5"].measures == ("building_share", "outreach_share", "mainstream_share")
    assert by_id["O5"].headline == "building_share"
    assert by_id["O6"].measures == ("individual_share",)
    for outcome in fw.OUTCOMES:
        assert outcome.headline in outcome.measures
        assert outcome.label
    assert len({o.label for o in fw.OUTCOMES}) == 6


def test_key_questions_per_heading_and_total():
    counts = Counter(q.heading_id for q in fw.KEY_QUESTIONS)
    assert dict(counts) == KEY_QUESTIONS_PER_HEADING
    assert len(fw.KEY_QUESTIONS) == 97
    assert set(counts) == {h.id for h in fw.HEADINGS}


def test_key_question_ids_run_in_order_under_each_heading():
    for heading in fw.HEADINGS:
        questions = fw.key_questions_for(heading.id)
        assert ids(questions) == [f"{heading.id}.{n}" for n in range(1, len(questions) + 1)]
    heading_ids = {h.id for h in fw.HEADINGS}
    assert all(q.heading_id in heading_ids for q in fw.KEY_QUESTIONS)


def test_key_questions_are_verbatim():
    by_id = {q.id: q.text for q in fw.KEY_QUESTIONS}
    assert by_id["P3.1"] == (
        "Do you require measurement of the improvement in people's social networks outside "
        "of the mental health system? Do you specify the use of particular tools to measure this?"
    )
    assert by_id["P7.2"] == (
        "Do the services you provide to this group of people still promote a recovery model?"
    )
    assert by_id["F1.5"] == "Do you know when people want such support?"
    assert by_id["C5.2"] == "How do you know if its what people need or want?"
    assert by_id["O3.4"] == "Are there other sources of finance?"


def test_checklist_answers():
    assert fw.CHECKLIST_ANSWERS == ("Yes", "Partly", "No", "Not yet considered")


def test_benchmark_sections():
    assert [(s.number, s.name) for s in fw.SECTIONS] == [
        (1, "Recovery"),
        (2, "Community Participation"),
        (3, "Social Isolation"),
        (4, "Choice and Self Determination"),
        (5, "Diverse People"),
        (6, "Meeting A Range of Needs"),
        (7, "Users Leading and Providing Services"),
        (8, "Meeting the Needs of Carers"),
    ]


def test_statements_have_the_seed_ids_in_order():
    assert len(fw.STATEMENTS) == 65
    assert fw.STATEMENT_IDS == STATEMENT_ID_SEQUENCE
    counts = Counter(s.section for s in fw.STATEMENTS)
    assert [counts[n] for n in range(1, 9)] == [7, 11, 4, 9, 3, 11, 17, 3]
    for statement in fw.STATEMENTS:
        assert statement.id.startswith(f"{statement.section}.")
        assert fw.statement_section(statement.id) == statement.section


def test_statements_are_verbatim():
    by_id = {s.id: s.text for s in fw.STATEMENTS}
    assert by_id["2.10"] == (
        "Our service encourages and enables Users/ex-users run services to support people to "
        "access mainstream activities and facilities."
    )
    assert by_id["2.2"] == (
        "Our staff is aware of the importance of clients maintaining existing roles, "
        "relationships and activities in a period of ill-health: friendships, family "
        "relationships, social and leisure activities, accommodation, work, education."
    )
    assert by_id["4.9"].endswith(
        "(supports self management of mental health problems to allow involvement in valued "
        "activities)"
    )
    assert "<" not in "".join(by_id.values())
    assert "•" not in "".join(by_id.values())


def test_response_key():
    assert [(r.code, r.words, r.points) for r in fw.RESPONSES] == [
        ("YD", "Yes Definitely", 3),
        ("YAB", "Yes A Bit", 2),
        ("NP", "Not Particularly", 1),
        ("NAA", "Not At All", 0),
        ("N/A", "Not Appropriate", None),
    ]
    assert fw.RESPONSE_CODES == ("YD", "YAB", "NP", "NAA", "N/A")


def test_features():
    assert ids(fw.FEATURES) == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "B"]
    by_id = {f.id: f for f in fw.FEATURES}
    assert by_id["A1"].text == "Open to a wide range of people"
    assert by_id["B"].text == (
        "Effective evaluation and monitoring systems which demonstrate socially inclusive outcomes"
    )
    assert by_id["B"].part == "Outcomes"
    assert by_id["A7"].indicators == ()
    assert [len(by_id[i].indicators) for i in ids(fw.FEATURES)] == [5, 4, 4, 6, 3, 3, 0, 4]
    providers = [len(by_id[i].provider_questions) for i in ids(fw.FEATURES)]
    assert providers == [6, 5, 5, 3, 5, 4, 4, 2]
    assert [len(by_id[i].user_questions) for i in ids(fw.FEATURES)] == [2, 4, 2, 2, 3, 1, 2, 1]
    assert by_id["A1"].provider_questions[0] == "Do you take self-referrals?"
    assert by_id["A4"].indicators[3] == "Evidence of effectiveness – link to outcomes"
    assert fw.GOOD_PRACTICE_RATINGS == ("Strong", "Some", "None")


def test_kpis():
    assert ids(fw.KPIS) == [f"R{n}" for n in range(1, 13)]
    by_id = {k.id: k.measure for k in fw.KPIS}
    assert by_id["R1"] == "Referral enquiries receive responses within five business days"
    assert by_id["R3"] == (
        "Care and Support plans with outcomes drafted within 8 week period and formalised with "
        "Service User/Carer at 8 week review."
    )
    assert by_id["R12"] == "Any Action Plans arising."


@pytest.mark.parametrize(
    "records",
    [fw.HEADINGS, fw.KEY_QUESTIONS, fw.STATEMENTS, fw.FEATURES, fw.KPIS],
    ids=["headings", "key_questions", "statements", "features", "kpis"],
)
def test_ids_are_unique(records):
    assert len(set(ids(records))) == len(records)


def test_texts_are_clean():
    texts = [h.text for h in fw.HEADINGS] + [q.text for q in fw.KEY_QUESTIONS]
    texts += [s.text for s in fw.STATEMENTS] + [k.measure for k in fw.KPIS]
    for f in fw.FEATURES:
        texts += [f.text, *f.indicators, *f.provider_questions, *f.user_questions]
    for text in texts:
        assert text == text.strip()
        assert "**" not in text
        assert "  " not in text


# ---------------------------------------------------------------- the crosswalk


def test_every_heading_has_an_evidence_entry():
    assert set(fw.EVIDENCE) == {h.id for h in fw.HEADINGS}
    for heading in fw.HEADINGS:
        assert isinstance(fw.evidence_for(heading.id), tuple)


def test_evidence_names_pages_that_exist():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]  # benchmark.py, good_practice.py: issue 4
    for evidence in (e for entries in fw.EVIDENCE.values() for e in entries):
        assert evidence.page.startswith("pages/")
        assert (root / evidence.page).is_file(), evidence.page
        assert evidence.title and evidence.why.endswith(".")


def test_evidence_names_only_contract_measures():
    from dayserv import contract

    measures = [e.measure for entries in fw.EVIDENCE.values() for e in entries if e.measure]
    assert measures
    assert set(measures) <= set(contract.MEASURES)


def test_each_outcome_is_evidenced_by_its_own_measures():
    for outcome in fw.OUTCOMES:
        measures = {e.measure for e in fw.evidence_for(outcome.id)}
        assert set(outcome.measures) <= measures
        assert fw.evidence_for(outcome.id)[0].measure == outcome.headline


def test_the_crosswalk_is_honest_about_skill_mix():
    # Nothing measures staffing: only one benchmark statement speaks to it.
    (evidence,) = fw.evidence_for("C4")
    assert evidence.measure is None
    assert "7.13" in evidence.why
    assert fw.evidence_for("P1")[0].title == "Benchmark section 1: Recovery"
    assert "4.8" in fw.evidence_for("P5")[0].why


def test_evidence_for_a_measure_is_titled_with_the_measures_name():
    from dayserv.figures.formats import measure_name

    for evidence in (e for entries in fw.EVIDENCE.values() for e in entries):
        if evidence.measure:
            assert evidence.title == measure_name(evidence.measure)


def test_readme_documents_the_crosswalk_as_it_stands():
    from pathlib import Path

    from dayserv import frameworks

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for heading in frameworks.HEADINGS:
        line = next(
            (row for row in readme.splitlines() if row.startswith(f"| {heading.id} ")), None
        )
        assert line is not None, heading.id
        for evidence in frameworks.EVIDENCE[heading.id]:
            assert evidence.title in line, (heading.id, evidence.title)
