"""The measure catalogue: one record per measure, read by everything that describes one."""

from __future__ import annotations

from pathlib import Path

import pytest

from dayserv import catalogue, contract, frameworks
from dayserv.figures import measures
from dayserv.show import formats

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
    assert measures.DEFINITIONS[measure] == record.definition
    assert measures.DIRECTION.get(measure, 0) == record.direction
    assert formats.is_share(measure) == (record.kind == "share")
    assert (measure in measures.COUNTED) == record.counted
    assert record.no_data_hint.endswith(".")


@pytest.mark.parametrize("measure", contract.MEASURES)
def test_the_readme_measures_table_names_every_measure(measure):
    section = README.split("## The measures", 1)[1].split("\n## ", 1)[0]
    assert f"`{measure}`" in section


def test_one_vocabulary_for_a_direction_of_travel():
    assert tuple(catalogue.STATUSES) == formats.STATUSES
    for status in catalogue.STATUSES.values():
        assert catalogue.status_text(status.id) == f"{status.symbol} {status.words}"
        assert status.icon in catalogue.status_markdown(status.id)
        assert f"**{status.words}**" in catalogue.status_markdown(status.id)
