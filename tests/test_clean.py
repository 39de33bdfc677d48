"""Reading untidy workbooks: one test per tolerance case of the contract, and validation."""

from __future__ import annotations

import pandas as pd
import pytest

from dayserv.read.clean import load
from dayserv.read.parse import parse_money, parse_year
from dayserv.read.reader import Source, UnreadableError
from tests.workbooks import (
    SERVICES_HEADER,
    Fmt,
    load_sheets,
    problems_at,
    service_row,
    xlsx,
)


def _two_services(year="2024/25"):
    return [
        SERVICES_HEADER,
        service_row("Drop-in", "Mind", year, "Voluntary", funding=20000),
        service_row("Clubhouse", "Council", year, "Local authority", funding=30000),
    ]


# ---------------------------------------------------------------- sheet and column names


@pytest.mark.parametrize("sheet_name", ["Services", " SERVICES ", "services!", "Service list"])
def test_sheet_names_in_any_case_spacing_or_synonym(sheet_name):
    portfolio = load_sheets({sheet_name: _two_services()})
    assert len(portfolio.services) == 2


def test_column_synonyms_and_untidy_headings():
    header = [
        "  service NAME ",
        "Organisation",
        "Financial year",
        "Provider type",
        "User-led?",
        "Annual cost (£)",
        "Capacity",
        "People supported",
    ]
    portfolio = load_sheets(
        {
            "Services": [
                header,
                ["Drop-in", "Mind", "2024/25", "Charity", "Yes", "£12,500", 20, 41],
            ]
        }
    )
    row = portfolio.services.iloc[0]
    assert (row["service"], row["provider"], row["sector"], row["user_run"]) == (
        "Drop-in",
        "Mind",
        "Voluntary",
        "Yes",
    )
    assert row["funding"] == 12500 and row["places"] == 20 and row["people"] == 41


@pytest.mark.parametrize("heading", ["Provider sector", "Provider Type", "SECTOR"])
def test_sector_heading_synonyms(heading):
    portfolio = load_sheets(
        {"Services": [["Service", "Provider", "Year", heading], ["A", "P", 2024, "NHS"]]}
    )
    assert portfolio.services["sector"].tolist() == ["NHS"]


@pytest.mark.parametrize("heading", ["Budget", "Cost", "Annual cost (£)", "Annual funding"])
def test_funding_heading_synonyms(heading):
    portfolio = load_sheets(
        {
            "Services": [
                ["Service", "Provider", "Year", "Sector", heading],
                ["A", "P", 2024, "NHS", 5000],
            ]
        }
    )
    assert portfolio.services["funding"].tolist() == [5000]


# ---------------------------------------------------------------- layout


def test_title_rows_blank_rows_and_columns_and_totals_row():
    rows = [
        ["Eastbrook day services portfolio"],
        ["Prepared by the commissioning team, March 2025"],
        [],
        [None, *SERVICES_HEADER],
        [None, *service_row("Drop-in", "Mind", "2024/25", "Voluntary", funding=20000)],
        [],
        [None, *service_row("Clubhouse", "Council", "2024/25", "LA", funding=30000)],
        [None, "Total", None, None, None, None, None, 50000],
    ]
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["service"].tolist() == ["Drop-in", "Clubhouse"]
    assert portfolio.services["row"].tolist() == [5, 7]
    totals = problems_at(portfolio, "Services", 8)
    assert totals["severity"].tolist() == ["note"]
    assert "totals" in totals["problem"].iloc[0]


def test_unlabelled_totals_row_at_the_foot_is_left_out_and_said():
    rows = _two_services() + [[None, None, None, None, None, None, 50000]]
    portfolio = load_sheets({"Services": rows})
    assert len(portfolio.services) == 2
    assert problems_at(portfolio, "Services", 4)["severity"].tolist() == ["note"]


# ---------------------------------------------------------------- vocabularies


