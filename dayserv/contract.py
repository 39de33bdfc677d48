"""The workbook contract as data: sheets, columns, synonyms and vocabularies.

The reader, the validator, the template and the README's format table all read these
definitions, so they cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dayserv import catalogue


def norm_key(text: object) -> str:
    """Fold a name or a category for matching: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9+]", "", str(text).lower())


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its tidy name, its heading in the workbook, and its synonyms."""

    name: str
    heading: str
    kind: str  # text, year, category, money, number, percent, yesno, list, hours
    required: bool = False  # a row without a readable value is left out
    synonyms: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    help: str = ""
    expected: bool = False  # always filled in, but a blank or unknown value only blanks it


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook."""

    name: str
    columns: tuple[Column, ...]
    synonyms: tuple[str, ...] = ()
    required: bool = False
    help: str = ""
    keys: tuple[str, ...] = field(default=())


SECTORS = ("NHS", "Local authority", "Voluntary", "Independent", "User-led")
YES_PARTLY_NO = ("Yes", "Partly", "No")
YES_NO = ("Yes", "No")
SETTINGS = ("Building-based", "Outreach", "Mainstream")
ACTIVITIES = ("Social & leisure", "Vocational", "Mixed")
SUPPORT_MODELS = ("Group", "Individual", "Mixed")
GROUPS = (
    "BME communities",
    "Women",
    "Younger people",
    "Older people",
    "LGBT+",
    "Disabled people",
    "Faith groups",
)
FUNDING_SOURCES = (
    "Core commissioning",
    "NHS",
    "Direct payments",
    "Personal budgets",
    "Grants & trusts",
    "Lottery",
    "Employment programmes",
    "Fundraising & trading",
    "Other",
)
RESPONSES = ("YD", "YAB", "NP", "NAA", "N/A")
RESPONDENTS = ("Service user", "Staff", "Carer", "Commissioner")
RATINGS = ("Strong", "Some", "None")
ANSWERS = ("Yes", "Partly", "No", "Not yet considered")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
KPI_IDS = tuple(f"R{i}" for i in range(1, 13))
MEASURES = catalogue.OUTCOME_MEASURES  # the measure catalogue's, in its order
CHANGES = ("Decommission", "Commission", "Change")  # a Plan row's kinds of change

