"""Text messages: the `TextProvider` interface (Twilio, or the console in `make run` and
tests), quiet hours, reply keywords and Twilio's two webhooks. Part of the core layer like
`portal.payments`: every app may send through it, it never imports them. Who may be
texted, what is said and the log of what was sent belong to the app that owns the person
(`jobseekers`), which registers what happens with a reply (`registry`)."""
