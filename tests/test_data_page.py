"""The Data tables page as an analyst meets it: pick a table, choose columns, search, filter
from the URL, publication mode, and the files its download buttons build."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd

from dayserv.figures.measures import DEFINITIONS
from dayserv.share import tables
from dayserv.share.export import FORMULA_STARTS
from tests.test_outcome_pages import open_page
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

PAGE = "pages/data.py"


def rows_line(at) -> str:
    return next(m.value for m in at.markdown if " rows" in m.value and m.value.startswith("**"))


def small_people() -> bytes:
    """Two services: one supporting 3 people (hidden in publication mode), one 40; and a
    service whose name a spreadsheet would run as a formula."""
    header = [*SERVICES_HEADER, "People supported"]
    return xlsx(
        {
            "Services": [
                header,
                [*service_row("Peer Hub", "Peer Co", "2024/25", "User-led", "Yes"), 3],
                [*service_row("Day Centre", "Trust", "2024/25", "NHS"), 40],
                [*service_row("@Sneaky", "Trust", "2024/25", "NHS", locality="South"), 12],
            ]
        }
    )


def test_opens_on_the_sample_with_the_services_table():
    at = open_page(PAGE)
    assert at.title[0].value == "Data tables"
    assert at.selectbox(key="data_table").value == "services"
    shown = at.dataframe[0].value
    assert shown.shape == (
        148,
        33,
    )  # the contract's 32 Services columns, Area among them, and the row
    assert list(shown.columns[:3]) == ["Service", "Provider", "Year"]
    assert shown.columns[-1] == "Spreadsheet row"
    assert at.dataframe[0].proto.placeholder == "Not stated"  # a blank cell's one name
    assert rows_line(at) == "**148 of 148 rows**"
    labels = [b.label for b in at.get("download_button")]
    assert "Download CSV" in labels and "Download Excel" in labels
    # The sidebar and its filters survive the page switch.
    assert len(at.sidebar.multiselect) == 5 and len(at.sidebar.file_uploader) == 1


def test_every_table_opens(downloads):
    at = open_page(PAGE)
    for name in tables.CATALOGUE:
        at.selectbox(key="data_table").select(name).run()
        assert not at.exception, name
        assert len(at.dataframe[0].value) > 0, name
    assert at.dataframe[0].value.columns[0] == "Year"  # the measures, last
    assert len(at.dataframe[0].value) == 4


def test_switching_table_shows_its_rows_and_columns():
    at = open_page(PAGE)
    at.selectbox(key="data_table").select("funding").run()
    shown = at.dataframe[0].value
    assert list(shown.columns) == ["Service", "Year", "Source", "Amount (£)", "Spreadsheet row"]
    assert rows_line(at) == "**320 of 320 rows**"


def test_the_column_chooser_narrows_the_columns_in_the_tables_order():
    at = open_page(PAGE)
    at.multiselect(key="data_columns_services").set_value(["Locality", "Service"]).run()
    assert list(at.dataframe[0].value.columns) == ["Service", "Locality"]
    at.multiselect(key="data_columns_services").set_value([]).run()
    assert any("at least one column" in i.value for i in at.info)
    assert not at.dataframe


def test_search_narrows_the_rows():
    at = open_page(PAGE)
    at.text_input(key="data_search").input("peer").run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < 148
    text = shown.astype("string").fillna("").apply(lambda row: " ".join(row).lower(), axis=1)
    assert text.str.contains("peer").all()
    assert rows_line(at) == f'**{len(shown)} of 148 rows containing "peer"**'


def test_a_filter_from_the_url_narrows_the_rows(downloads):
    at = open_page(PAGE, locality="North")
    shown = at.dataframe[0].value
    assert len(shown) == 29 and set(shown["Locality"]) == {"North"}
    assert rows_line(at) == "**29 of 148 rows, after the sidebar's filters**"
    at.text_input(key="data_search").input("Peer").run()
    narrowed = at.dataframe[0].value
    assert set(narrowed["Locality"]) == {"North"}
    assert rows_line(at).startswith(f"**{len(narrowed)} of 148 rows: 29 after the sidebar's")

    name = next(n for n in downloads if "_services_search-peer_" in n and n.endswith(".csv"))
    assert "locality-north" in name
    frame = pd.read_csv(io.BytesIO(downloads[name]()), encoding="utf-8-sig")
    assert len(frame) == len(narrowed)
    assert set(frame["Locality"]) == {"North"}


def test_the_checklist_says_the_filters_do_not_narrow_it():
    at = open_page(PAGE, locality="North")
    at.selectbox(key="data_table").select("checklist").run()
    assert any("do not narrow" in i.value for i in at.info)
    assert len(at.dataframe[0].value) == 97
    assert rows_line(at) == "**97 of 97 rows**"


def test_publication_mode_shows_small_counts_as_under_5(downloads):
    at = open_page(PAGE, upload=small_people(), publish="true")
    people = at.dataframe[0].value["People supported"].astype(str).tolist()
    assert people == ["<5", "40", "12"]
    assert any("Publication mode on" in c.value for c in at.caption)

    book_name = next(n for n in downloads if n.endswith("_services_2024-25_public.xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(downloads[book_name]()))
    sheet = list(book["Services"].iter_cols(values_only=True))
    assert ("People supported", "<5", 40, 12) in sheet
    about = dict(book["About this export"].iter_rows(max_col=2, values_only=True))
    assert about["Publication mode"].startswith("On: counts of people under 5")
    csv_name = next(n for n in downloads if n.endswith("_services_2024-25_public.csv"))
    assert "<5" in downloads[csv_name]().decode("utf-8-sig")


def test_the_downloads_are_built_on_click_and_safe(downloads):
    at = open_page(PAGE, upload=small_people())
    buttons = {b.label: b for b in at.get("download_button")}
    for label in ("Download CSV", "CSV + About (zip)", "Download Excel"):
        assert buttons[label].proto.deferred_file_id  # built only when clicked
        assert buttons[label].proto.ignore_rerun  # and a click does not rerun the page
    assert sorted(n for n in downloads if n.startswith("dayserv_mine_services")) == [
        "dayserv_mine_services_2024-25.csv",
        "dayserv_mine_services_2024-25.xlsx",
        "dayserv_mine_services_2024-25.zip",
    ]
    text = downloads["dayserv_mine_services_2024-25.csv"]().decode("utf-8-sig")
    assert "\n'@Sneaky," in text
    book = openpyxl.load_workbook(io.BytesIO(downloads["dayserv_mine_services_2024-25.xlsx"]()))
    assert book.sheetnames == ["Services", "About this export"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.quotePrefix, cell.coordinate  # Excel's hidden quote prefix
    assert "@Sneaky" in [c.value for c in book["Services"]["A"]]  # the value as typed
    about = dict(book["About this export"].iter_rows(max_col=2, values_only=True))
    assert about["Source file"] == "mine.xlsx" and about["Rows"] == "3"
    assert about["Table"] == "Services"
    assert DEFINITIONS["user_run_share"] in about.values()
    # AppTest can click a download: the page is unchanged by it.
    buttons["Download CSV"].click().run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 3


def params(at) -> dict:
    return {key: at.query_params[key] for key in at.query_params if key.startswith("data_")}


def test_a_link_reopens_the_view_table_search_and_columns(downloads):
    at = open_page(
        PAGE,
        locality="North",
        data_table="funding",
        data_search="Northgate",
        data_columns=["service", "Amount (£)"],
    )
    assert at.selectbox(key="data_table").value == "funding"
    assert at.text_input(key="data_search").value == "Northgate"
    shown = at.dataframe[0].value
    assert list(shown.columns) == ["Service", "Amount (£)"]
    assert len(shown) > 0 and shown["Service"].str.contains("Northgate").all()
    assert not at.warning  # every part of the link was understood
    assert params(at) == {
        "data_table": "funding",
        "data_search": "Northgate",
        "data_columns": ["Service", "Amount (£)"],
    }

    name = "dayserv_sample-portfolio_funding_search-northgate_2-columns_2022-23-to-2025-26_"
    book_name = next(n for n in downloads if n.startswith(name) and n.endswith(".xlsx"))
    assert book_name.endswith("_locality-north.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(downloads[book_name]()))
    about = dict(book["About this export"].iter_rows(max_col=2, values_only=True))
    assert about["Search"] == 'rows containing "Northgate" in any column'
    assert about["Columns"] == "2 of 5 chosen: Service, Amount (£)"
    link = about["Link to this view"]
    assert link.startswith("/data?") and "locality=North" in link
    assert "data_table=funding" in link and "data_columns=Amount+%28%C2%A3%29" in link


def test_the_view_chosen_on_the_page_goes_into_the_address():
    at = open_page(PAGE)
    assert params(at) == {}
    at.selectbox(key="data_table").select("good_practice").run()
    at.text_input(key="data_search").input("peer").run()
    assert params(at) == {"data_table": "good_practice", "data_search": "peer"}
    key = "data_columns_good_practice"
    at.multiselect(key=key).set_value(["Service", "Year"]).run()
    assert params(at)["data_columns"] == ["Service", "Year"]
    # Another table has its own columns: the address no longer names these.
    at.selectbox(key="data_table").select("services").run()
    assert params(at) == {"data_search": "peer"}
    assert len(at.dataframe[0].value.columns) == 33
    at.selectbox(key="data_table").select("good_practice").run()
    assert list(at.dataframe[0].value.columns) == ["Service", "Year"]


def test_a_link_with_unknown_names_opens_what_it_can_with_a_note():
    at = open_page(
        PAGE,
        data_table="Payroll <script>",
        data_columns=["Service", "Salary", "[x](http://evil.example)"],
    )
    assert not at.exception
    assert at.selectbox(key="data_table").value == "services"
    assert list(at.dataframe[0].value.columns) == ["Service"]
    notes = [w.value for w in at.warning]
    assert len(notes) == 2
    assert notes[0].startswith("The link asks for a table called") and "Services table" in notes[0]
    assert "Salary" in notes[1] and "left out" in notes[1]
    assert "\\[x\\]" in notes[1]  # the address's text is shown as text, not as a link
    assert params(at) == {"data_columns": "Service"}  # the address now says what is shown
    # The notes stay while the view is the link's, and go once it is changed.
    at.run()
    assert len(at.warning) == 2
    at.text_input(key="data_search").input("peer").run()
    assert not at.warning


def test_a_link_naming_only_unknown_columns_shows_every_column():
    at = open_page(PAGE, data_table="Funding", data_columns=["Nope"])
    assert at.selectbox(key="data_table").value == "funding"
    assert len(at.dataframe[0].value.columns) == 5
    assert [w.value for w in at.warning] == [
        'The link names columns the Funding table does not have ("Nope"), so every column is shown.'
    ]


def test_all_columns_and_clear_all_in_the_column_chooser():
    at = open_page(PAGE)
    at.button(key="data_columns_services_clear").click().run()
    assert at.multiselect(key="data_columns_services").value == []
    assert any("at least one column" in i.value for i in at.info)
    assert params(at) == {}  # a table of no columns is not a view to link to
    at.multiselect(key="data_columns_services").set_value(["Year", "Service"]).run()
    assert list(at.dataframe[0].value.columns) == ["Service", "Year"]
    at.button(key="data_columns_services_all").click().run()
    assert len(at.dataframe[0].value.columns) == 33
    assert params(at) == {}


def test_empty_columns_are_shown_but_left_out_of_the_downloads(downloads):
    at = open_page(PAGE, upload=small_people())
    shown = at.dataframe[0].value
    empty = [c for c in shown.columns if shown[c].isna().all()]
    assert empty  # the small workbook leaves most optional columns blank
    caption = next(c.value for c in at.caption if c.value.startswith("Left out of the"))
    assert all(column in caption.replace("\\", "") for column in empty)

    csv = pd.read_csv(
        io.BytesIO(downloads["dayserv_mine_services_2024-25.csv"]()), encoding="utf-8-sig"
    )
    assert list(csv.columns) == [c for c in shown.columns if c not in empty]
    book = openpyxl.load_workbook(io.BytesIO(downloads["dayserv_mine_services_2024-25.xlsx"]()))
    about = dict(book["About this export"].iter_rows(max_col=2, values_only=True))
    assert about["Columns left out because they are empty"] == ", ".join(empty)
    assert [c.value for c in book["Services"][1]] == list(csv.columns)


def test_the_zip_holds_the_plain_csv_and_the_about_sheet_as_text(downloads):
    at = open_page(PAGE, upload=small_people())
    button = next(b for b in at.get("download_button") if b.label == "CSV + About (zip)")
    assert button.proto.deferred_file_id and button.proto.ignore_rerun
    zipped = downloads["dayserv_mine_services_2024-25.zip"]()
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        assert archive.namelist() == [
            "dayserv_mine_services_2024-25.csv",
            "dayserv_mine_services_2024-25_about.txt",
        ]
        csv = archive.read("dayserv_mine_services_2024-25.csv")
        about = archive.read("dayserv_mine_services_2024-25_about.txt").decode()
    plain = downloads["dayserv_mine_services_2024-25.csv"]()
    assert csv.splitlines()[1:] == plain.splitlines()[1:]  # the same CSV, made a moment apart
    assert csv.splitlines()[0] == plain.splitlines()[0]
    assert "Source file: mine.xlsx" in about
    assert "Columns: all 33 of the table's columns" in about
    assert "Columns left out because they are empty: " in about
    assert "Link to this view: /data" in about
