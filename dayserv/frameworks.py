"""The domain frameworks, transcribed word for word from the source documents.

This module is the single source of truth for the words of the frameworks that the
dashboard, its workbook template and its exports use. Each collection is a tuple of frozen
records with a stable ID, the seed's exact words and the section they sit under:

- ``PRINCIPLES``, ``FUNCTIONS``, ``CHANGES``, ``OUTCOMES`` and ``KEY_QUESTIONS`` come from
  "Modernising day services - a checklist for commissioners wanting to bring about change"
  (NIMHE/CSIP, Mike Murkin, January 2006);
- ``SECTIONS``, ``STATEMENTS`` and ``RESPONSES`` come from "Where are you at? A benchmark for
  modernising mental health day services";
- ``FEATURES`` comes from "Identifying Good 'Socially Inclusive' Practice in Mental Health
  Day Services" (National Social Inclusion Programme, November 2007);
- ``KPIS`` comes from section 10, "Performance monitoring", of the Dorset Care Framework
  "Service specification: Day opportunities".

Seed spellings are kept as printed ("principals", "focussed", "its what people need").
Only markdown emphasis, HTML tags and trailing whitespace were removed; bulleted lists
inside a benchmark statement are flattened into the sentence, separated by commas.
"""

from __future__ import annotations

from dataclasses import dataclass

# --------------------------------------------------------------------------------------
# Checklist for commissioners: principles, functions, changes, outcomes, key questions
# --------------------------------------------------------------------------------------

# The kind of heading each ID letter stands for, and the checklist's own heading for that
# list as printed (without its closing colon, keeping the seed's "principals").
_HEADING_KINDS: dict[str, tuple[str, str]] = {
    "P": ("principle", "Key principals for refocusing day services"),
    "F": ("function", "Key functions of day services"),
    "C": ("change", "Transforming services requires fundamental changes in"),
    "O": ("outcome", "Anticipated outcomes for services"),
}


@dataclass(frozen=True)
class Heading:
    """One item of the commissioners' checklist: a principle, function, change or outcome.

    ``id`` is the kind's letter and the item's number in its list ("P4", "F1", "C2", "O5");
    ``text`` is the item exactly as printed in the checklist's opening lists.
    """

    id: str
    text: str

    @property
    def kind(self) -> str:
        """Which list the item is in: "principle", "function", "change" or "outcome"."""
        return _HEADING_KINDS[self.id[0]][0]

    @property
    def number(self) -> int:
        """The item's number in its list, e.g. 4 for "P4"."""
        return int(self.id[1:])

    @property
    def section(self) -> str:
        """The seed's heading for the item's list, e.g. "Key functions of day services"."""
        return _HEADING_KINDS[self.id[0]][1]


@dataclass(frozen=True)
class Outcome(Heading):
    """An anticipated outcome for services, with the workbook measures that speak to it.

    ``label`` is a short name for tiles and chart legends; ``plain`` the outcome as a
    forum would say it (the meeting pack's six-outcome slide and the summary);
    ``measures`` are the keys of the measures (fixed by the workbook contract) that show
    progress towards the outcome, and ``headline`` is the one of them to show first.
    """

    label: str
    plain: str
    measures: tuple[str, ...]
    headline: str


@dataclass(frozen=True)
class KeyQuestion:
    """A key question a commissioner asks under one principle, function, change or outcome.

    ``id`` is the heading's ID, a dot and the question's place under it ("P1.2", "C2.6");
    ``text`` is one bullet or paragraph as printed, so it may hold several question
    sentences.
    """

    id: str
    heading_id: str
    text: str


PRINCIPLES: tuple[Heading, ...] = (
    Heading("P1", "Promotion of recovery"),
    Heading("P2", "Focus on community participation"),
    Heading("P3", "Reduction in social isolation"),
    Heading("P4", "Provision of opportunities for peer support and user run services"),
    Heading("P5", "Maximise choice and self determination"),
    Heading("P6", "More appropriately meet the needs of diverse groups"),
    Heading(
        "P7",
        "Improve accessibility to people needing higher levels of support on an ongoing basis",
    ),
    Heading(
        "P8",
        "Involvement of users and carers in designing and developing services (including those "
        "who don't use them!)",
    ),
    Heading("P9", "Increase the diversity of providers (voluntary and independent sector)"),
    Heading(
        "P10",
        "Improve cross sector working (e.g. faith communities, ethnic minority groups, "
        "libraries, employers, colleges, sport and leisure).",
    ),
)
"""The 10 key principles for refocusing day services, P1..P10."""

FUNCTIONS: tuple[Heading, ...] = (
    Heading("F1", "Provide opportunities for social contact and support"),
    Heading(
        "F2",
        "Support people to retain existing roles-retaining roles is much easier than regaining",
    ),
    Heading(
        "F3",
        "Support people to access new roles, relationships and mainstream social/leisure "
        "opportunities of their choosing",
    ),
    Heading(
        "F4",
        "Provide opportunities for people with mental health problems to run their own services.",
    ),
)
"""The 4 key functions of day services, F1..F4."""

CHANGES: tuple[Heading, ...] = (
    Heading("C1", "Structure"),
    Heading("C2", "Location"),
    Heading("C3", "Providers"),
    Heading("C4", "Skill mix"),
    Heading("C5", "Range of services"),
)
"""The 5 things in which transforming services requires fundamental changes, C1..C5."""

OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        id="O1",
        text="An increasing range of providers",
        label="Range of providers",
        plain="More kinds of provider",
        measures=("providers", "provider_diversity", "hhi"),
        headline="provider_diversity",
    ),
    Outcome(
        id="O2",
        text="An increasing number of user/ex user run services",
        label="User-run services",
        plain="More user-run services",
        measures=("user_run_share", "user_involved_share"),
        headline="user_run_share",
    ),
    Outcome(
        id="O3",
        text="Wider use of additional funding sources",
        label="Funding sources",
        plain="More funding from other sources",
        measures=("non_core_funding_share",),
        headline="non_core_funding_share",
    ),
    Outcome(
        id="O4",
        text="A change in the balance from social and leisure to vocational",
        label="Social to vocational",
        plain="More work and learning",
        measures=("vocational_share",),
        headline="vocational_share",
    ),
    Outcome(
        id="O5",
        text=(
            "Disinvestment in potentially costly buildings with more outreach support and support "
            "in mainstream settings"
        ),
        label="Buildings to outreach",
        plain="Less in buildings, more outreach",
        measures=("building_share", "outreach_share", "mainstream_share"),
        headline="building_share",
    ),
    Outcome(
        id="O6",
        text="A move from group based to individualised support.",
        label="Group to individual",
        plain="More individual support",
        measures=("individual_share",),
        headline="individual_share",
    ),
)
"""The 6 anticipated outcomes for services, O1..O6, with the measures that show them."""

