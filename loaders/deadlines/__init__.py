"""Deadlines: finds the time expressions of a sentence and normalises them against the publication date.

Candidates come from a spaCy Matcher built from the lexicons in data/lexicons/time_*.txt (months,
weekdays, seasons, relative phrases, durations), plus the sentence's DATE entities that the lexicons do
not cover, parsed with dateparser ("September the 30th, 2027"). Each candidate is widened to the left by a
modifier ("the end of", "mid-", "the third quarter of") and a relation word ("by", "within", "since"), then
resolved to ISO values: "2027", "2027-09" or "2027-09-30", the likeliest first.

A four-digit number is a year only where it stands as one: not after a currency sign, a quantifier ("up to")
or an identifier word ("Resolution"), not before a unit or an amount word ("%", "million", "GMT"), and not
counting a plural noun ("2030 soldiers"; "1990 levels" is a year: time_year_nouns.txt).

Choices the guide leaves open (tested in tests/test_deadlines.py):
- A year inside a name ("Vision 2030", "Agenda 2063") is still a year, marked ``in_name=True``.
- A quarter gives its last month, then its year: "Q3 2026" -> ("2026-09", "2026"); a half likewise
  ("the first half of 2026" -> ("2026-06", "2026")); "early in" one gives its first month.
- A season gives its year, then its months: "summer 2026" -> ("2026", "2026-06", "2026-07", "2026-08");
  winter YEAR is that year's January, February and December.
- "this week", "next week", "the end of the week" -> the date of that (ISO) week's Sunday; "early this week"
  -> its Wednesday.
- A month joined to one with a year takes that year: "in July and August last year".
- A weekday, a month or a day without a year: deadline words ("by", "until", "within", "before") take the next
  one on or after publication ("gave Hamas until Sunday"); otherwise the verb that governs the expression
  decides: past tense -> the last one on or before publication ("said on Tuesday", "in August, X said"),
  future -> the next one; where no verb decides, ``past_tense_reporting`` means the last one, else the
  nearest one either way ("following the April 22 attack").
- "the end of the decade" / "this decade" -> the year that closes it (2030 for the 2020s); "the 2030s" -> 2030.
- "fiscal 2025", "FY25" -> "2025"; "fiscal 2025-26" -> ("2025", "2026"); an end the text gives is added:
  "the fiscal year ending March 31, 2026" -> (.., "2026-03-31"); a month without a year ends fiscal YEAR in
  YEAR+1 when it is January to March (Japan, India, the UK), else in YEAR (the United States).
- A duration counts from publication ("within 50 days", "a 50-day ultimatum", "has 60 days to", "gave them
  four days"), or from the day the sentence dates the act by ("announced a 75-day extension Friday",
  "said on Friday they would act within four days"): days, weeks and months give a date ("within four months"
  of 22 May is 22 September), years a year; "the next 10 to 15 years" gives both ends. A period whose start the
  sentence gives runs from it, and both ends are its values: "a ten-day truce that takes effect on Monday
  (April 6)" -> ("2026-04-06", "2026-04-16"), "began on June 2 and will stay in force for 72 hours".
  "for six months" is how long, not by when: a time only from such a start, or under a future modal ("will
  be paused for 90 days").
- "by 2035 or 2040" is one expression with both values; "in 2026 and 2027" two, sharing the relation.
- ``relation`` adds "after" to the brief's list ("after 2030", "beyond March 2027", "not before 2028"): no
  deadline for the action it qualifies ("will keep it open after 2030"), but the deadline of a condition or of
  the party a sanction names ("soldiers who stay after June 1 will be held liable"; timing.deadline_of).
- Vague times ("soon", "in the coming weeks", "within days") and every relative time when ``published``
  is None are not returned: there is nothing to resolve them against.
"""
from __future__ import annotations

from pledgegraph.loaders.deadlines.context import governing_verb
from pledgegraph.loaders.deadlines.finder import TimeExpression, find_times

__all__ = ["TimeExpression", "find_times", "governing_verb"]