# Spellings met in real workbooks, folded with norm_key, mapped to the canonical value.
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "sector": {
        "nhs": "NHS",
        "nhstrust": "NHS",
        "health": "NHS",
        "localauthority": "Local authority",
        "la": "Local authority",
        "council": "Local authority",
        "localcouncil": "Local authority",
        "socialservices": "Local authority",
        "voluntary": "Voluntary",
        "voluntarysector": "Voluntary",
        "charity": "Voluntary",
        "thirdsector": "Voluntary",
        "vcse": "Voluntary",
        "vcs": "Voluntary",
        "communityandvoluntary": "Voluntary",
        "notforprofit": "Voluntary",
        "community": "Voluntary",
        "socialenterprise": "Voluntary",
        "faithorganisation": "Voluntary",
        # Organisation types as UK registers, grant data (360Giving) and directories write them.
        "registeredcharity": "Voluntary",
        "charitableorganisation": "Voluntary",
        "cio": "Voluntary",
        "charitableincorporatedorganisation": "Voluntary",
        "companylimitedbyguarantee": "Voluntary",
        "clg": "Voluntary",
        "communityinterestcompany": "Voluntary",
        "cic": "Voluntary",
        "communitygroup": "Voluntary",
        "communityorganisation": "Voluntary",
        "mutual": "Voluntary",
        "mutualsociety": "Voluntary",
        "communitybenefitsociety": "Voluntary",
        "faithgroup": "Voluntary",
        "faithbasedorganisation": "Voluntary",
        "unincorporatedassociation": "Voluntary",
        "trust": "Voluntary",
        "limitedbyguarantee": "Voluntary",
        "independent": "Independent",
        "independentsector": "Independent",
        "private": "Independent",
        "privatesector": "Independent",
        "forprofit": "Independent",
        "ltd": "Independent",
        "limited": "Independent",
        "limitedcompany": "Independent",
        "companylimitedbyshares": "Independent",
        "privatelimitedcompany": "Independent",
        "plc": "Independent",
        "publiclimitedcompany": "Independent",
        "llp": "Independent",
        "limitedliabilitypartnership": "Independent",
        "privatecompany": "Independent",
        "company": "Independent",
        "partnership": "Independent",
        "soletrader": "Independent",
        "icb": "NHS",
        "integratedcareboard": "NHS",
        "ccg": "NHS",
        "clinicalcommissioninggroup": "NHS",
        "nhsfoundationtrust": "NHS",
        "foundationtrust": "NHS",
        "nhsbody": "NHS",
        "countycouncil": "Local authority",
        "boroughcouncil": "Local authority",
        "districtcouncil": "Local authority",
        "citycouncil": "Local authority",
        "metropolitanboroughcouncil": "Local authority",
        "londonboroughcouncil": "Local authority",
        "unitaryauthority": "Local authority",
        "unitarycouncil": "Local authority",
        "parishcouncil": "Local authority",
        "towncouncil": "Local authority",
        "userledorganisation": "User-led",
        "dpulo": "User-led",
        "disabledpeoplesuserledorganisation": "User-led",
        "serviceuserledorganisation": "User-led",
        "userled": "User-led",
        "userrun": "User-led",
        "peerled": "User-led",
        "serviceuserled": "User-led",
        "userorganisation": "User-led",
    },
    "yes_partly_no": {
        "yes": "Yes",
        "y": "Yes",
        "true": "Yes",
        "1": "Yes",
        "partly": "Partly",
        "partial": "Partly",
        "partially": "Partly",
        "part": "Partly",
        "some": "Partly",
        "no": "No",
        "n": "No",
        "false": "No",
        "0": "No",
    },
    "yesno": {
        "yes": "Yes",
        "y": "Yes",
        "true": "Yes",
        "1": "Yes",
        "no": "No",
        "n": "No",
        "false": "No",
        "0": "No",
    },
    "setting": {
        "buildingbased": "Building-based",
        "building": "Building-based",
        "buildings": "Building-based",
        "centrebased": "Building-based",
        "daycentre": "Building-based",
        "outreach": "Outreach",
        "mainstream": "Mainstream",
        "community": "Mainstream",
        "mainstreamsettings": "Mainstream",
    },
    "activity": {
        "socialleisure": "Social & leisure",
        "socialandleisure": "Social & leisure",
        "social": "Social & leisure",
        "leisure": "Social & leisure",
        "vocational": "Vocational",
        "employment": "Vocational",
        "mixed": "Mixed",
        "both": "Mixed",
    },
    "support_model": {
        "group": "Group",
        "groups": "Group",
        "groupbased": "Group",
        "individual": "Individual",
        "individualised": "Individual",
        "individualized": "Individual",
        "11": "Individual",
        "onetoone": "Individual",
        "mixed": "Mixed",
        "both": "Mixed",
    },
    "group": {
        "bmecommunities": "BME communities",
        "bme": "BME communities",
        "bame": "BME communities",
        "ethnicminorities": "BME communities",
        "women": "Women",
        "womenonly": "Women",
        "youngerpeople": "Younger people",
        "youngpeople": "Younger people",
        "youth": "Younger people",
        "olderpeople": "Older people",
        "olderadults": "Older people",
        "lgbt+": "LGBT+",
        "lgbt": "LGBT+",
        "lgbtq": "LGBT+",
        "lgbtq+": "LGBT+",
        "lgbtqi+": "LGBT+",
        "disabledpeople": "Disabled people",
        "disability": "Disabled people",
        "disabled": "Disabled people",
        "faithgroups": "Faith groups",
        "faith": "Faith groups",
        "religiousgroups": "Faith groups",
    },
    "source": {
        "corecommissioning": "Core commissioning",
        "core": "Core commissioning",
        "blockcontract": "Core commissioning",
        "commissioning": "Core commissioning",
        "nhs": "NHS",
        "directpayments": "Direct payments",
        "directpayment": "Direct payments",
        "dp": "Direct payments",
        "personalbudgets": "Personal budgets",
        "personalbudget": "Personal budgets",
        "grantstrusts": "Grants & trusts",
        "grantsandtrusts": "Grants & trusts",
        "grants": "Grants & trusts",
        "trusts": "Grants & trusts",
        "charitabletrusts": "Grants & trusts",
        "lottery": "Lottery",
        "nationallottery": "Lottery",
        "employmentprogrammes": "Employment programmes",
        "employmentprogramme": "Employment programmes",
        "fundraisingtrading": "Fundraising & trading",
        "fundraisingandtrading": "Fundraising & trading",
        "fundraising": "Fundraising & trading",
        "trading": "Fundraising & trading",
        "other": "Other",
    },
    "response": {
        "yd": "YD",
        "yesdefinitely": "YD",
        "definitely": "YD",
        "yab": "YAB",
        "yesabit": "YAB",
        "np": "NP",
        "notparticularly": "NP",
        "naa": "NAA",
        "notatall": "NAA",
        "na": "N/A",
        "notappropriate": "N/A",
        "notapplicable": "N/A",
    },
    "respondent": {
        "serviceuser": "Service user",
        "serviceusers": "Service user",
        "user": "Service user",
        "users": "Service user",
        "su": "Service user",
        "client": "Service user",
        "member": "Service user",
        "staff": "Staff",
        "staffmember": "Staff",
        "worker": "Staff",
        "provider": "Staff",
        "carer": "Carer",
        "carers": "Carer",
        "familycarer": "Carer",
        "commissioner": "Commissioner",
        "commissioners": "Commissioner",
    },
    "rating": {
        "strong": "Strong",
        "some": "Some",
        "partial": "Some",
        "none": "None",
        "no": "None",
    },
    "answer": {
        "yes": "Yes",
        "y": "Yes",
        "partly": "Partly",
        "partially": "Partly",
        "no": "No",
        "n": "No",
        "notyetconsidered": "Not yet considered",
        "notconsidered": "Not yet considered",
        "notyet": "Not yet considered",
    },
    "change": {
        "decommission": "Decommission",
        "decommissioning": "Decommission",
        "close": "Decommission",
        "closure": "Decommission",
        "end": "Decommission",
        "stop": "Decommission",
        "cease": "Decommission",
        "withdraw": "Decommission",
        "commission": "Commission",
        "new": "Commission",
        "start": "Commission",
        "open": "Commission",
        "launch": "Commission",
        "add": "Commission",
        "change": "Change",
        "modify": "Change",
        "amend": "Change",
        "vary": "Change",
        "variation": "Change",
        "adjust": "Change",
        "update": "Change",
        "remodel": "Change",
    },
    "quarter": {
        "q1": "Q1",
        "1": "Q1",
        "quarter1": "Q1",
        "q2": "Q2",
        "2": "Q2",
        "quarter2": "Q2",
        "q3": "Q3",
        "3": "Q3",
        "quarter3": "Q3",
        "q4": "Q4",
        "4": "Q4",
        "quarter4": "Q4",
    },
}