HEADINGS: tuple[Heading, ...] = PRINCIPLES + FUNCTIONS + CHANGES + OUTCOMES
"""Every principle, function, change and outcome, in the checklist's order."""

KEY_QUESTIONS: tuple[KeyQuestion, ...] = (
    KeyQuestion("P1.1", "P1", "Do you ensure day services have individual care plans?"),
    KeyQuestion("P1.2", "P1", "If so do they contain clear outcomes with regards to recovery?"),
    KeyQuestion("P1.3", "P1", "Have they defined care pathways?"),
    KeyQuestion(
        "P1.4",
        "P1",
        "Do you build in requirements for individual goals/outcomes to be regularly reviewed?",
    ),
    KeyQuestion(
        "P1.5",
        "P1",
        "Does the service have a realistic but flexible risk management policy?",
    ),
    KeyQuestion("P2.1", "P2", "Does the service promote inclusion or exclusion?"),
    KeyQuestion(
        "P2.2",
        "P2",
        "Do you specify the need for people to access community based activities?",
    ),
    KeyQuestion("P2.3", "P2", "Are you seeking an emphasis on community-based activities?"),
    KeyQuestion(
        "P3.1",
        "P3",
        "Do you require measurement of the improvement in people's social networks outside of "
        "the mental health system? Do you specify the use of particular tools to measure this?",
    ),
    KeyQuestion("P4.1", "P4", "Have you specified the need for user led activities/provision?"),
    KeyQuestion("P4.2", "P4", "What kind of provision are you seeking?"),
    KeyQuestion("P4.3", "P4", "How will you encourage/pay for such development?"),
    KeyQuestion(
        "P5.1",
        "P5",
        "Have you promoted the use of direct payments to enable service users to purchase the "
        "services they need?",
    ),
    KeyQuestion("P5.2", "P5", "Have your plans expanded the choices available to people?"),
    KeyQuestion(
        "P6.1",
        "P6",
        "Do you have services that appropriately meet specific needs related to age, gender, "
        "ethnicity, religion, sexuality and disability?",
    ),
    KeyQuestion(
        "P6.2",
        "P6",
        "Are these services being provided by the most appropriate people in the most "
        "appropriate place?",
    ),
    KeyQuestion("P6.3", "P6", "Is separate focussed provision required?"),
    KeyQuestion("P6.4", "P6", "Have you followed specific commissioning guidance?"),
    KeyQuestion(
        "P7.1",
        "P7",
        "Are you providing for the needs of identified people who require more intensive levels "
        "of support? How? Are the right people providing it in the right place?",
    ),
    KeyQuestion(
        "P7.2",
        "P7",
        "Do the services you provide to this group of people still promote a recovery model?",
    ),
    KeyQuestion("P7.3", "P7", "Are services accessible to people with physical disabilities?"),
    KeyQuestion(
        "P7.4",
        "P7",
        "How do your services engage people who find it difficult to take the first step?",
    ),
    KeyQuestion(
        "P8.1",
        "P8",
        "How are you ensuring user involvement in decision-making and the design and development "
        "of services?",
    ),
    KeyQuestion(
        "P8.2",
        "P8",
        "How are you ensuring carer involvement in decision-making and the design and "
        "development of services?",
    ),
    KeyQuestion(
        "P8.3",
        "P8",
        "When you commission services how are you getting feedback and influence from those who "
        "have considered what has previously been provided and don't make use of it? How are "
        "services capturing this information on an ongoing basis?",
    ),
    KeyQuestion(
        "P9.1",
        "P9",
        "Do you know who else provides services in your area? (Including services that aren't "
        "commissioned).",
    ),
    KeyQuestion("P9.2", "P9", "How do you encourage a wider range of providers?"),
    KeyQuestion("P9.3", "P9", "How do you find the money to promote a wider range of provision?"),
    KeyQuestion(
        "P9.4",
        "P9",
        "How do you challenge others who are failing in their responsibility to be providing "
        "access to alternative opportunities?",
    ),
    KeyQuestion("P10.1", "P10", "Who are your local stakeholders? Who are the key individuals?"),
    KeyQuestion(
        "P10.2",
        "P10",
        "How are you engaging with others who may provide services both in and outside of the "
        "traditional mental health system?",
    ),
    KeyQuestion(
        "P10.3",
        "P10",
        "Have you a local commissioning or strategic forum? Is the membership sufficiently wide "
        "enough?",
    ),
    KeyQuestion("P10.4", "P10", "How do you influence the practice of others?"),
    KeyQuestion(
        "F1.1",
        "F1",
        "Do your services provide opportunities for social contact and support?",
    ),
    KeyQuestion("F1.2", "F1", "Do these opportunities encourage peer support?"),
    KeyQuestion(
        "F1.3",
        "F1",
        "Can people access this support easily by 'dropping in' when needed?",
    ),
    KeyQuestion("F1.4", "F1", "Is support available outside of Monday to Friday 9 to 5?"),
    KeyQuestion("F1.5", "F1", "Do you know when people want such support?"),
    KeyQuestion(
        "F2.1",
        "F2",
        "Do day services get involved at too late a stage to effectively help people?",
    ),
    KeyQuestion(
        "F2.2",
        "F2",
        "How might you influence them to get involved at an earlier point of contact?",
    ),
    KeyQuestion("F2.3", "F2", "What support do people need?"),
    KeyQuestion(
        "F2.4",
        "F2",
        "Do your day services inadvertently 'take people away from potential sources of support' "
        "and then spend time trying to re-engage them?",
    ),
    KeyQuestion("F3.1", "F3", "Are services doing this?"),
    KeyQuestion("F3.2", "F3", "Are the right people providing this support?"),
    KeyQuestion(
        "F3.3",
        "F3",
        "Is there sufficient emphasis given to this? How might you ensure this happens? Do your "
        "commissioning outcomes reflect this aim?",
    ),
    KeyQuestion("F3.4", "F3", "Are there restrictions to working offsite?"),
    KeyQuestion("F4.1", "F4", "What services are currently user run?"),
    KeyQuestion("F4.2", "F4", "How might you encourage this further?"),
    KeyQuestion("C1.1", "C1", "Have you got a 'day services plan/model' for your particular area?"),
    KeyQuestion("C1.2", "C1", "If not how might you develop one? Who needs to be involved?"),
    KeyQuestion(
        "C1.3",
        "C1",
        "How do you map what currently exists? What other scoping exercises do you need to do?",
    ),
    KeyQuestion(
        "C1.4",
        "C1",
        "How does the interface work with other aspects of service provision i.e. day hospitals, "
        "in patient services, community teams?",
    ),
    KeyQuestion(
        "C1.5",
        "C1",
        "Are you clear as to what you should be commissioning? If not how do you find out?",
    ),
    KeyQuestion("C1.6", "C1", "Are you requiring information on the right outcomes?"),
    KeyQuestion(
        "C1.7",
        "C1",
        "Are users and their needs at the centre of the service model you have established or "
        "does it revolve around services provided?",
    ),
    KeyQuestion(
        "C1.8",
        "C1",
        "Can people easily access help or do they need to 'become ill' to get to benefit from "
        "what is available?",
    ),
    KeyQuestion(
        "C1.9",
        "C1",
        "Are there ways in which service users can self refer into services?",
    ),
    KeyQuestion(
        "C1.10",
        "C1",
        "If embarking on significant change are you clear where you want to get to and the "
        "process of change?",
    ),
    KeyQuestion("C2.1", "C2", "Are your building costs or staffing requirements holding you back?"),
    KeyQuestion("C2.2", "C2", "Is the building suitable? Does it promote a sense of recovery?"),
    KeyQuestion("C2.3", "C2", "Is your location stigmatising?"),
    KeyQuestion(
        "C2.4",
        "C2",
        "Are your services provided in the most appropriate and accessible local setting?",
    ),
    KeyQuestion(
        "C2.5",
        "C2",
        "What you do better in providing the majority of your services in a non-building based "
        "service?",
    ),
    KeyQuestion(
        "C2.6",
        "C2",
        "Are there appropriate or logistical reasons that suggest providers should stay where "
        "they are? How might you ensure they encourage other non-mental health providers to "
        "'move in with them' and break down the segregation of services? Could the building be "
        "shared or used at other times during the week?",
    ),
    KeyQuestion("C3.1", "C3", "Are the right people providing the services you want?"),
    KeyQuestion("C3.2", "C3", "Who might better provide it?"),
    KeyQuestion("C3.3", "C3", "If you want to change who provides services how do you do this?"),
    KeyQuestion("C3.4", "C3", "How do you encourage others to provide services?"),
    KeyQuestion("C4.1", "C4", "Have you got the right people to do what is needed?"),
    KeyQuestion(
        "C4.2",
        "C4",
        "Are the staff you are purchasing cost effective and able to be flexible in the roles "
        "they do and the hours they work? Could others at a lower cost or in a better way "
        "provide services?",
    ),
    KeyQuestion("C4.3", "C4", "What experience and competencies do you need for workers?"),
    KeyQuestion(
        "C4.4",
        "C4",
        "Are employment opportunities in your service open to service users?",
    ),
    KeyQuestion("C4.5", "C4", "Do workers need additional training?"),
    KeyQuestion("C4.6", "C4", "Do you need to specify training or qualifications required?"),
    KeyQuestion(
        "C4.7",
        "C4",
        "Is training needed for staff to work more on their own in community settings?",
    ),
    KeyQuestion(
        "C4.8",
        "C4",
        "Have you considered the need for community bridge builders, employment support workers, "
        "community development workers, and support time and recovery workers?",
    ),
    KeyQuestion("C5.1", "C5", "How did you decide what services to provide?"),
    KeyQuestion("C5.2", "C5", "How do you know if its what people need or want?"),
    KeyQuestion("O1.1", "O1", "Is there sufficient variety in providers?"),
    KeyQuestion("O1.2", "O1", "Are you meeting the needs of diverse groups?"),
    KeyQuestion("O2.1", "O2", "Have you seen an increase in such provision?"),
    KeyQuestion("O2.2", "O2", "If not are there obstacles stopping it happening?"),
    KeyQuestion("O3.1", "O3", "Have you got the financial resources you need?"),
    KeyQuestion(
        "O3.2",
        "O3",
        "What might you do to get more money or use existing resources in more innovative and "
        "creative ways?",
    ),
    KeyQuestion(
        "O3.3",
        "O3",
        "How will you ensure you don't 'lose' any savings you make in the process of changing "
        "your services?",
    ),
    KeyQuestion("O3.4", "O3", "Are there other sources of finance?"),
    KeyQuestion("O3.5", "O3", "Have you explored the impact of direct payments?"),
    KeyQuestion(
        "O3.6",
        "O3",
        "Have you ensured that those who use services have the assistance they need to maximise "
        "their benefits or income?",
    ),
    KeyQuestion("O4.1", "O4", "Have you got the balance right?"),
    KeyQuestion("O4.2", "O4", "Have you established appropriate pathways into work opportunities?"),
    KeyQuestion("O4.3", "O4", "Do you have the right people in post to enable this to happen?"),
    KeyQuestion(
        "O4.4",
        "O4",
        "Are there links into educational and voluntary work opportunities as an alternative to "
        "paid work?",
    ),
    KeyQuestion(
        "O5.1",
        "O5",
        "Have you established that the balance between building based provision and "
        "non-buildings based support is right?",
    ),
    KeyQuestion(
        "O5.2",
        "O5",
        "Have you ensured money saved from buildings is 'ring fenced' for day service provision?",
    ),
    KeyQuestion(
        "O5.3",
        "O5",
        "How do you move from a buildings based service to more flexible provision?",
    ),
    KeyQuestion(
        "O6.1",
        "O6",
        "Where groups are run have you reviewed the purpose of these groups and whether they are "
        "best provided by you?",
    ),
    KeyQuestion(
        "O6.2",
        "O6",
        "Do those attending groups have individual care plans indicating the need for such "
        "provision?",
    ),
)
"""Every key question of the checklist, in the seed's order, under its heading."""

