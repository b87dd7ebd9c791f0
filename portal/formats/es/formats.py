# Spanish as written in the United States (CLDR es-US), not Spain: the program's readers
# live in Missouri and Kansas and are paid in dollars.
# Dates day first with the month abbreviated: "3 dic. 2026"; "3 dic." without the year.
DATE_FORMAT = "j b. Y"
MONTH_DAY_FORMAT = "j b."
# Times on the 12-hour clock people here read: "3:30 p.m.".
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = "j b. Y, g:i a"
SHORT_DATETIME_FORMAT = "d/m/Y g:i a"
# Numbers and money as in es-US: "$1,336.56" (Spain would write "1336,56").
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