# Every canonical value is also its own synonym.
_VOCABULARIES = {
    "sector": SECTORS,
    "yes_partly_no": YES_PARTLY_NO,
    "yesno": YES_NO,
    "setting": SETTINGS,
    "activity": ACTIVITIES,
    "support_model": SUPPORT_MODELS,
    "group": GROUPS,
    "source": FUNDING_SOURCES,
    "response": RESPONSES,
    "respondent": RESPONDENTS,
    "rating": RATINGS,
    "answer": ANSWERS,
    "quarter": QUARTERS,
    "change": CHANGES,
}
for _vocab, _values in _VOCABULARIES.items():
    for _value in _values:
        VALUE_SYNONYMS[_vocab].setdefault(norm_key(_value), _value)


# Vocabularies where a longer spelling that starts with a known one means the same
# ("NHS Foundation Trust", "Voluntary/community", "Local authority (council)"). Not yes/no
# answers, where "no" would swallow "not sure".
_PREFIX_VOCABULARIES = (
    "sector",
    "source",
    "respondent",
    "group",
    "setting",
    "activity",
    "support_model",
    "change",  # "Closes", "New service", "Decommissioned"
)


def canonical(vocab: str, value: object) -> str | None:
    """The canonical spelling of a category value, or None if it is not one."""
    synonyms = VALUE_SYNONYMS[vocab]
    key = norm_key(value)
    if key in synonyms or vocab not in _PREFIX_VOCABULARIES:
        return synonyms.get(key)
    prefixes = [k for k in synonyms if len(k) >= 3 and key.startswith(k)]
    return synonyms[max(prefixes, key=len)] if prefixes else None