CHECKLIST_ANSWERS: tuple[str, ...] = ("Yes", "Partly", "No", "Not yet considered")
"""The answers a commissioner may give to a key question."""


# --------------------------------------------------------------------------------------
# Benchmark "Where are you at?": sections, statements, response key
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One of the 8 numbered sections of the benchmark, e.g. 1 "Recovery"."""

    number: int
    name: str


@dataclass(frozen=True)
class Statement:
    """A benchmark statement a service rates itself against.

    ``id`` is the seed's number as a string ("1.2a", "2.10"); ``section`` is the number of
    the section it sits in; ``text`` is the statement as printed, with any clarification
    the seed gives in brackets and italics kept in its brackets.
    """

    id: str
    section: int
    text: str


@dataclass(frozen=True)
class Response:
    """One answer of the benchmark's response key and the points it scores.

    ``points`` is None for "Not Appropriate", which is left out of scores.
    """

    code: str
    words: str
    points: int | None


SECTIONS: tuple[Section, ...] = (
    Section(1, "Recovery"),
    Section(2, "Community Participation"),
    Section(3, "Social Isolation"),
    Section(4, "Choice and Self Determination"),
    Section(5, "Diverse People"),
    Section(6, "Meeting A Range of Needs"),
    Section(7, "Users Leading and Providing Services"),
    Section(8, "Meeting the Needs of Carers"),
)
"""The 8 sections of the benchmark, numbered 1..8."""

STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "1.1",
        1,
        "Our service increases access to confiding and hope-inspiring relationships for clients, "
        "tailored to individual needs and preferences.",
    ),
    Statement(
        "1.2a",
        1,
        "Our service assists clients to identify existing roles relationships and activities "
        "that they value",
    ),
    Statement(
        "1.2b",
        1,
        "Our service assists clients to maintain their confidence that they will be able to "
        "continue these despite their problems",
    ),
    Statement(
        "1.2c",
        1,
        "Our service assists clients to identify the support they will need to do this",
    ),
    Statement(
        "1.3",
        1,
        "Our service assists clients to identify individual aspirations and interests",
    ),
    Statement("1.4", 1, "Our service seeks to inspire hope and raise expectations"),
    Statement("1.5", 1, "Our service seeks to increase self belief and self worth"),
    Statement(
        "2.1",
        2,
        "Much of our service is provided in community locations that are as non-stigmatising as "
        "possible. This provides opportunities for people, to meet in mainstream settings and to "
        "extend their social networks to include people outside the mental health system",
    ),
    Statement(
        "2.2",
        2,
        "Our staff is aware of the importance of clients maintaining existing roles, "
        "relationships and activities in a period of ill-health: friendships, family "
        "relationships, social and leisure activities, accommodation, work, education.",
    ),
    Statement(
        "2.3",
        2,
        "We assist people to resume existing roles, relationships and activities after a period "
        "of hospitalisation/acute illness, and enable people to use mainstream support services "
        "wherever possible.",
    ),
    Statement(
        "2.4",
        2,
        "Our service enables and supports people to use mainstream community activities and "
        "facilities in line with their interests and aspirations.",
    ),
    Statement(
        "2.5",
        2,
        "Our service can provide flexible 1:1 support at times appropriate to the activity in "
        "which the person is engaged – including at weekends evenings.",
    ),
    Statement(
        "2.6",
        2,
        "Our service identifies other people, without mental health problems engaged in the "
        "activity, as 'mentors' to support our clients.",
    ),
    Statement(
        "2.7",
        2,
        "Our service pays attention to enabling people to integrate into, and form relationships "
        "with others, in mainstream settings.",
    ),
    Statement(
        "2.8",
        2,
        "Most of our group activities are located in mainstream settings (colleges, sports "
        "centres etc.)",
    ),
    Statement(
        "2.9",
        2,
        "Our service encourages and enables Users/ex-users to run groups within mainstream "
        "facilities for people with mental health problems",
    ),
    Statement(
        "2.10",
        2,
        "Our service encourages and enables Users/ex-users run services to support people to "
        "access mainstream activities and facilities.",
    ),
    Statement(
        "2.11",
        2,
        "Our service encourages and enables Users/ex-users provide practical support to help "
        "people maintain their community tenure (shopping, cooking, cleaning, management of "
        "finances etc.)",
    ),
    Statement(
        "3.1",
        3,
        "Our Service is available during evenings and weekends and provide opportunities for "
        "clients to meet and form relationships with other clients and increase size of their "
        "social network.",
    ),
    Statement(
        "3.2",
        3,
        "Our Service provides in-reach into inpatient wards and sheltered accommodation.",
    ),
    Statement(
        "3.3",
        3,
        "Our Service offers support to the individual to resume contact with relatives and "
        "friends.",
    ),
    Statement(
        "3.4",
        3,
        "Our Service helps family and friends to understand what has happened and how to "
        "accommodate any on-going problems the person might have.",
    ),
    Statement("4.1", 4, "Our service provides open access"),
    Statement("4.2", 4, "Our service provides drop-in"),
    Statement("4.3", 4, "Our service provides self-referral opportunities"),
    Statement(
        "4.4",
        4,
        "Our service provides opportunities for clients to access relationships with people and "
        "communities of their own choosing in a range of settings",
    ),
    Statement("4.5", 4, "Our service provides a choice of different forms of support and help"),
    Statement(
        "4.6",
        4,
        "Our service enables and supports people to determine for themselves which existing "
        "roles, relationships and activities they value and wish to retain/resume",
    ),
    Statement(
        "4.7",
        4,
        "Our service enables and supports people to decide what sort of help/support they need "
        "and would find most acceptable",
    ),
    Statement(
        "4.8",
        4,
        "Our service enables and supports people to access Direct Payments where appropriate",
    ),
    Statement(
        "4.9",
        4,
        "Our service enables and supports people to self-manage continuing cognitive and "
        "emotional problems and treatment to minimize the negative impact that these have on "
        "valued activities (supports self management of mental health problems to allow "
        "involvement in valued activities)",
    ),
    Statement(
        "5.1",
        5,
        "Our Service is located and provided in ways that make them accessible and sensitive to; "
        "age, gender, ethnicity (including BME communities), religion, sexuality, disability.",
    ),
    Statement(
        "5.2",
        5,
        "Our Service Provide opportunities tailored to the specific needs of; BME communities, "
        "women, younger people, older people, disabled people, religious groups, sexuality.",
    ),
    Statement(
        "5.3",
        5,
        "Our Service ensures that the voice of service users who experience "
        "multiple-discrimination on the basis of; ethnicity, age, religion, sexuality, gender or "
        "disability is heard and heeded in the planning and delivery of services.",
    ),
    Statement(
        "6.1",
        6,
        "Our Service targets those who are most socially isolated in the context of promoting "
        "independence, and provides opportunities for social contact within client's own homes "
        "(someone to visit people who find it difficult to go out)",
    ),
    Statement("6.2", 6, "Our Service provides support to travel to and engage in social settings"),
    Statement(
        "6.3",
        6,
        "Our Service provides an environment that is tolerant of people who may behave in "
        "unusual ways",
    ),
    Statement("6.4", 6, "Our Service provides meals/help with day to day activities"),
    Statement(
        "6.5",
        6,
        "Our Service provides help to develop the skills and competencies necessary to form "
        "relationships with others",
    ),
    Statement("6.6", 6, "Our Service provides support available without limit of time"),
    Statement(
        "6.7",
        6,
        "Our Service is targeted to the needs of all groups of people. For example, people with "
        "first episode psychosis so that they receive help to maintain/resume existing roles, "
        "relationships and activities, or people on enhanced care plans to ensure that care "
        "plans include assessment of social and leisure needs and actions to maintain these.",
    ),
    Statement(
        "6.8",
        6,
        "Our Service is concerned that all care plans include assessment of existing roles, "
        "relationships and mainstream activities and actions to maintain these.",
    ),
    Statement(
        "6.9",
        6,
        "Our Service provides in-reach into inpatient wards, rehabilitation units, and "
        "sheltered/supported accommodation",
    ),
    Statement(
        "6.10",
        6,
        "Our Service supports the client and community providers of mainstream occupational "
        "activity and community organisations for as long as necessary (no time limit)",
    ),
    Statement(
        "6.11",
        6,
        "Our Service provides support for community providers to enable them to understand and "
        "make any adjustments to accommodate people with more serious problems",
    ),
    Statement(
        "7.1",
        7,
        "Our Service enables users help to define and determine what social opportunities are "
        "provided: what, where, when and how",
    ),
    Statement(
        "7.2",
        7,
        "Our Service facilitates people with common interests/aspirations and enabling them to "
        "come together and support each other in their chosen activities",
    ),
    Statement(
        "7.3",
        7,
        "Our Service facilitates 'buddy' systems within which one service user helps another to "
        "access activities and facilities of their choice",
    ),
    Statement(
        "7.4",
        7,
        "Our Service promotes contact with, and support from, people with mental health problems "
        "who have successfully resumed their previous roles relationships and activities e.g. "
        "via mentorship systems, self-help groups or peer support",
    ),
    Statement(
        "7.5",
        7,
        "We empower those service users/ex-users who would like to take control of their own "
        "services or aspects of a service run by another provider",
    ),
    Statement(
        "7.6",
        7,
        "We provide training and support to users/user organisations to develop the skills to "
        "run their own services",
    ),
    Statement(
        "7.7",
        7,
        "We work with existing providers to increase their confidence that people with mental "
        "health problems are capable of running services",
    ),
    Statement(
        "7.8",
        7,
        "We commission Users/ex-users to provide training to mental health professionals working "
        "in these services.",
    ),
    Statement(
        "7.9",
        7,
        "We promote users/ex-users to receive support and practical help in management of the "
        "service (support may come from outside mental health services)",
    ),
    Statement(
        "7.10",
        7,
        "We promote users/ex-users to provide practical support to help people maintain their "
        "community tenure (shopping, cooking, cleaning, management of finances etc.)",
    ),
    Statement(
        "7.11",
        7,
        "We support users/ex-users to provide services where people with mental health problems "
        "can meet for company and mutual support",
    ),
    Statement(
        "7.12",
        7,
        "We support users/ex-users responsibility for management of the service and its "
        "financial resources",
    ),
    Statement(
        "7.13",
        7,
        "We support users/ex-users of the service to make the transition to become providers of "
        "the service",
    ),
    Statement("7.14", 7, "We support users/ex-users to run advocacy services"),
    Statement(
        "7.15",
        7,
        "We support people who are more disabled by their mental health problems to take a "
        "greater role in running their own services (similar to the personal assistants who can "
        "assist people with physical impairments)",
    ),
    Statement(
        "7.16",
        7,
        "We have arrangements in place to accommodate periods when a person may not be able to "
        "contribute to the running of services (e.g. job share/cover arrangements)",
    ),
    Statement(
        "7.17",
        7,
        "We support User/ex-user run services that are run on a co-operative basis by those who "
        "use them",
    ),
    Statement("8.1", 8, "We support relatives and friends in maintaining contact with clients."),
    Statement("8.2", 8, "We support relationships between the clients and their family."),
    Statement(
        "8.3",
        8,
        "We support relatives and friends involved in supporting the person to maintain "
        "mainstream activities and provided the support they need to do this.",
    ),
)
"""The 65 benchmark statements, in the seed's order."""

