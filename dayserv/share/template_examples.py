"""The workbook template's example rows: two made-up services, described the same way in
every sheet, that load without errors through ``dayserv.read.clean.load``."""

from __future__ import annotations

from dayserv import frameworks

EXAMPLE_YEAR = "2024/25"
TARGET_YEAR = "2026/27"
PLAN_YEAR = "2025/26"  # the example plan's changes take effect the year after the examples'

# The example portfolio: two services, the same in every sheet. Keys are tidy column names.
# The first gives its shares as percentages, the second as single categories.
EXAMPLES: dict[str, tuple[dict[str, object], ...]] = {
    "services": (
        {
            "service": "Riverside Day Centre",
            "provider": "Northshire NHS Foundation Trust",
            "year": EXAMPLE_YEAR,
            "sector": "NHS",
            "user_run": "No",
            "locality": "North",
            "funding": 125000,
            "places": 40,
            "people": 110,
            "building_pct": 60,
            "outreach_pct": 25,
            "mainstream_pct": 15,
            "social_pct": 70,
            "vocational_pct": 30,
            "group_pct": 65,
            "individual_pct": 35,
            "self_referral": "No",
            "drop_in": "Yes",
            "evenings": "No",
            "weekends": "No",
            "groups_served": "Older people; BME communities",
            "mon": "09:00-17:00",
            "tue": "09:00-17:00",
            "wed": "9am-5pm",
            "thu": "10:00-14:00, 18:00-21:00",
            "fri": "9-5",
            "sat": "closed",
            "sun": "closed",
        },
        {
            "service": "Pathways Peer Network",
            "provider": "Pathways Peer Collective",
            "year": EXAMPLE_YEAR,
            "sector": "User-led",
            "user_run": "Yes",
            "locality": "South",
            "funding": 48000,
            "places": 25,
            "people": 80,
            "setting": "Mainstream",
            "activity": "Vocational",
            "support_model": "Individual",
            "self_referral": "Yes",
            "drop_in": "No",
            "evenings": "Yes",
            "weekends": "Yes",
            "groups_served": "Younger people; LGBT+",
            "tue": "9.30am–4.30pm",
            "thu": "12:00-20:00",
            "sat": "10am-4pm",
            "sun": "24 hours",
        },
    ),
    "funding": (
        {
            "service": "Riverside Day Centre",
            "year": EXAMPLE_YEAR,
            "source": "Core commissioning",
            "amount": 125000,
        },
        {
            "service": "Pathways Peer Network",
            "year": EXAMPLE_YEAR,
            "source": "Lottery",
            "amount": 48000,
        },
    ),
    "benchmark": (
        {
            "service": "Riverside Day Centre",
            "year": EXAMPLE_YEAR,
            "respondent": "Service user",
            "statement": "1.1",
            "response": "YAB",
        },
        {
            "service": "Pathways Peer Network",
            "year": EXAMPLE_YEAR,
            "respondent": "Staff",
            "statement": "2.10",
            "response": "YD",
        },
    ),
    "good_practice": (
        {
            "service": "Riverside Day Centre",
            "year": EXAMPLE_YEAR,
            "feature": "A1",
            "rating": "Some",
            "evidence": "Open to Primary Care service users, but no self-referrals yet.",
        },
        {
            "service": "Pathways Peer Network",
            "year": EXAMPLE_YEAR,
            "feature": "A2",
            "rating": "Strong",
            "evidence": "Run and staffed by people with lived experience.",
        },
    ),
    "checklist": (
        {
            "answer": "Yes",
            "notes": "Every service's contract requires an individual care plan.",
            "year": EXAMPLE_YEAR,
        },
        {
            "answer": "Partly",
            "notes": "Recovery outcomes are in about half of the plans sampled.",
            "year": EXAMPLE_YEAR,
        },
    ),
    "kpis": (
        {
            "provider": "Northshire NHS Foundation Trust",
            "year": EXAMPLE_YEAR,
            "quarter": "Q1",
            "kpi": "R1",
            "value": 92,
        },
        {
            "provider": "Pathways Peer Collective",
            "year": EXAMPLE_YEAR,
            "quarter": "Q1",
            "kpi": "R10",
            "value": 45,
        },
    ),
    "targets": (
        {"outcome": "user_run_share", "target": 0.2, "year": TARGET_YEAR},
        {"outcome": "building_share", "target": 0.4, "year": TARGET_YEAR},
    ),
    # The new service starts the year the old one closes: no gap in provision.
    "plan": (
        {
            "plan": "Build before closing",
            "change": "Commission",
            "service": "Riverside Recovery Hub",
            "from_year": PLAN_YEAR,
            "provider": "Pathways Peer Collective",
            "sector": "User-led",
            "user_run": "Yes",
            "locality": "North",
            "funding": 125000,
            "places": 40,
            "setting": "Mainstream",
            "activity": "Vocational",
            "support_model": "Individual",
            "source": "Core commissioning",
            "replaces": "Riverside Day Centre",
            "note": "Opens in the town's library and college.",
        },
        {
            "plan": "Build before closing",
            "change": "Decommission",
            "service": "Riverside Day Centre",
            "from_year": PLAN_YEAR,
            "note": "Its members move to the hub.",
        },
    ),
}


def example_rows(table: str) -> list[dict[str, object]]:
    """A sheet's example rows; on the Checklist, every key question, the first ones answered."""
    if table != "checklist":
        return [dict(r) for r in EXAMPLES[table]]
    answers = EXAMPLES["checklist"]
    rows = []
    for number, question in enumerate(frameworks.KEY_QUESTIONS):
        row: dict[str, object] = {"question_id": question.id, "question": question.text}
        if number < len(answers):
            row.update(answers[number])
        rows.append(row)
    return rows