@pytest.mark.parametrize(
    ("written", "sector"),
    [
        ("Charity", "Voluntary"),
        ("Third sector", "Voluntary"),
        ("VCSE", "Voluntary"),
        ("private", "Independent"),
        ("Council", "Local authority"),
        ("LA", "Local authority"),
        ("User led", "User-led"),
        ("Peer-led", "User-led"),
        ("nhs", "NHS"),
        ("local AUTHORITY", "Local authority"),
    ],
)
def test_sector_synonyms(written, sector):
    portfolio = load_sheets(
        {"Services": [["Service", "Provider", "Year", "Sector"], ["A", "P", 2024, written]]}
    )
    assert portfolio.services["sector"].tolist() == [sector]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Yes definitely", "YD"),
        ("yd", "YD"),
        ("Y D", "YD"),
        ("yes a bit", "YAB"),
        ("Not particularly", "NP"),
        ("naa", "NAA"),
        ("n/a", "N/A"),
        ("NA", "N/A"),
        ("Not appropriate", "N/A"),
        ("Not At All", "NAA"),
    ],
)
def test_responses_in_any_case_spelt_out_or_abbreviated(written, code):
    portfolio = load_sheets(
        {
            "Services": _two_services(),
            "Benchmark": [
                ["Service", "Year", "Statement", "Response"],
                ["Drop-in", "2024/25", "1.1", written],
            ],
        }
    )
    assert portfolio.benchmark["response"].astype(str).tolist() == [code]


def test_unknown_category_is_a_warning_and_blanked_and_the_row_stays():
    rows = _two_services()
    rows[1][4] = "Maybe"  # User run
    rows[2][3] = "Spaceship"  # Sector: blanked too, the row stays (the contract's tolerance)
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["service"].tolist() == ["Drop-in", "Clubhouse"]
    assert pd.isna(portfolio.services["user_run"].iloc[0])
    assert pd.isna(portfolio.services["sector"].iloc[1])
    user_run = problems_at(portfolio, "Services", 2)
    assert user_run[["severity", "column", "cell", "value"]].values.tolist() == [
        ["warning", "User run", "E2", "Maybe"]
    ]
    sector = problems_at(portfolio, "Services", 3)
    assert sector[["severity", "column", "cell", "value"]].values.tolist() == [
        ["warning", "Sector", "D3", "Spaceship"]
    ]
    assert "Use one of" not in sector["problem"].iloc[0]  # said once, in the fix
    assert sector["fix"].iloc[0].startswith("Use one of: NHS, Local authority")


def test_organisation_types_are_sectors():
    kinds = {
        "Registered Charity": "Voluntary",
        "CIC": "Voluntary",
        "CIO": "Voluntary",
        "Company limited by guarantee": "Voluntary",
        "Community group": "Voluntary",
        "Social enterprise": "Voluntary",
        "Mutual": "Voluntary",
        "Faith group": "Voluntary",
        "Ltd": "Independent",
        "Limited company": "Independent",
        "plc": "Independent",
        "LLP": "Independent",
        "Private company": "Independent",
        "NHS trust": "NHS",
        "NHS foundation trust": "NHS",
        "ICB": "NHS",
        "County council": "Local authority",
        "Borough council": "Local authority",
        "District council": "Local authority",
        "Unitary authority": "Local authority",
        "User-led organisation": "User-led",
        "DPULO": "User-led",
        "Service-user led": "User-led",
    }
    rows = [SERVICES_HEADER] + [
        service_row(f"S{i}", f"P{i}", "2024/25", kind) for i, kind in enumerate(kinds)
    ]
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["sector"].tolist() == list(kinds.values())
    assert portfolio.problems.empty