RESPONSES: tuple[Response, ...] = (
    Response("YD", "Yes Definitely", 3),
    Response("YAB", "Yes A Bit", 2),
    Response("NP", "Not Particularly", 1),
    Response("NAA", "Not At All", 0),
    Response("N/A", "Not Appropriate", None),
)
"""The benchmark's response key, from most to least met; N/A is not scored."""

STATEMENT_IDS: tuple[str, ...] = tuple(statement.id for statement in STATEMENTS)
"""The statement IDs in the seed's order."""

RESPONSE_CODES: tuple[str, ...] = tuple(response.code for response in RESPONSES)
"""The response codes in the key's order: YD, YAB, NP, NAA, N/A."""


# --------------------------------------------------------------------------------------
# Good practice guide: key features and outcomes
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feature:
    """A key feature (A1..A7) or the outcomes item (B) of socially inclusive practice.

    ``part`` is the guide's part it belongs to, "Key Features" or "Outcomes"; ``text`` is
    its wording in the guide's summary; ``indicators``, ``provider_questions`` and
    ``user_questions`` are the guide's indicators of good practice and its suggested
    questions for providers and for service users, each as printed.
    """

    id: str
    part: str
    text: str
    indicators: tuple[str, ...]
    provider_questions: tuple[str, ...]
    user_questions: tuple[str, ...]