def vocabulary(name: str) -> tuple[str, ...]:
    """The canonical values of a vocabulary, in their natural order."""
    return _VOCABULARIES[name]


def _cat(name, heading, vocab, required=False, synonyms=(), help="", expected=False):
    return Column(
        name,
        heading,
        "category:" + vocab,
        required,
        synonyms,
        _VOCABULARIES[vocab],
        help,
        expected,
    )


SERVICES = Sheet(
    "Services",
    required=True,
    synonyms=("Service", "Service list", "Services list", "Portfolio", "Provider landscape"),
    help="One row per service per year.",
    keys=("service", "year"),
    columns=(
        Column(
            "service",
            "Service",
            "text",
            True,
            ("Service name", "Name", "Project"),
            help="The service's name.",
        ),
        Column(
            "provider",
            "Provider",
            "text",
            True,
            ("Provider name", "Organisation", "Organization", "Provider organisation", "Run by"),
            help="The organisation that runs it.",
        ),
        Column(
            "year",
            "Year",
            "year",
            True,
            ("Financial year", "FY", "Year of return"),
            help="2024, or a financial year 2024/25, 2024-25, 2024-2025, FY2024/25.",
        ),
        _cat(
            "sector",
            "Sector",
            "sector",
            False,
            (
                "Provider type",
                "Provider sector",
                "Type of provider",
                "Sector type",
                "Organisation type",
                "Organization type",
                "Type of organisation",
                "Legal status",
                "Recipient org type",
            ),
            "NHS, Local authority, Voluntary, Independent or User-led (or an organisation "
            "type: Registered charity, CIC, Ltd, NHS trust, County council ...).",
            expected=True,
        ),
        _cat(
            "user_run",
            "User run",
            "yes_partly_no",
            False,
            (
                "User-led?",
                "User led",
                "User-run?",
                "User run?",
                "Run by users",
                "User/ex-user run",
                "Peer led",
            ),
            "Is the service run by users or ex-users of mental health services?",
        ),
        Column(
            "locality",
            "Locality",
            "text",
            False,
            ("Locality area", "Patch", "Neighbourhood", "District"),
            help="Area within the commissioner's patch.",
        ),
        Column(
            "funding",
            "Annual funding",
            "money",
            False,
            (
                "Budget",
                "Cost",
                "Annual cost",
                "Annual cost (£)",
                "Funding",
                "Annual budget",
                "Contract value",
                "Annual funding (£)",
                "Value",
            ),
            help="What the service costs a year, in pounds.",
        ),
        Column(
            "places",
            "Places",
            "number",
            False,
            ("Capacity", "Number of places"),
            help="Places or capacity.",
        ),
        Column(
            "people",
            "People supported",
            "number",
            False,
            (
                "People",
                "Number of people",
                "Service users supported",
                "Clients",
                "People supported in year",
            ),
            help="People supported in the year.",
        ),
        Column(
            "building_pct",
            "Building-based %",
            "percent",
            False,
            ("Building based", "Building-based", "Building %", "Buildings %"),
            help="Share of activity in the service's own building, 0-100.",
        ),
        Column(
            "outreach_pct",
            "Outreach %",
            "percent",
            False,
            ("Outreach",),
            help="Share of activity delivered as outreach (homes, wards), 0-100.",
        ),
        Column(
            "mainstream_pct",
            "Mainstream %",
            "percent",
            False,
            ("Mainstream", "Mainstream settings %", "Community settings %"),
            help="Share of activity in mainstream community settings, 0-100.",
        ),
        _cat(
            "setting",
            "Setting",
            "setting",
            False,
            ("Main setting", "Delivery setting"),
            "Instead of the three % columns: Building-based, Outreach or Mainstream.",
        ),
        Column(
            "social_pct",
            "Social & leisure %",
            "percent",
            False,
            (
                "Social and leisure %",
                "Social %",
                "Social/leisure %",
                "Social & leisure",
                "Social and leisure",
            ),
            help="Share of activity that is social or leisure.",
        ),
        Column(
            "vocational_pct",
            "Vocational %",
            "percent",
            False,
            ("Vocational",),
            help="Share of activity that is vocational (employment, education, volunteering).",
        ),
        _cat(
            "activity",
            "Activity focus",
            "activity",
            False,
            ("Activity", "Focus"),
            "Instead of the two % columns: Social & leisure, Vocational or Mixed.",
        ),
        Column(
            "group_pct",
            "Group %",
            "percent",
            False,
            ("Group", "Group based %"),
            help="Share of support delivered in groups.",
        ),
        Column(
            "individual_pct",
            "Individual %",
            "percent",
            False,
            ("Individual", "Individualised %", "1:1 %", "One to one %"),
            help="Share of support that is individualised.",
        ),
        _cat(
            "support_model",
            "Support model",
            "support_model",
            False,
            ("Model of support",),
            "Instead of the two % columns: Group, Individual or Mixed.",
        ),
        _cat(
            "self_referral",
            "Self-referral",
            "yesno",
            False,
            ("Self referral?", "Self refer"),
            "Can people refer themselves? Yes or No.",
        ),
        _cat(
            "drop_in",
            "Drop-in",
            "yesno",
            False,
            ("Drop in?", "Dropin"),
            "Can people drop in? Yes or No.",
        ),
        _cat(
            "evenings",
            "Evenings",
            "yesno",
            False,
            ("Open evenings", "Evening opening"),
            "Open in the evenings? Yes or No.",
        ),
        _cat(
            "weekends",
            "Weekends",
            "yesno",
            False,
            ("Open weekends", "Weekend opening"),
            "Open at weekends? Yes or No.",
        ),
        Column(
            "groups_served",
            "Groups served",
            "list",
            False,
            ("Diverse groups", "Groups", "Target groups", "Specific groups"),
            values=GROUPS,
            help="Diverse groups the service specifically serves, separated by ; or ,",
        ),
        *(
            Column(
                day.lower(),
                day,
                "hours",
                False,
                synonyms,
                help=f"Opening hours on {name}: 09:00-17:00, 9am-5pm, 9-5, "
                "10:00-14:00, 18:00-21:00 (several spans), 24 hours, or closed.",
            )
            for day, name, synonyms in (
                ("Mon", "Mondays", ("Monday", "Mon hours", "Monday hours")),
                ("Tue", "Tuesdays", ("Tuesday", "Tues", "Tu", "Tue hours", "Tuesday hours")),
                ("Wed", "Wednesdays", ("Wednesday", "Weds", "Wed hours", "Wednesday hours")),
                (
                    "Thu",
                    "Thursdays",
                    ("Thursday", "Thur", "Thurs", "Th", "Thu hours", "Thursday hours"),
                ),
                ("Fri", "Fridays", ("Friday", "Fri hours", "Friday hours")),
                ("Sat", "Saturdays", ("Saturday", "Sat hours", "Saturday hours")),
                ("Sun", "Sundays", ("Sunday", "Sun hours", "Sunday hours")),
            )
        ),
        Column(
            "area",
            "Area",
            "text",
            False,
            ("Commissioning area", "Council area", "Local authority area", "Place"),
            help="The commissioning area (council or place) the row belongs to, for a "
            "workbook that holds several areas; a workbook without it is one area.",
        ),
    ),
)

