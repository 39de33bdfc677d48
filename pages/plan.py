"""Plan the changes: re-commissioning plans tried out before deciding. Seed 000 asks "How will
you ensure you don't 'lose' any savings you make in the process of changing your
services?" and "Have you ensured money saved from buildings is 'ring fenced' for day
service provision?"; seed 003 asks that "new services are put in place before old services
are de-commissioned". For the plan chosen: the headline, each measure's recorded and
projected years, each outcome under the plan, the money year by year, each locality's
places with every gap in provision, and the plans side by side; the plan edited here,
saved with the open area, and downloaded in the workbook or the meeting pack."""

import streamlit as st

from dayserv import frameworks
from dayserv.app import entered, plan_page, state, widgets
from dayserv.app.downloads import Download, download_buttons, leave_warning
from dayserv.figures import plan_rows, plan_view
from dayserv.figures.measures import target_for
from dayserv.figures.saved_answers import saved_words
from dayserv.show import plan_charts, safe_text

loaded = state.current()
portfolio, area = loaded.portfolio, loaded.area
editable = area is None or not area.read_only

st.title("Plan the changes")
widgets.page_notices()
widgets.filter_caption(
    "A plan is projected for the whole portfolio from its latest year: the sidebar's filters "
    "do not apply here."
)
st.markdown(
    "Try a re-commissioning plan before deciding: which services close, which open and "
    "when. See whether the money stays in day services (*“Have you ensured money saved from "
    "buildings is ring fenced for day service provision?”*) and whether *“new services are "
    "put in place before old services are de-commissioned”*."
)

upload = st.file_uploader(
    "Or upload a plan workbook",
    type=plan_page.UPLOAD_TYPES,
    key="plan_upload",
    help="A workbook with a Plan sheet (Plan, Change, Service, From, and the Services columns "
    "a change gives), as the template's Plan sheet shows.",
)
uploaded, upload_error = plan_page.read_upload(upload)
if upload_error:
    st.error(safe_text.markdown(upload_error), icon=":material/error:")
record, store_error = plan_page.area_record()
if store_error:
    st.error(safe_text.markdown(store_error), icon=":material/error:")
starts = {s.key: s for s in plan_page.starts(upload, uploaded, record)}
start = starts[
    st.radio(
        "Start from",
        list(starts),
        format_func=lambda key: safe_text.markdown(starts[key].label),
        horizontal=True,
        key="plan_start_" + "_".join(starts) + plan_page.portfolio_key()[:12],
        help="Changes made below to one start are kept for this visit while you look at another.",
    )
]
if not start.problems.empty:
    label = safe_text.markdown(start.label[:1].lower() + start.label[1:])
    count = len(start.problems)
    with st.expander(f"When {label} was read: {count} problem{'s' if count != 1 else ''}"):
        for severity, line in plan_rows.sheet_problem_lines(start.problems):
            st.markdown(f"- **{severity.capitalize()}**: {safe_text.markdown(line)}")

top = st.container()
with st.expander("The plan's changes, row by row (edit them here)", expanded=not start.rows):
    st.caption(
        "A row per change: Decommission a service of the latest year, Commission a new one "
        "(its name under New service, with a Provider and Sector), or Change a service's "
        "figures (only the columns filled in change). Name the plan in Plan to try several "
        "side by side. Add a row at the foot of the table."
    )
    work, key = plan_page.work_for(start)
    edited = st.data_editor(
        work.base,
        key=key,
        num_rows="dynamic" if editable else "fixed",
        hide_index=True,
        column_config=plan_page.column_config(portfolio, work.base),
        disabled=not editable,
        placeholder="",
    )
    work.edited = edited
    rows = plan_rows.rows_of_editor(edited)
    table, problems, projected = plan_page.projections(portfolio, rows)
    for severity, line in plan_rows.problem_lines(problems, rows):
        alert, icon = plan_page.ALERTS[severity]
        alert(safe_text.markdown(line), icon=icon)
    if not problems.empty:
        st.caption("A row with an error is left out of the plan; the rest of the plan runs.")