FEATURES: tuple[Feature, ...] = (
    Feature(
        id="A1",
        part="Key Features",
        text="Open to a wide range of people",
        indicators=(
            "Self referrals accepted",
            "Can access without accessing other mental health services",
            "Service open and promoted to Primary Care service users, and people self-defining "
            "as having mental health needs",
            "Inclusive eligibility criteria (exception for targeted services)",
            "Assessments which focus on issues relevant to social inclusion",
        ),
        provider_questions=(
            "Do you take self-referrals?",
            "Does an applicant need the support of a mental health worker?",
            "How do you market your service?",
            "What are the eligibility criteria?",
            "Can we see your assessment procedure and forms?",
            "Are your buildings used by the general public?",
        ),
        user_questions=(
            "How did you find out about the service and what was the application procedure?",
            "How accessible & appropriate is it in relation to your needs? (language, physical, "
            "social, faith & cultural)",
        ),
    ),
    Feature(
        id="A2",
        part="Key Features",
        text="High levels of Service User Involvement",
        indicators=(
            "SU involved in design, management, delivery, review and evaluation of services",
            "Evidence that service user input has led to real change",
            "SU are an integral part of delivering the service",
            "SU run services are actively encouraged and facilitated",
        ),
        provider_questions=(
            "What methods does the service use to involve service users?",
            "What aspects of the service are users involved in?",
            "How regularly are service users consulted?",
            "Do you facilitate the development of user run services?",
            "Can SU progress to voluntary or paid employment within service?",
        ),
        user_questions=(
            "In what ways can you get involved in the running of the service?",
            "Are there ways in which your involvement is limited?",
            "What other contributions you would like to make to the service?",
            "What other features of the service you would like to see developed?",
        ),
    ),
    Feature(
        id="A3",
        part="Key Features",
        text="Supports people to access mainstream opportunities",
        indicators=(
            "Empowering approach to bridge building support which respects confidentiality and "
            "provides for ongoing support",
            "Strong links with local organisations (e.g. providing training, examples of changes "
            "to practice)",
            "Mainstream organisations demonstrate evidence of socially inclusive practice and "
            "welcoming access",
            "Segregated activities have clearly defined and justifiable functions",
        ),
        provider_questions=(
            "How do you empower SU to access mainstream opportunities?",
            "What work do you undertake with mainstream organisations to support them to be more "
            "accessible to people with mental health needs?",
            "Could you give details of what organisations you work with, in what capacity and "
            "who are your main contacts? (are you happy for us to contact them?)",
            "Could you give any examples of partnership projects with mainstream organisations?",
            "Do you have segregated activities and if so what is their purpose?",
        ),
        user_questions=(
            "How has the service enabled you to access mainstream opportunities?",
            "What are the barriers to this happening and are they being addressed?",
        ),
    ),
    Feature(
        id="A4",
        part="Key Features",
        text="Person Centred, Individually tailored support",
        indicators=(
            "Use of person centred planning, evidenced in paperwork",
            "Evidence of SU controlling their own support and setting own goals",
            "Starting point is what is needed, not what is available",
            "Evidence of effectiveness – link to outcomes",
            "Ability to move in and out of the service and for level of support to vary",
            "Responding to unmet needs",
        ),
        provider_questions=(
            "How do you engage with service users as individuals?",
            "Could we see examples of the paperwork you use?",
            "Can you give evidence of how this approach enables people to achieve their "
            "individual goals?",
        ),
        user_questions=(
            "How is the support you get from this service decided upon?",
            "In what ways is the service enabling you to achieve what YOU want?",
        ),
    ),
    Feature(
        id="A5",
        part="Key Features",
        text="Engaging with under-represented and diverse groups",
        indicators=(
            "Specific and innovative approaches to meeting needs of e.g. women, parents, young "
            "people, older people, bme communities, lgbt people",
            "Evidence of outreach to diverse communities and groups",
            "Evidence of changes to outputs and outcomes",
        ),
        provider_questions=(
            "How does your service identify and ensure they are meeting the needs of people from "
            "under-represented and diverse groups?",
            "What approaches do you use to market the service to these groups?",
            "What aspects of your approach make it successful?",
            "What changes in outputs and outcomes have you recorded as a result of these "
            "approaches?",
            "What areas of discrimination and stigma have you targeted and how?",
        ),
        user_questions=(
            "What do you think is being done to make sure the service is accessible to and meets "
            "the needs of people who are under-represented (Such as...)?",
            "How responsive is this service to your cultural / social needs?",
            "How has this service helped to reduce your anxieties or fears about mental health "
            "care?",
        ),
    ),
    Feature(
        id="A6",
        part="Key Features",
        text="Services promote recovery and self-management",
        indicators=(
            "Principles of social inclusion, recovery, self-management, PCP",
            "Approaches which increase SU knowledge, control and coping skills",
            "Approaches which lead to vocationally focused outcomes",
        ),
        provider_questions=(
            "What are the principles which under-pin your service?",
            "What does your service understand by Recovery?",
            "How does your service promote self-management skills?",
            "What aspects of the service are vocationally focused?",
        ),
        user_questions=(
            "How does this service help you to take more control over your own life and mental "
            "health problems?",
        ),
    ),
    Feature(
        id="A7",
        part="Key Features",
        text="Innovation in service design and delivery",
        indicators=(),
        provider_questions=(
            "What specifically about your service is innovative and makes it an example of best "
            "practice?",
            "What is it that makes this aspect of the service so successful and how did you "
            "overcome any barriers?",
            "How do you plan to ensure the sustainability of the service?",
            "Can you describe the range of options open to service users?",
        ),
        user_questions=(
            "What, if anything, do you think is unusual / special about this service?",
            "How could this service be better / improve?",
        ),
    ),
    Feature(
        id="B",
        part="Outcomes",
        text=(
            "Effective evaluation and monitoring systems which demonstrate socially inclusive "
            "outcomes"
        ),
        indicators=(
            "Feedback from multiple sources",
            "A combination of qualitative and quantitative outcomes measured",
            "SU accessing mainstream: employment, education, volunteering, leisure, arts, "
            "cultural and social opportunities.",
            "Evidence of increased empowerment, skills, self-management and control over life.",
        ),
        provider_questions=(
            "What evaluation and monitoring mechanisms do you have in place to demonstrate the "
            "impact of the service?",
            "Can we see evidence of outcomes that have been achieved?",
        ),
        user_questions=(
            "What changes have occurred in your life as a result of the support you have "
            "received from this service?",
        ),
    ),
)
"""The 7 key features A1..A7 and the outcomes item B, in the guide's order."""