FUNDING = Sheet(
    "Funding",
    synonyms=("Funding sources", "Income", "Sources of funding"),
    help="Where the money comes from: one row per service, year and source.",
    keys=("service", "year", "source"),
    columns=(
        Column("service", "Service", "text", True, ("Service name",)),
        Column("year", "Year", "year", True, ("Financial year", "FY")),
        _cat("source", "Source", "source", True, ("Funding source", "Funder", "Source of funding")),
        Column("amount", "Amount", "money", True, ("Value", "Amount (£)", "£", "Funding")),
    ),
)

BENCHMARK = Sheet(
    "Benchmark",
    synonyms=(
        "Where are you at",
        "Benchmarking",
        "Self assessment",
        "Self-assessment",
        "Benchmark responses",
    ),
    help="The 'Where are you at?' self-assessment, long form (one row per answer) or wide "
    "form (one column per statement).",
    columns=(
        Column("service", "Service", "text", True, ("Service name",)),
        Column("year", "Year", "year", True, ("Financial year", "FY")),
        _cat(
            "respondent",
            "Respondent",
            "respondent",
            False,
            ("Answered by", "Perspective", "Respondent type", "Who"),
        ),
        Column(
            "statement",
            "Statement",
            "statement",
            True,
            ("Statement ID", "Benchmark", "Benchmark statement", "Item", "ID"),
        ),
        # Blank responses are allowed (left out of the scores), so the column is not "required".
        Column(
            "response",
            "Response",
            "response",
            False,
            ("Answer", "Rating", "Score"),
            values=RESPONSES,
            help="YD, YAB, NP, NAA or N/A.",
        ),
    ),
)