projection = None
if not projected:
    with top:
        st.info(
            "No change in the plan can be used yet: add a row below (Change, Service and "
            "From at least), or start from a plan workbook.",
            icon=":material/edit_note:",
        )
else:
    with top:
        names = list(projected)
        name = st.selectbox("Plan shown", names, key=plan_page.choice_key("plan_shown", names))
        projection = projected[name]
        st.markdown(f"### {safe_text.markdown(plan_view.headline_words(projection))}")
        st.caption(
            f"{plan_view.PROPOSED}. Projected from {projection.baseline}, the latest year of "
            f"the portfolio, to {plan_view.last_year(projection)}: a service nobody changes "
            "carries forward as it is, with the same funding."
        )

with st.container(border=True):
    saving = area is not None and editable and record is not None and store_error is None
    unsaved = saving and not plan_rows.same_rows(rows, plan_rows.rows_of_body(record.saved.body))
    if area is None:
        st.caption(
            "A plan made here lasts for this visit: download the workbook with it to keep it, "
            "or save the portfolio as an area (Saved areas page) to save plans with it."
        )
    elif record is not None and record.saved.revision:
        st.caption(
            safe_text.markdown(
                saved_words(
                    "Plans",
                    area.info.area,
                    record.saved.revision,
                    record.saved.saved_by,
                    record.saved.saved_at,
                )
            )
        )
    if area is not None and not editable:
        st.caption(
            f"You may read {safe_text.markdown(area.info.area)} only: the plan cannot be "
            "changed or saved here."
        )
    body = plan_rows.plan_body(rows)
    if saving and plan_page.save_asked() and entered.save(area, plan_page.KIND, body, record):
        st.session_state[plan_page.JUST_SAVED] = (area.info.area, body)
        st.rerun()  # the caption above says who saved it, and when
    # Said until the plan changes again (a grid's extra run must not take it away).
    if area is not None and st.session_state.get(plan_page.JUST_SAVED) == (area.info.area, body):
        st.success(f"Plan saved to {safe_text.markdown(area.info.area)}.", icon=":material/check:")
    if saving and record.refused:
        st.error(safe_text.markdown(record.refused), icon=":material/error:")
        if record.theirs is not None:
            st.button(
                "Load their plan (discarding mine)",
                on_click=lambda: plan_page.restart(
                    start, plan_rows.rows_of_body(entered.take_theirs(record).body)
                ),
                icon=":material/sync:",
                key="plan_load_theirs",
            )
    elif unsaved:
        st.warning(
            f"This plan has changes not saved to {safe_text.markdown(area.info.area)}.",
            icon=":material/warning:",
        )
    with st.container(horizontal=True):
        if saving:
            st.button(
                f"Save plan to {safe_text.markdown(area.info.area)}",
                on_click=plan_page.ask_to_save,
                disabled=not unsaved,
                type="primary",
                icon=":material/save:",
                key="plan_save_button",
            )
        files = [
            Download(
                "Download the workbook with this plan (.xlsx)",
                plan_page.workbook_build(portfolio, rows),
                plan_page.workbook_name(portfolio),
                widgets.XLSX_MIME,
                key="plan_workbook",
                what="The workbook with this plan",
                help="Your whole portfolio in the template's format, with this plan on its "
                "Plan sheet: upload it to carry on where you left off.",
            )
        ]
        if projection is not None:
            files.append(
                Download(
                    "Meeting pack with this plan (PowerPoint)",
                    plan_page.pack_build(portfolio, projection),
                    plan_page.pack_name(portfolio, projection),
                    widgets.PPTX_MIME,
                    key="plan_pack",
                    what="The meeting pack with this plan",
                    icon=":material/slideshow:",
                    help="The meeting pack, with 'Proposed changes' slides for this plan, each "
                    f"marked {plan_view.PROPOSED}. Built when clicked.",
                )
            )
            files.append(
                Download(
                    "Meeting pack with this plan (HTML report)",
                    plan_page.pack_build(portfolio, projection, "html"),
                    plan_page.pack_name(portfolio, projection, "html"),
                    "text/html",
                    key="plan_pack_html",
                    what="The meeting pack with this plan (HTML report)",
                    icon=":material/description:",
                    help="The same pack as one web page that opens in any browser, offline, "
                    "with interactive charts. Built when clicked.",
                )
            )
        download_buttons(files, key="plan_downloads")