GOOD_PRACTICE_RATINGS: tuple[str, ...] = ("Strong", "Some", "None")
"""How strongly a service shows a feature, from most to least."""


# --------------------------------------------------------------------------------------
# Dorset day opportunities specification: performance monitoring (section 10)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kpi:
    """A key performance indicator, reported quarterly: its reference and its measure."""

    id: str
    measure: str


KPIS: tuple[Kpi, ...] = (
    Kpi("R1", "Referral enquiries receive responses within five business days"),
    Kpi(
        "R2",
        "Contact with Service User/Carer within two business days from acceptance of the referral.",
    ),
    Kpi(
        "R3",
        "Care and Support plans with outcomes drafted within 8 week period and formalised with "
        "Service User/Carer at 8 week review.",
    ),
    Kpi("R4", "Care and Support plans reviewed annually or as required."),
    Kpi("R5", "Service Users and Carers are happy with the quality of service they receive."),
    Kpi(
        "R6",
        "The number of Service Users and/or Carers reporting improvement in quality of life as a "
        "result of receiving a day service.",
    ),
    Kpi(
        "R7",
        "The percentage of Service Users and/or Carers who are satisfied with the quality of the "
        "service received",
    ),
    Kpi("R8", "Annual Service User satisfaction survey"),
    Kpi("R9", "The total number of Day Opportunities sessions provided"),
    Kpi("R10", "The total number of Service Users attending the Day Opportunities service"),
    Kpi("R11", "Reports from the Commissioning Partners Quality Monitoring"),
    Kpi("R12", "Any Action Plans arising."),
)
"""The 12 performance monitoring measures, R1..R12."""


# --------------------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------------------

_HEADINGS_BY_ID = {heading.id: heading for heading in HEADINGS}
_STATEMENTS_BY_ID = {statement.id: statement for statement in STATEMENTS}
_SECTIONS_BY_NUMBER = {section.number: section for section in SECTIONS}


def heading(heading_id: str) -> Heading:
    """The principle, function, change or outcome with this ID, e.g. "P4"."""
    return _HEADINGS_BY_ID[heading_id]


def key_questions_for(heading_id: str) -> tuple[KeyQuestion, ...]:
    """The key questions asked under one heading, in the seed's order."""
    return tuple(question for question in KEY_QUESTIONS if question.heading_id == heading_id)


def statement_section(statement_id: str) -> int:
    """The number of the benchmark section a statement sits in, e.g. "2.10" -> 2."""
    return _STATEMENTS_BY_ID[statement_id].section


def section_name(number: int) -> str:
    """The name of a benchmark section, e.g. 1 -> "Recovery"."""
    return _SECTIONS_BY_NUMBER[number].name