def test_messages_name_the_column_as_headed_in_the_file():
    rows = [
        ["Name", "Organisation", "Financial year", "Provider type", "Budget", "Target groups"],
        ["A", "Org A", "2024/25", "Martian", "tbc", "Refugees/Asylum Seekers; Women"],
    ]
    problems = load_sheets({"Services": rows}).problems.set_index("cell")
    assert problems.loc["D2", "column"] == "Provider type"
    assert problems.loc["E2", "column"] == "Budget"
    groups = problems.loc[["F2"]]  # one message for each item that is not a group
    assert (groups["column"] == "Target groups").all()
    assert (groups["value"] == "Refugees/Asylum Seekers; Women").all()  # the cell as it stands
    assert groups["part"].tolist() == ["Refugees", "Asylum Seekers"]
    for part, problem in zip(groups["part"], groups["problem"], strict=True):
        assert problem.startswith(f"'{part}' ")


def test_a_repeated_row_names_the_row_it_repeats():
    rows = _two_services()
    rows.append(list(rows[1]))
    problems = problems_at(load_sheets({"Services": rows}), "Services", 4)
    assert problems["severity"].tolist() == ["error"]
    assert problems["problem"].iloc[0].startswith("This row repeats row 2 ")


def test_implausible_figures_are_blanked_and_said():
    rows = _two_services()
    rows[1][6] = 4.2e12  # Annual funding in the trillions
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["service"].tolist() == ["Drop-in", "Clubhouse"]
    assert pd.isna(portfolio.services["funding"].iloc[0])
    warning = problems_at(portfolio, "Services", 2)
    assert warning[["severity", "column", "value"]].values.tolist() == [
        ["warning", "Annual funding", "4200000000000"]
    ]


# ---------------------------------------------------------------- money, percentages, years


def test_money_in_every_written_form():
    cells = pd.Series(
        ["£12,500", "12,500.00", 12500, "£12.5k", "12500", "£1.2m", "lots", ""], dtype=object
    )
    parsed = parse_money(cells)
    assert parsed.iloc[:5].tolist() == [12500.0] * 5
    assert parsed.iloc[5] == 1_200_000
    assert parsed.iloc[6:].isna().all()


def test_percentages_as_40_or_40_percent_or_fraction_or_percent_formatted_cell():
    rows = [
        SERVICES_HEADER,
        service_row("A", "P", 2024, "NHS", building=40, outreach=60, mainstream=0),
        service_row("B", "P", 2024, "NHS", building="40%", outreach="60%", mainstream="0%"),
        service_row("C", "P", 2024, "NHS", building=0.4, outreach=0.6, mainstream=0),
        service_row(
            "D",
            "P",
            2024,
            "NHS",
            building=Fmt(0.4, "0%"),
            outreach=Fmt(0.6, "0%"),
            mainstream=Fmt(0, "0%"),
        ),
    ]
    services = load_sheets({"Services": rows}).services
    assert services["building_pct"].tolist() == [40.0] * 4
    assert services["outreach_pct"].tolist() == [60.0] * 4


def test_shares_that_do_not_add_up_are_reported_and_left_out_of_the_figures():
    rows = [
        SERVICES_HEADER,
        service_row("A", "P", 2024, "NHS", building=50, outreach=20, mainstream=10),
    ]
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["building_pct"].isna().all()
    problem = problems_at(portfolio, "Services", 2)
    assert problem["severity"].tolist() == ["warning"]
    assert "add up to 80" in problem["problem"].iloc[0]


def test_single_category_columns_stand_for_the_shares():
    rows = [
        ["Service", "Provider", "Year", "Sector", "Setting", "Activity focus", "Support model"],
        ["A", "P", 2024, "NHS", "Outreach", "Mixed", "individual"],
    ]
    row = load_sheets({"Services": rows}).services.iloc[0]
    assert (row["building_pct"], row["outreach_pct"], row["mainstream_pct"]) == (0, 100, 0)
    assert (row["social_pct"], row["vocational_pct"]) == (50, 50)
    assert (row["group_pct"], row["individual_pct"]) == (0, 100)


