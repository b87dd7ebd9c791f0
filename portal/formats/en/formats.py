# English (US): Django's dates ("Dec. 3, 2026", "3:30 p.m."), and a day without its year
# in the same abbreviated style ("Dec. 3") for lists of this week's events.
MONTH_DAY_FORMAT = "N j"