# Which principles, functions and changes of the checklist each anticipated outcome
# answers to: their key questions are shown beside the outcome's own on its page.
OUTCOME_RELATED: dict[str, tuple[str, ...]] = {
    "O1": ("P9", "P10", "C3"),
    "O2": ("P4", "F4", "P8"),
    "O3": ("P5", "P9"),
    "O4": ("F3", "F2"),
    "O5": ("C2", "P2", "F3"),
    "O6": ("P5", "P1"),
}


# --------------------------------------------------------------------------------------
# Crosswalk: where the dashboard gives evidence for each heading of the checklist
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """A place in the dashboard that gives evidence for a principle, function, change or
    outcome of the checklist.

    ``page`` is the page's file as app.py registers it ("pages/user_run.py"); ``title`` is
    what a link to it says (for a measure, the measure's name on the dashboard's charts);
    ``measure`` is the workbook contract's measure the evidence rests
    on (a key of ``contract.MEASURES``), or None when it is a table, a benchmark section or a
    good-practice feature rather than a measure; ``why`` says in a sentence what the page
    shows about the heading, and how far it goes.
    """

    page: str
    title: str
    measure: str | None
    why: str


def _benchmark_section(number: int, why: str) -> Evidence:
    return Evidence(
        "pages/benchmark.py", f"Benchmark section {number}: {section_name(number)}", None, why
    )


def _good_practice(feature_id: str, why: str) -> Evidence:
    feature = next(f for f in FEATURES if f.id == feature_id)
    return Evidence(
        "pages/good_practice.py", f"Good practice {feature.id}: {feature.text}", None, why
    )


