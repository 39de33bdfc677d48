"""An outcome page's parts: its header (the outcome in seed 000's words, the headline, the
direction of travel and the target, how it is measured), the figures it works from, and
the whole page of a balance (outcomes 4, 5 and 6)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dayserv import catalogue, frameworks
from dayserv.app.state import current_coverage, current_measures, current_tables, current_targets
from dayserv.app.widgets import (
    chart_with_table,
    filter_caption,
    no_sheet,
    page_notices,
    year_picker,
)
from dayserv.figures import balances, findings, formats, outcomes
from dayserv.figures.findings import weighting_words
from dayserv.figures.headline import chart_tag, headline
from dayserv.figures.measures import COUNTED, DEFINITIONS
from dayserv.share.provenance import year_slug
from dayserv.show import bar_charts, line_charts, safe_text


@dataclass
class OutcomeView:
    """What an outcome page works from: the filtered tables, the yearly measures, the
    headline's trend (with the user's target) and which years have too little data."""

    tables: dict[str, pd.DataFrame]
    table: pd.DataFrame  # yearly measures
    headline: dict
    coverage: pd.DataFrame

    @property
    def services(self) -> pd.DataFrame:
        return self.tables["services"]

    @property
    def funding(self) -> pd.DataFrame:
        return self.tables["funding"]

    def tagged(self, measure: str | None = None) -> dict:
        """The headline for a chart of ``measure``: its tag says whether the outcome is on
        track only on the chart of the headline's own measure."""
        if measure is not None and measure == self.headline.get("measure"):
            return {**self.headline, "tag": self.headline["measure_tag"]}
        return self.headline

    def trend_chart(
        self,
        measure: str,
        key: str,
        target: float | None = None,
        *,
        hhi: bool = False,
    ) -> None:
        """A measure over the years, with its target, its too-little-data years and its
        small bases marked, and the figures behind it; a card saying why, and what would
        fill it, when there is nothing to draw. ``hhi``: on the concentration bands."""
        too_little = outcomes.too_little_data(self.coverage, measure)
        empty = findings.empty_trend_words(self.table, measure, too_little)
        if empty:
            message_card(empty)
            return
        bases = outcomes.measure_bases(self.coverage, measure)
        if hhi:
            figure = line_charts.hhi_chart(
                self.table, too_little=too_little, target=target, bases=bases
            )
        else:
            figure = line_charts.trend_chart(
                self.table, measure, target=target, too_little=too_little, bases=bases
            )
        chart_with_table(
            figure,
            outcomes.measure_by_year(self.table, measure, too_little, bases),
            ["year"],
            key=key,
            file_name=measure.replace("_", "-"),
            headline=self.tagged(measure),
            folded=True,
        )
        small_base_caption(outcomes.small_bases(bases, too_little, self.table.get(measure)))


def message_card(text: str) -> None:
    """One card in place of a chart that would have nothing on it: why, and what would fill
    it (an empty chart's bare axes say neither)."""
    st.info(safe_text.markdown(text), icon=":material/insert_chart:")


def small_base_caption(small: dict[str, int]) -> None:
    """Under a chart: the years (or places) whose figure rests on a small base, by name."""
    words = findings.small_base_words(small)
    if words:
        st.caption(safe_text.markdown(words))  # names places: text, never markup


def outcome_view(outcome_id: str, measure: str) -> OutcomeView:
    """Start an outcome page: its header, and the figures the rest of the page draws on."""
    table = current_measures()
    headline = outcome_header(outcome_id, measure, table)
    return OutcomeView(current_tables(), table, headline, current_coverage())


def outcome_header(outcome_id: str, measure: str, table: pd.DataFrame) -> dict:
    """Top of an outcome page: the outcome in seed 000's words, where the headline measure
    stands and which way it moved against the desired direction and the user's target.

    Returns the trend (with "target") for the page's charts.
    """
    outcome = frameworks.heading(outcome_id)
    st.title(f"Outcome {outcome.number}: {outcome.label}")
    page_notices()
    filter_caption()
    st.markdown(f"##### Anticipated outcome {outcome.number}: *{outcome.text}*")
    found = headline(table, measure, current_targets())
    value, status, target = st.columns([1.2, 1, 1], border=True)
    value.metric(
        found.value_label,
        found.value,
        found.change,
        delta_color=found.delta_colour,
        delta_arrow=found.delta_arrow,
        delta_description=found.since,
        help=found.definition,
    )
    state = catalogue.STATUSES[found.status]
    wanted = found.wanted
    status.markdown(
        f"**Direction of travel**  \n:{state.theme}-badge[{found.status_text}]"
        "  \n"
        f"The outcome asks for this measure to go **{wanted}**."
    )
    small_baseline = findings.baseline_words(table, found.trend)
    if small_baseline:
        status.caption(small_baseline)
    target.markdown(
        "**Your target**  \n"
        + (
            found.target_text
            or "None set: set it under Targets on the Overview page, or in the workbook's "
            "Targets sheet, to see progress against it."
        )
    )
    headline_trend = found.trend
    # Every chart names its outcome; only the headline measure's own says if it is on track.
    outcome_words = f"Anticipated outcome {outcome.number}: {outcome.label.lower()}"
    headline_trend["tag"] = outcome_words
    headline_trend["measure_tag"] = chart_tag(outcome_words, found, measure)
    with st.expander("How this is measured, and the key questions it answers"):
        st.markdown(f"**{formats.measure_name(measure)}**: {DEFINITIONS.get(measure, '')}")
        if measure in COUNTED:
            st.markdown("Each service counts once, whatever its funding.")
        else:
            st.markdown(f"{DEFINITIONS['weighting']} Here: {weighting_words(table)}.")
        for heading_id in (outcome_id, *frameworks.OUTCOME_RELATED.get(outcome_id, ())):
            heading = frameworks.heading(heading_id)
            questions = frameworks.key_questions_for(heading_id)
            st.markdown(
                f"**{heading.kind.capitalize()} {heading.number}: {heading.text}**\n"
                + "\n".join(f"- {q.text} ({q.id})" for q in questions)
            )
    return headline_trend