@pytest.mark.parametrize(
    "written",
    [
        2024,
        "2024",
        "2024/25",
        "2024-25",
        "2024-2025",
        "FY2024/25",
        "fy 2024/25",
        "2024/2025",
        2024.0,
    ],
)
def test_year_forms_are_the_same_year(written):
    assert parse_year(pd.Series([written], dtype=object)).tolist() == ["2024/25"]


def test_unreadable_year_names_sheet_row_and_column_and_keeps_the_rest():
    rows = _two_services()
    rows[2][2] = "2024/26"
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["service"].tolist() == ["Drop-in"]
    problem = problems_at(portfolio, "Services", 3)
    assert problem[["severity", "column", "cell", "value"]].values.tolist() == [
        ["error", "Year", "C3", "2024/26"]
    ]
    assert problem["fix"].iloc[0]


# ---------------------------------------------------------------- benchmark forms and 2.10


def _wide_benchmark(header_ids):
    header = ["Service", "Year", "Respondent", *header_ids]
    return [header, ["Drop-in", "2024/25", "Staff", *["YD"] * (len(header_ids) - 1), "NAA"]]


def test_wide_benchmark_column_order_resolves_2_10_stored_as_2_1():
    ids = [2.9, 2.1, 2.11]  # Excel turned the heading 2.10 into the number 2.1
    portfolio = load_sheets({"Services": _two_services(), "Benchmark": _wide_benchmark(ids)})
    answered = portfolio.benchmark.astype(str).set_index("statement")["response"]
    assert answered.to_dict() == {"2.9": "YD", "2.10": "YD", "2.11": "NAA"}


def test_wide_benchmark_with_two_headings_reading_2_1_out_of_order_is_reported():
    ids = [2.1, 1.1, 2.1, 3.1]
    portfolio = load_sheets({"Services": _two_services(), "Benchmark": _wide_benchmark(ids)})
    statements = set(portfolio.benchmark["statement"].astype(str))
    assert statements == {"1.1", "3.1"}
    reported = portfolio.problems.query("sheet == 'Benchmark' and severity == 'error'")
    assert reported["cell"].tolist() == ["D1", "F1"]


def test_long_benchmark_resolves_2_10_from_its_neighbours_and_never_merges_it():
    rows = [["Service", "Year", "Statement", "Response"]]
    rows += [
        ["Drop-in", "2024/25", s, r]
        for s, r in [(2.1, "YD"), (2.9, "NP"), (2.1, "NAA"), (2.11, "YAB")]
    ]
    portfolio = load_sheets({"Services": _two_services(), "Benchmark": rows})
    answered = portfolio.benchmark.astype(str).set_index("statement")["response"]
    assert answered.to_dict() == {"2.1": "YD", "2.9": "NP", "2.10": "NAA", "2.11": "YAB"}


def test_long_benchmark_2_1_that_cannot_be_told_from_2_10_is_reported_not_merged():
    rows = [
        ["Service", "Year", "Statement", "Response"],
        ["Drop-in", "2024/25", 2.1, "YD"],
        ["Drop-in", "2024/25", 5.2, "YD"],
        ["Drop-in", "2024/25", 2.1, "NAA"],
    ]
    portfolio = load_sheets({"Services": _two_services(), "Benchmark": rows})
    assert portfolio.benchmark["statement"].astype(str).tolist() == ["5.2"]
    errors = portfolio.problems.query("sheet == 'Benchmark' and severity == 'error'")
    assert errors["row"].tolist() == [2, 4]
    assert "2.10" in errors["problem"].iloc[0]


def test_long_benchmark_text_ids_and_blank_and_unknown_responses():
    rows = [
        ["Service", "Year", "Respondent", "Statement", "Response"],
        ["Drop-in", "2024/25", "Service users", "2.10", "YD"],
        ["Drop-in", "2024/25", "staff", "1.2A", ""],
        ["Drop-in", "2024/25", "Carer", "Statement 7.17", "Sometimes"],
        ["Drop-in", "2024/25", "Carer", "9.9", "YD"],
    ]
    portfolio = load_sheets({"Services": _two_services(), "Benchmark": rows})
    bench = portfolio.benchmark
    assert bench["statement"].astype(str).tolist() == ["2.10", "1.2a", "7.17"]
    assert bench["respondent"].astype(str).tolist() == ["Service user", "Staff", "Carer"]
    assert bench["points"].isna().tolist() == [False, True, True]
    assert problems_at(portfolio, "Benchmark", 4)["severity"].tolist() == ["warning"]
    assert problems_at(portfolio, "Benchmark", 5)["severity"].tolist() == ["error"]