# The crosswalk, heading ID -> the evidence for it, strongest first. It is honest about
# gaps: only the six outcomes have measures of their own; most principles and functions
# are evidenced only by services' self-assessments (the benchmark, sections 1-8) and
# good-practice ratings (features A1-A7, B), which say what services report, not what the
# commissioner has done. Nothing in the workbook speaks to C4 Skill mix beyond one
# benchmark statement, nor to carers' or non-users' involvement in design (P8). The
# Services sheet's access features and opening hours (the Access page) evidence F1 and P3,
# its Groups served (the Diverse groups page) P6, and the KPIs sheet (the Performance page)
# C1's information on outcomes.
EVIDENCE: dict[str, tuple[Evidence, ...]] = {
    "P1": (
        _benchmark_section(
            1,
            "Services' own rating of how far they inspire hope, build self-belief and help "
            "people identify their aspirations (statements 1.1-1.5).",
        ),
        _good_practice(
            "A6",
            "Whether services work to principles of recovery and self-management.",
        ),
        _good_practice(
            "A4",
            "Person-centred planning evidenced in paperwork and people setting their own "
            "goals: the care plans and reviewed goals the questions ask about.",
        ),
    ),
    "P2": (
        _benchmark_section(
            2,
            "Services' own rating of their support to use mainstream community activities "
            "and facilities (statements 2.1-2.11).",
        ),
        Evidence(
            "pages/buildings.py",
            "Mainstream-setting share of activity",
            "mainstream_share",
            "The share of services' activity delivered in mainstream community settings "
            "(colleges, leisure centres, libraries, workplaces).",
        ),
        _good_practice(
            "A3", "Ratings of how services support people into mainstream opportunities."
        ),
    ),
    "P3": (
        Evidence(
            "pages/access.py",
            "Access and opening hours",
            None,
            "When services are open across the week, the hours from 8am to 10pm when none "
            "is, per locality, and the shares open evenings and weekends.",
        ),
        _benchmark_section(
            3,
            "Services' own rating of evening and weekend opening, in-reach and help to resume "
            "contact with family and friends (statements 3.1-3.4). Nothing in the workbook "
            "measures people's social networks, which question P3.1 asks about.",
        ),
    ),
    "P4": (
        Evidence(
            "pages/user_run.py",
            "User-run share of services",
            "user_run_share",
            "The share of services run by users or ex-users of mental health services.",
        ),
        Evidence(
            "pages/user_run.py",
            "User-run or partly user-run share",
            "user_involved_share",
            "The share of services run wholly or partly by users or ex-users.",
        ),
        _benchmark_section(
            7,
            "Services' own rating of peer support, buddy systems and users leading and "
            "running services (statements 7.1-7.17).",
        ),
        _good_practice(
            "A2",
            "Ratings of service user involvement, including whether user-run services are "
            "actively encouraged.",
        ),
    ),
    "P5": (
        _benchmark_section(
            4,
            "Services' own rating of open access, choice of support and self-determination; "
            "statement 4.8 is whether they help people to access Direct Payments.",
        ),
        Evidence(
            "pages/funding.py",
            "Where the money comes from",
            None,
            "How much of services' money comes from Direct payments and Personal budgets, "
            "money that follows people's own choices (the Funding sheet's sources).",
        ),
        _good_practice(
            "A4",
            "Ratings of whether people control their own support and set their own goals.",
        ),
    ),
    "P6": (
        Evidence(
            "pages/diverse_groups.py",
            "Diverse groups",
            None,
            "A locality by group matrix of the services that specifically serve each group "
            "(Groups served), with the gaps marked, and the groups over the years.",
        ),
        _benchmark_section(
            5,
            "Services' own rating of how accessible and tailored they are to age, gender, "
            "ethnicity, religion, sexuality and disability (statements 5.1-5.3).",
        ),
        _good_practice(
            "A5", "Ratings of how services engage under-represented and diverse groups."
        ),
    ),
    "P7": (
        _benchmark_section(
            6,
            "Services' own rating of how they meet the needs of people who need more support: "
            "travel, in-reach, support without limit of time (statements 6.1-6.11).",
        ),
        _good_practice("A1", "Ratings of how open services are to a wide range of people."),
    ),
    "P8": (
        _benchmark_section(
            7,
            "Statement 7.1 rates whether users help to define what is provided. Nothing in "
            "the workbook speaks to carers' involvement, or to the views of people who do "
            "not use the services.",
        ),
        _good_practice(
            "A2",
            "Ratings of whether service users are involved in the design, management, "
            "delivery, review and evaluation of services.",
        ),
    ),
    "P9": (
        Evidence(
            "pages/providers.py",
            "Diversity of provider sectors",
            "provider_diversity",
            "How evenly services are spread across NHS, local authority, voluntary, "
            "independent and user-led providers.",
        ),
        Evidence(
            "pages/providers.py",
            "Number of providers",
            "providers",
            "How many providers run at least one service, and who entered or left.",
        ),
        Evidence(
            "pages/providers.py",
            "Concentration of funding",
            "hhi",
            "How far the money is concentrated in a few providers.",
        ),
    ),
    "P10": (
        _good_practice(
            "A3",
            "Ratings include strong links with local, mainstream organisations: the nearest "
            "the workbook comes to cross-sector working.",
        ),
        Evidence(
            "pages/buildings.py",
            "Mainstream-setting share of activity",
            "mainstream_share",
            "Indirect: activity delivered in colleges, libraries, leisure centres and "
            "workplaces depends on working with those sectors.",
        ),
    ),
    "F1": (
        Evidence(
            "pages/access.py",
            "Access and opening hours",
            None,
            "The shares of services taking self-referrals and drop-ins and open evenings and "
            "weekends: whether people can find support when they need it.",
        ),
        _benchmark_section(
            3,
            "Statement 3.1 rates evening and weekend opening and chances to meet others: "
            "support outside Monday to Friday 9 to 5.",
        ),
        _benchmark_section(
            4,
            "Statements 4.1-4.3 rate open access, drop-in and self-referral: whether people "
            "can drop in when they need to.",
        ),
        _benchmark_section(7, "Statements 7.2-7.4 and 7.11 rate peer support."),
    ),
    "F2": (
        _benchmark_section(
            1,
            "Statements 1.2a-1.2c rate whether services help people identify and keep the "
            "roles, relationships and activities they value.",
        ),
        _benchmark_section(
            2,
            "Statements 2.2 and 2.3 rate whether services help people keep and resume "
            "existing roles after a period of illness.",
        ),
    ),
    "F3": (
        Evidence(
            "pages/vocational.py",
            "Vocational share of activity",
            "vocational_share",
            "The share of activity that is employment, education or volunteering: new roles.",
        ),
        Evidence(
            "pages/buildings.py",
            "Mainstream-setting share of activity",
            "mainstream_share",
            "The share of activity in mainstream settings rather than services' own buildings.",
        ),
        _benchmark_section(
            2, "Services' own rating of their support to use mainstream activities and facilities."
        ),
        _good_practice(
            "A3", "Ratings of how services support people into mainstream opportunities."
        ),
    ),
    "F4": (
        Evidence(
            "pages/user_run.py",
            "User-run share of services",
            "user_run_share",
            "Which services are run by users or ex-users, and the share over the years.",
        ),
        Evidence(
            "pages/user_run.py",
            "User-run or partly user-run share",
            "user_involved_share",
            "The share of services run wholly or partly by users or ex-users.",
        ),
        _benchmark_section(
            7,
            "Services' own rating of how they help users to run services and become providers "
            "(statements 7.5-7.17).",
        ),
    ),
    "C1": (
        Evidence(
            "pages/overview.py",
            "The six anticipated outcomes",
            None,
            "The portfolio mapped against the checklist's outcomes: what exists now and "
            "which way it is moving.",
        ),
        _good_practice(
            "B",
            "Ratings of services' evaluation and monitoring: whether you receive information "
            "on the right outcomes.",
        ),
        Evidence(
            "pages/performance.py",
            "Performance returns (KPIs)",
            None,
            "Providers' quarterly returns of the KPIs R1-R12: who has returned, each KPI's "
            "trend, and providers compared.",
        ),
        _benchmark_section(4, "Statement 4.3 rates whether service users can self-refer."),
    ),
    "C2": (
        Evidence(
            "pages/buildings.py",
            "Building-based share of activity",
            "building_share",
            "The share of activity delivered in services' own buildings, and the money in it.",
        ),
        Evidence(
            "pages/buildings.py",
            "Outreach share of activity",
            "outreach_share",
            "The share of activity delivered as outreach, in people's homes and on wards.",
        ),
        Evidence(
            "pages/buildings.py",
            "Mainstream-setting share of activity",
            "mainstream_share",
            "The share of activity in mainstream, accessible local settings.",
        ),
        _benchmark_section(
            2, "Statement 2.1 rates whether services are provided in non-stigmatising locations."
        ),
    ),
    "C3": (
        Evidence(
            "pages/providers.py",
            "Diversity of provider sectors",
            "provider_diversity",
            "Who provides the services, by sector, and how that is changing.",
        ),
        Evidence(
            "pages/providers.py",
            "Number of providers",
            "providers",
            "Providers entering and leaving the portfolio.",
        ),
    ),
    "C4": (
        _benchmark_section(
            7,
            "Only statement 7.13 (supporting users to become providers of the service) "
            "touches skill mix, and whether jobs in services are open to service users. "
            "The workbook holds nothing on staffing, training or competencies.",
        ),
    ),
    "C5": (
        Evidence(
            "pages/overview.py",
            "The six anticipated outcomes",
            None,
            "The range of provision across the portfolio. Whether it is what people need or "
            "want is not in the workbook.",
        ),
        _good_practice("B", "Ratings of whether services gather feedback from several sources."),
    ),
    "O1": (
        Evidence(
            "pages/providers.py",
            "Diversity of provider sectors",
            "provider_diversity",
            "The outcome's headline measure: how evenly services are spread across sectors.",
        ),
        Evidence(
            "pages/providers.py",
            "Number of providers",
            "providers",
            "How many providers run at least one service.",
        ),
        Evidence(
            "pages/providers.py",
            "Concentration of funding",
            "hhi",
            "How far the money is concentrated in a few providers.",
        ),
    ),
    "O2": (
        Evidence(
            "pages/user_run.py",
            "User-run share of services",
            "user_run_share",
            "The outcome's headline measure: the share of services run by users or ex-users.",
        ),
        Evidence(
            "pages/user_run.py",
            "User-run or partly user-run share",
            "user_involved_share",
            "The share of services run wholly or partly by users or ex-users.",
        ),
        _benchmark_section(
            7, "Services' own rating of how they support users to lead and run services."
        ),
    ),
    "O3": (
        Evidence(
            "pages/funding.py",
            "Funding from non-core sources",
            "non_core_funding_share",
            "The outcome's headline measure: the share of money from sources other than core "
            "commissioning, source by source.",
        ),
    ),
    "O4": (
        Evidence(
            "pages/vocational.py",
            "Vocational share of activity",
            "vocational_share",
            "The outcome's headline measure: the balance of social and leisure against "
            "vocational activity.",
        ),
    ),
    "O5": (
        Evidence(
            "pages/buildings.py",
            "Building-based share of activity",
            "building_share",
            "The outcome's headline measure: the share of activity in services' own buildings, "
            "and the money in it.",
        ),
        Evidence(
            "pages/buildings.py",
            "Outreach share of activity",
            "outreach_share",
            "The share of activity delivered as outreach.",
        ),
        Evidence(
            "pages/buildings.py",
            "Mainstream-setting share of activity",
            "mainstream_share",
            "The share of activity in mainstream settings.",
        ),
    ),
    "O6": (
        Evidence(
            "pages/support.py",
            "Individual share of support",
            "individual_share",
            "The outcome's headline measure: the balance of group against individualised support.",
        ),
        _good_practice("A4", "Ratings of person-centred, individually tailored support."),
    ),
}
"""Heading ID -> where the dashboard gives evidence for it (empty where nothing does)."""


def evidence_for(heading_id: str) -> tuple[Evidence, ...]:
    """The dashboard's evidence for a principle, function, change or outcome, e.g. "P4"."""
    return EVIDENCE.get(heading_id, ())