GOOD_PRACTICE = Sheet(
    "GoodPractice",
    synonyms=("Good practice", "Socially inclusive practice", "Good practice features"),
    help="Ratings of the good-practice guide's key features A1-A7 and outcomes item B.",
    columns=(
        Column("service", "Service", "text", True, ("Service name",)),
        Column("year", "Year", "year", True, ("Financial year", "FY")),
        Column("feature", "Feature", "feature", True, ("Key feature", "Feature ID")),
        _cat("rating", "Rating", "rating", True, ("Score", "Assessment")),
        Column("evidence", "Evidence", "text", False, ("Notes", "Evidence notes", "Comments")),
    ),
)

CHECKLIST = Sheet(
    "Checklist",
    synonyms=("Key questions", "Commissioners checklist", "Commissioning checklist"),
    help="Answers to the commissioners' key questions.",
    columns=(
        Column("question", "Question", "question", True, ("Key question", "Question ID")),
        # A blank answer is a question not answered yet, so the value is not "required".
        _cat("answer", "Answer", "answer", False, ("Response", "Status")),
        Column("notes", "Notes", "text", False, ("Comments", "Evidence")),
        Column("year", "Year", "year", False, ("Financial year", "FY")),
    ),
)

KPIS = Sheet(
    "KPIs",
    synonyms=("KPI", "KPI returns", "Performance", "Performance returns", "Quarterly returns"),
    help="Providers' quarterly performance returns, KPIs R1-R12.",
    columns=(
        Column("provider", "Provider", "text", True, ("Provider name", "Organisation")),
        Column("year", "Year", "year", True, ("Financial year", "FY")),
        _cat("quarter", "Quarter", "quarter", True, ("Qtr", "Q")),
        Column("kpi", "KPI", "kpi", True, ("KPI reference", "KPI ref", "Measure", "Indicator")),
        Column("value", "Value", "number", True, ("Result", "Figure", "Return")),
    ),
)

TARGETS = Sheet(
    "Targets",
    synonyms=("Target", "Outcome targets", "Our targets"),
    help="The commissioner's own targets for the anticipated-outcome measures.",
    columns=(
        Column("outcome", "Outcome", "measure", True, ("Measure", "Indicator")),
        Column("target", "Target", "target", True, ("Target value", "Goal")),
        Column("year", "Year", "year", False, ("Financial year", "FY", "By year")),
    ),
)


def _plan_value(column: Column) -> Column:
    """A Services column as a Plan row gives it: optional, whatever the Services sheet says."""
    return Column(
        column.name, column.heading, column.kind, False, column.synonyms, column.values, column.help
    )