# ---------------------------------------------------------------- files


def test_csv_files_from_excel_in_windows_1252_and_with_byte_order_mark():
    services = (
        "Service,Provider,Year,Sector,Annual funding\r\n"
        'Café Club,Mind,2024/25,Voluntary,"£12,500"\r\n'
    )
    funding = "Service,Year,Source,Amount\r\nCafé Club,2024/25,Lottery,£500\r\n"
    portfolio = load(
        [
            Source("services.csv", services.encode("cp1252")),
            Source("Funding.csv", b"\xef\xbb\xbf" + funding.encode("utf-8")),
        ]
    )
    assert portfolio.services["service"].tolist() == ["Café Club"]
    assert portfolio.services["funding"].tolist() == [12500.0]
    assert portfolio.funding["amount"].tolist() == [500.0]


def test_semicolon_csv_and_row_numbers_count_title_lines():
    text = "Portfolio\n\nService;Provider;Year;Sector\nA;P;2024;NHS\nB;P;2024;Nowhere\n"
    portfolio = load([Source("Services.csv", text.encode())])
    assert portfolio.services["row"].tolist() == [4, 5]  # an unknown Sector keeps the row
    assert problems_at(portfolio, "Services", 5)["column"].tolist() == ["Sector"]


def test_ods_and_xlsm_workbooks(tmp_path):
    frame = pd.DataFrame([service_row("A", "P", "2024/25", "NHS")], columns=SERVICES_HEADER)
    ods = tmp_path / "portfolio.ods"
    frame.to_excel(ods, sheet_name="Services", index=False, engine="odf")
    assert load([Source(ods.name, ods.read_bytes())]).services["service"].tolist() == ["A"]
    xlsm = load([Source("portfolio.xlsm", xlsx({"Services": _two_services()}))])
    assert len(xlsm.services) == 2


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("notes.xlsx", b"these are not the droids", "could not be opened"),
        ("photo.png", b"\x89PNG\r\n\x1a\n....", "not a spreadsheet"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password"),
        ("empty.xlsx", b"", "empty"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_plain_sentence(name, data, words):
    with pytest.raises(UnreadableError) as caught:
        load([Source(name, data)])
    assert words in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_no_services_sheet_names_the_sheets_found():
    data = xlsx({"Budget notes": [["Nothing", "here"]]})
    with pytest.raises(UnreadableError, match="No Services sheet.*Budget notes"):
        load([Source("book.xlsx", data)])


def test_services_sheet_without_a_required_column_says_which():
    data = xlsx({"Services": [["Service", "Sector", "Year"], ["A", "NHS", 2024]]})
    with pytest.raises(UnreadableError, match="no Provider column"):
        load([Source("book.xlsx", data)])


def test_services_sheet_without_sector_loads_and_says_what_it_cannot_work_out():
    portfolio = load_sheets({"Services": [["Service", "Provider", "Year"], ["A", "P", 2024]]})
    assert portfolio.services["service"].tolist() == ["A"]
    warning = portfolio.problems.iloc[0]
    assert (warning["severity"], warning["column"]) == ("warning", "Sector")
    assert "no Sector column" in warning["problem"]


def test_a_single_unnamed_sheet_is_recognised_by_its_headers():
    portfolio = load_sheets({"Sheet1": _two_services()})
    assert len(portfolio.services) == 2


# ---------------------------------------------------------------- optional sheets


def test_optional_sheets_with_their_own_vocabularies():
    portfolio = load_sheets(
        {
            "Services": _two_services(),
            "Funding": [
                ["Service", "Year", "Source", "Amount"],
                ["Drop-in", "2024-25", "core", "£15k"],
                ["Drop-in", "2024-25", "National Lottery", "5,000"],
                ["Drop-in", "2024-25", "Bake sales", "10"],
            ],
            "Good practice": [
                ["Service", "Year", "Feature", "Rating", "Evidence"],
                ["Drop-in", 2024, "A1", "strong", "Self-referral"],
                ["Drop-in", 2024, "Outcomes", "None", ""],
                ["Drop-in", 2024, "Z9", "Some", ""],
            ],
            "KPI returns": [
                ["Provider", "Year", "Quarter", "KPI", "Value"],
                ["Mind", 2024, "q1", "r3", "95%"],
                ["Mind", 2024, 2, "R13", 1],
            ],
            "Targets": [
                ["Outcome", "Target"],
                ["user_run_share", "20%"],
                ["An increasing range of providers", 0.8],
                ["Happiness", 1],
            ],
        }
    )
    assert portfolio.funding["source"].tolist() == ["Core commissioning", "Lottery"]
    assert portfolio.funding["amount"].tolist() == [15000.0, 5000.0]
    assert problems_at(portfolio, "Funding", 4)["column"].tolist() == ["Source"]
    assert portfolio.tables["good_practice"]["feature"].tolist() == ["A1", "B"]
    assert portfolio.tables["good_practice"]["rating"].tolist() == ["Strong", "None"]
    assert portfolio.tables["kpis"][["quarter", "kpi", "value"]].values.tolist() == [
        ["Q1", "R3", 95.0]
    ]
    targets = portfolio.tables["targets"]
    assert targets[["outcome", "target"]].values.tolist() == [
        ["user_run_share", 0.2],
        ["provider_diversity", 0.8],
    ]
    assert problems_at(portfolio, "Targets", 4)["severity"].tolist() == ["error"]
    assert portfolio.sheets["kpis"] == "KPI returns"


def test_checklist_questions_by_text_or_id():
    from dayserv import frameworks

    first = frameworks.KEY_QUESTIONS[0]
    portfolio = load_sheets(
        {
            "Services": _two_services(),
            "Checklist": [
                ["Question", "Answer", "Notes"],
                [first.text.upper(), "yes", "In every contract"],
                ["O2.1", "Partly", ""],
                ["Is the tea nice?", "Not yet considered", ""],
            ],
        }
    )
    checklist = portfolio.tables["checklist"]
    assert checklist["question_id"].tolist()[:2] == [first.id, "O2.1"]
    assert checklist["answer"].tolist() == ["Yes", "Partly", "Not yet considered"]
    assert problems_at(portfolio, "Checklist", 4)["severity"].tolist() == ["warning"]


def test_one_bad_row_never_loses_the_rest():
    rows = _two_services()
    rows.insert(2, ["", "Mind", "2024/25", "Voluntary"])  # no service name
    rows.append(service_row("Allotment", "Grow", "2024/25", "Voluntary", funding="a lot"))
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["service"].tolist() == ["Drop-in", "Clubhouse", "Allotment"]
    assert problems_at(portfolio, "Services", 3)["column"].tolist() == ["Service"]
    assert pd.isna(portfolio.services["funding"].iloc[2])
    assert problems_at(portfolio, "Services", 5)["column"].tolist() == ["Annual funding"]


def test_duplicate_service_rows_keep_the_first():
    rows = _two_services() + [service_row("Drop-in", "Mind", "2024/25", "Voluntary")]
    portfolio = load_sheets({"Services": rows})
    assert len(portfolio.services) == 2
    assert "again" in problems_at(portfolio, "Services", 4)["problem"].iloc[0]


def test_groups_served_list():
    rows = [
        ["Service", "Provider", "Year", "Sector", "Groups served"],
        ["A", "P", 2024, "NHS", "women; BME, lgbt"],
        ["B", "P", 2024, "NHS", "Pirates"],
    ]
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["groups_served"].tolist()[0] == "BME communities; Women; LGBT+"
    assert problems_at(portfolio, "Services", 3)["value"].tolist() == ["Pirates"]


@pytest.mark.parametrize(
    ("written", "sector"),
    [
        ("NHS Foundation Trust", "NHS"),
        ("Voluntary / community", "Voluntary"),
        ("Local authority (council)", "Local authority"),
        ("Social enterprise", "Voluntary"),
    ],
)
def test_longer_sector_spellings_that_start_with_a_known_one(written, sector):
    portfolio = load_sheets(
        {"Services": [["Service", "Provider", "Year", "Sector"], ["A", "P", 2024, written]]}
    )
    assert portfolio.services["sector"].tolist() == [sector]


def test_a_share_column_on_its_own_is_kept_and_its_pair_inferred():
    rows = [
        ["Service", "Provider", "Year", "Sector", "Vocational %", "Building-based %"],
        ["A", "P", 2024, "NHS", "30%", 0.6],
        ["B", "P", 2024, "NHS", 0.25, 0.5],
    ]
    services = load_sheets({"Services": rows}).services
    assert services["vocational_pct"].tolist() == [30, 25]
    assert services["social_pct"].tolist() == [70, 75]
    assert services["building_pct"].tolist() == [60, 50]
    assert services["outreach_pct"].isna().all()


def test_a_blank_share_is_taken_as_the_rest_of_100_and_said():
    rows = [
        SERVICES_HEADER,
        service_row("A", "P", 2024, "NHS", building=50, outreach="", mainstream=20),
    ]
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["outreach_pct"].tolist() == [30]
    assert "what is left of 100" in problems_at(portfolio, "Services", 2)["problem"].iloc[0]


def test_a_share_out_of_range_is_reported():
    rows = [
        SERVICES_HEADER,
        service_row("A", "P", 2024, "NHS", building=150, outreach=-50, mainstream=0),
    ]
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["building_pct"].isna().all()
    assert "below 0 or above 100" in problems_at(portfolio, "Services", 2)["problem"].iloc[0]


def test_a_real_published_directory_without_the_contract_columns_gets_a_plain_message():
    from pathlib import Path

    raw = Path(__file__).resolve().parents[2] / "shared" / "realdata"
    files = sorted(raw.glob("*/*.csv"))
    if not files:
        pytest.skip("../shared/realdata is not beside this checkout")
    with pytest.raises(UnreadableError, match="no header row with Service, Provider, Year"):
        load([Source(files[0].name, files[0].read_bytes())])


def test_sheets_that_cannot_be_used_are_said_not_dropped_silently():
    portfolio = load_sheets(
        {
            "Services": _two_services(),
            "Funding": [["Who", "What"], ["x", "y"]],
            "Benchmark": [["Service", "Year", "Colour"], ["Drop-in", 2024, "blue"]],
            "Notes": [["Remember the tea"]],
        }
    )
    problems = portfolio.problems.set_index("sheet")
    assert problems.loc["Funding", "severity"] == "error"
    assert "No header row" in problems.loc["Funding", "problem"]
    assert "neither Statement" in problems.loc["Benchmark", "problem"]
    assert problems.loc["Notes", "severity"] == "note"
    assert pd.isna(problems.loc["Notes", "row"])


def test_area_is_the_commissioning_area_not_a_locality():
    rows = [
        ["Service", "Provider", "Year", "Sector", "Area", "Locality"],
        ["A", "P", "2024/25", "NHS", "Eastbrook", "North"],
        ["B", "P", "2024/25", "NHS", "Westford", "South"],
    ]
    portfolio = load_sheets({"Services": rows})
    assert portfolio.services["area"].tolist() == ["Eastbrook", "Westford"]
    assert portfolio.services["locality"].tolist() == ["North", "South"]
    assert portfolio.problems.empty
