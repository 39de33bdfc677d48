"""The measure catalogue: one record per measure, read by everything that describes one."""

from __future__ import annotations

from pathlib import Path

import pytest

from dayserv import catalogue, contract, frameworks
from dayserv.figures import formats, measures

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_measure_of_the_contract_has_one_record():
    ids = [m.id for m in catalogue.MEASURES]
    assert len(ids) == len(set(ids))
    assert set(contract.MEASURES) == set(ids) - {"services"}
    for outcome in frameworks.OUTCOMES:
        assert catalogue.BY_ID[outcome.headline].outcome == outcome.id


@pytest.mark.parametrize("measure", contract.MEASURES)
def test_what_describes_a_measure_comes_from_its_record(measure):
    record = catalogue.BY_ID[measure]
    assert formats.measure_name(measure) == record.label
    assert formats.MEASURE_UNITS[measure] == record.unit
    assert formats.MEASURE_COLOURS[measure] == record.colour
    assert measures.DEFINITIONS[measure] == record.full_definition
    assert record.full_definition.startswith(record.definition)
    assert measures.DIRECTION.get(measure, 0) == record.direction
    assert formats.is_share(measure) == (record.kind == "share")
    assert (measure in measures.COUNTED) == record.counted
    assert record.no_data_hint.endswith(".")


TECHNICAL = ("Gini", "Simpson", "Herfindahl", "HHI", "Weighted mean", "/ 100")


@pytest.mark.parametrize("measure", measures.MEASURE_ORDER)
def test_every_measure_has_a_plain_definition(measure):
    record = catalogue.measure(measure)
    for words in (record.label, record.unit, record.definition):
        assert not any(name in words for name in TECHNICAL), words
    assert record.definition.endswith(".")
    assert measures.DEFINITIONS[measure].strip(" .")


def test_a_technical_name_follows_a_definition_only_in_brackets():
    technical = [m for m in catalogue.MEASURES if m.technical]
    assert {m.id for m in technical} == {"provider_diversity", "hhi"}
    for record in technical:
        assert record.full_definition == (
            f"{record.definition} (For analysts: {record.technical}.)"
        )
    assert "Gini-Simpson" in catalogue.BY_ID["provider_diversity"].full_definition
    assert "Herfindahl-Hirschman" in catalogue.BY_ID["hhi"].full_definition


@pytest.mark.parametrize("measure", contract.MEASURES)
def test_the_readme_measures_table_names_every_measure(measure):
    section = README.split("## The measures", 1)[1].split("\n## ", 1)[0]
    assert f"`{measure}`" in section


def test_one_vocabulary_for_a_direction_of_travel():
    assert set(catalogue.KIND_STATUS) == set(catalogue.DIRECTION_WORDS)
    assert set(catalogue.KIND_STATUS.values()) == set(catalogue.STATUSES)
    for kind, words in catalogue.DIRECTION_WORDS.items():
        status = catalogue.STATUSES[catalogue.KIND_STATUS[kind]]
        assert catalogue.status_text(kind) == f"{status.symbol} {words}"