changed = area is None and not plan_rows.same_rows(rows, start.rows)
leave_warning(1 if unsaved or changed else 0)
if projection is None:
    st.stop()

where = plan_page.provenance(portfolio, projection)
measures = plan_view.measures_table(portfolio, projection)
slug = name[:40]

trends, money, continuity, side = st.tabs(
    ["Outcomes and trends", "Money", "Continuity of provision", "Plans side by side"]
)
with trends:
    st.subheader("Each outcome under the plan")
    widgets.detail_table(
        plan_view.outcome_table(projection, state.current_targets()),
        f"plan-outcomes-{slug}",
        key="plan_outcomes",
        provenance=where,
    )
    for outcome in frameworks.OUTCOMES:
        measure = outcome.headline
        widgets.chart(
            plan_charts.projected_trend(
                measures,
                measure,
                name,
                plan_view.trend_title(projection, measures, measure),
                target=target_for(state.current_targets(), measure),
            ),
            key=f"plan_trend_{measure}",
            name=f"plan-{slug}-{measure}",
            provenance=where,
        )

with money:
    ring_fenced = all(m["ring_fenced"] for m in projection.money.values())
    (st.success if ring_fenced else st.error)(
        safe_text.markdown(plan_view.money_words(projection)) + ".",
        icon=":material/check_circle:" if ring_fenced else ":material/warning:",
    )
    frame = plan_view.money_frame(projection)
    widgets.chart(
        plan_charts.money_chart(frame, name, plan_view.money_words(projection)),
        key="plan_money",
        name=f"plan-{slug}-money",
        provenance=where,
    )
    widgets.detail_table(
        plan_view.money_table(projection), f"plan-money-{slug}", key="plan_money", provenance=where
    )
    st.caption(
        "Each projected year against the year before. Lost to day services: the baseline's "
        "total funding minus the year's, where positive; ring-fenced when nothing is lost."
    )
    widgets.chart(
        plan_charts.funding_chart(frame, name, plan_view.funding_finding(projection)),
        key="plan_funding",
        name=f"plan-{slug}-building-money",
        provenance=where,
    )

with continuity:
    if not projection.gaps:
        st.success(
            safe_text.markdown(plan_view.continuity_words(projection)) + ".",
            icon=":material/check_circle:",
        )
    for gap_line in plan_view.gaps_table(projection)["What happens"]:
        st.warning(safe_text.markdown(gap_line), icon=":material/event_busy:")
    widgets.chart(
        plan_charts.places_chart(
            plan_view.locality_places(portfolio, projection),
            projection.gaps,
            name,
            plan_view.places_finding(projection),
        ),
        key="plan_places",
        name=f"plan-{slug}-places",
        provenance=where,
    )
    if projection.gaps:
        widgets.detail_table(
            plan_view.gaps_table(projection), f"plan-gaps-{slug}", key="plan_gaps", provenance=where
        )

with side:
    st.subheader(
        f"{len(projected)} plan{'s' if len(projected) != 1 else ''}, each in its last year"
    )
    widgets.detail_table(
        plan_view.side_by_side(projected), "plans-side-by-side", key="plan_side", provenance=where
    )
    for each in projected.values():
        st.markdown(f"- {safe_text.markdown(plan_view.headline_words(each))}")
