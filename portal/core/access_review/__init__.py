"""The access review: program admins see who read participants' sensitive data (the
AccessLog rows the selectors write), per staff member per day, with a CSV download; and
an email goes to them when someone reads the records of more people in an hour than
PORTAL_ACCESS_ALERT_READS_PER_HOUR allows (a common sign of misuse)."""