# A Plan row is a proposed change, not a record of a year, so the Plan sheet is kept apart
# from SHEETS and TABLES (the tables of figures that exports, filters and round trips use).
PLAN = Sheet(
    "Plan",
    synonyms=(
        "Plans",
        "Re-commissioning plan",
        "Recommissioning plan",
        "Commissioning plan",
        "Scenario",
        "Scenarios",
        "Planned changes",
    ),
    help="A re-commissioning plan: one row per change (a service decommissioned, a new one "
    "commissioned, or a service's figures changed), from the year it takes effect.",
    columns=(
        Column(
            "plan",
            "Plan",
            "text",
            False,
            ("Plan name", "Scenario", "Option"),
            help="The plan's name, so one sheet holds alternative plans; blank = Plan.",
        ),
        _cat(
            "change",
            "Change",
            "change",
            True,
            ("Change type", "Type of change", "Action"),
            "Decommission (the service ends), Commission (a new service starts) or Change "
            "(an existing service's figures change).",
        ),
        Column(
            "service",
            "Service",
            "text",
            True,
            ("Service name", "Name", "Project"),
            help="For Decommission and Change, a service of the portfolio's latest year; "
            "for Commission, the new service's name.",
        ),
        Column(
            "from_year",
            "From",
            "year",
            True,
            ("From year", "Year", "Start year", "Effective from", "Takes effect", "When"),
            help="The year the change takes effect, after the portfolio's latest year; it "
            "holds for that year and every later one.",
        ),
        *(_plan_value(c) for c in SERVICES.columns if c.name not in ("service", "year")),
        _cat(
            "source",
            "Source",
            "source",
            False,
            ("Funding source", "Source of funding", "Funder"),
            "Commission: where the new service's money comes from; blank = Core commissioning.",
        ),
        Column(
            "replaces",
            "Replaces",
            "text",
            False,
            ("Replacing", "Replaces service", "In place of", "Replacement for"),
            help="Commission: the service(s) it replaces, separated by ;",
        ),
        Column("note", "Note", "text", False, ("Notes", "Comment", "Comments", "Reason")),
    ),
)

SHEETS: tuple[Sheet, ...] = (SERVICES, FUNDING, BENCHMARK, GOOD_PRACTICE, CHECKLIST, KPIS, TARGETS)
TABLES = {
    "services": SERVICES,
    "funding": FUNDING,
    "benchmark": BENCHMARK,
    "good_practice": GOOD_PRACTICE,
    "checklist": CHECKLIST,
    "kpis": KPIS,
    "targets": TARGETS,
}
# Every sheet whose rows are read and counted (so what was left out of it is said wherever
# figures are): the tables of figures and the plan.
COUNTED = {**TABLES, "plan": PLAN}

# Columns that share one total of 100: each group with its single-category alternative.
SHARE_GROUPS = (
    (
        ("building_pct", "outreach_pct", "mainstream_pct"),
        "setting",
        {"Building-based": 0, "Outreach": 1, "Mainstream": 2},
    ),
    (
        ("social_pct", "vocational_pct"),
        "activity",
        {"Social & leisure": 0, "Vocational": 1, "Mixed": None},
    ),
    (
        ("group_pct", "individual_pct"),
        "support_model",
        {"Group": 0, "Individual": 1, "Mixed": None},
    ),
)


def column_lookup(sheet: Sheet) -> dict[str, str]:
    """Folded heading or synonym -> tidy column name, for one sheet."""
    lookup = {}
    for column in sheet.columns:
        for spelling in (column.heading, column.name, *column.synonyms):
            lookup.setdefault(norm_key(spelling), column.name)
    return lookup


def sheet_lookup() -> dict[str, Sheet]:
    """Folded sheet name or synonym -> sheet."""
    lookup = {}
    for sheet in SHEETS:
        for spelling in (sheet.name, *sheet.synonyms):
            lookup.setdefault(norm_key(spelling), sheet)
    return lookup


def heading(table: str, column: str) -> str:
    """The workbook heading of a tidy column (for messages, tables on screen and exports)."""
    for col in COUNTED[table].columns:
        if col.name == column:
            return col.heading
    return column