SERVICES_DRAWN = 40  # bars a per-service chart can show and still be read
SERVICE_LABEL_CHARACTERS = 28  # a service's name beside its bar, so the bars keep the width


def balance_page(outcome_id: str) -> None:
    """An outcome that asks for a shift between kinds of activity (outcomes 4, 5 and 6):
    the headline over time, the mix per year, per service, and by sector or locality."""
    balance = balances.BALANCES[outcome_id]
    view = outcome_view(outcome_id, balance.measure)
    services, table, headline = view.services, view.table, view.headline
    if table.empty or table[balance.measure].isna().all():
        no_sheet(f"No figures for this outcome in the services shown. {balance.switch_on}")
        return
    key = outcome_id.lower()
    first = next(iter(balance.columns))
    view.trend_chart(balance.measure, f"{key}_trend", headline["target"])

    hint = catalogue.measure(balance.measure).no_data_hint
    st.subheader("The mix, year by year")
    by_year = balance.by_year(services)
    empty = findings.empty_chart_words(by_year, "share", "The mix, year by year", hint)
    if empty:
        message_card(empty)
    else:
        small = outcomes.small_groups(by_year, "year")
        chart_with_table(
            bar_charts.stacked_bars(
                by_year,
                x="year",
                category=balance.category,
                value="share",
                dimension=balance.dimension,
                percent=True,
                text="share",
                title=balances.mix_words(by_year, balance.category),
                y_title="Share of activity (%)",
                small=small,
            ),
            by_year,
            ["year", balance.category],
            key=f"{key}_mix",
            file_name=f"{key}-by-year",
            headline=headline,
        )
        small_base_caption(small)

    st.subheader("Service by service")
    years = list(table.index)
    year = year_picker(years, f"{key}_year")
    by_service = balance.by_service(services, year)
    drawn = balances.service_shares_long(
        by_service.head(SERVICES_DRAWN), balance.columns, balance.category
    )
    empty = findings.empty_chart_words(drawn, "share", f"{year}, service by service", hint)
    if empty:
        message_card(empty)
    else:
        if len(by_service) > SERVICES_DRAWN:
            st.caption(
                f"The chart shows the {SERVICES_DRAWN} most {first.lower()} of "
                f"{len(by_service):,} services; the table below has them all."
            )
        chart_with_table(
            bar_charts.stacked_bars(
                drawn,
                x="service",
                category=balance.category,
                value="share",
                dimension=balance.dimension,
                percent=True,
                horizontal=True,
                title=f"{year}: each service's mix, the most {first.lower()} first",
                y_title="Share of activity (%)",
                label_width=SERVICE_LABEL_CHARACTERS,
            ),
            by_service,
            ["service"],
            key=f"{key}_services",
            file_name=f"{key}-by-service-{year_slug(year)}",
            headline=headline,
        )

    st.subheader("Where the picture differs")
    by = balance.groups[0]
    if len(balance.groups) > 1:
        by = (
            st.segmented_control(
                "By", balance.groups, default=by, format_func=str.capitalize, key=f"{key}_by"
            )
            or by
        )
    by_group = outcomes.latest_year_rows(balance.by_group(services, by))
    empty = findings.empty_chart_words(by_group, "share", f"By {by}", hint)
    if empty:
        message_card(empty)
        return
    small = outcomes.small_groups(by_group, by)
    chart_with_table(
        bar_charts.stacked_bars(
            by_group,
            x=by,
            category=balance.category,
            value="share",
            dimension=balance.dimension,
            percent=True,
            horizontal=True,
            title=findings.group_finding(
                by_group.loc[by_group[balance.category] == first],
                by,
                "share",
                f"{first} share",
            ),
            y_title="Share of activity (%)",
            small=small,
        ),
        by_group,
        [by],
        key=f"{key}_groups",
        file_name=f"{key}-by-{by}",
        headline=headline,
    )
    small_base_caption(small)
