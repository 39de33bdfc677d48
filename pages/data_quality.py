"""Data quality: what was read from the workbook, and every problem met, downloadable."""

import streamlit as st

from dayserv.app import state, widgets
from dayserv.figures import findings, loaded, quality
from dayserv.read import left_out
from dayserv.read.problems import SEVERITIES
from dayserv.share import export
from dayserv.share.provenance import slug
from dayserv.show import safe_text

portfolio = state.current_portfolio()

st.title("Data quality")
widgets.page_notices()
st.caption(
    safe_text.markdown(f"{quality.left_out_words(portfolio)} · Source: {portfolio.source_label}")
)

st.subheader("What was read")
st.dataframe(loaded.loaded_tables(portfolio), hide_index=True, height="content")
st.markdown(
    f"Years in the Services sheet: **{findings.years_words(loaded.years_found(portfolio))}**."
)
form = loaded.benchmark_form(portfolio)
if form:
    st.markdown(f"The Benchmark sheet is in **{form} form** ({loaded.BENCHMARK_FORMS[form]}).")

st.subheader("Problems")
problems = portfolio.problems
for column, (severity, count) in zip(
    st.columns(3), left_out.problem_counts(problems).items(), strict=True
):
    column.metric(
        f"{severity.capitalize()}s", count, help=loaded.SEVERITY_MEANING[severity], border=True
    )

if problems.empty:
    st.success("No problems: every row of every sheet was read as it stands.")
else:
    left, right = st.columns(2)
    severities = left.multiselect(
        "Severity", SEVERITIES, key="data_quality_severity", placeholder="All severities"
    )
    sheets = right.multiselect(
        "Sheet", loaded.problem_sheets(problems), key="data_quality_sheet", placeholder="All sheets"
    )
    chosen = loaded.filter_problems(problems, severities, sheets)
    grouped = loaded.grouped_problems_table(chosen)
    st.markdown(
        f"**{len(chosen):,} problems, {len(grouped):,} different ones**: each line below is "
        "one problem and the rows that have it."
    )
    st.dataframe(
        grouped,
        hide_index=True,
        column_config={
            "Severity": st.column_config.TextColumn(width="small"),
            "How many": st.column_config.NumberColumn(width="small"),
            "Problem": st.column_config.TextColumn(width="large"),
            "How to fix it": st.column_config.TextColumn(width="medium"),
            "Rows": st.column_config.TextColumn(width="medium"),
        },
    )
    file_name = f"dayserv_{slug(portfolio.source_label)}_problems"
    st.download_button(
        "Download these grouped problems (CSV)",
        data=export.csv_bytes(grouped),
        file_name=f"{file_name}_grouped.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    with st.expander(f"Every problem, row by row ({len(chosen):,})"):
        shown = loaded.problems_table(chosen)
        st.dataframe(
            shown,
            hide_index=True,
            column_config={
                "Severity": st.column_config.TextColumn(width="small"),
                "Row": st.column_config.NumberColumn(width="small"),
                "Problem": st.column_config.TextColumn(width="large"),
                "How to fix it": st.column_config.TextColumn(width="large"),
            },
        )
        st.download_button(
            "Download the problems shown (CSV)",
            data=export.csv_bytes(shown),
            file_name=f"{file_name}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
        )
