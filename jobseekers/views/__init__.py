"""Pages of the participants app: staff (caseload, intake, participant page, job club),
résumés (shared by staff and the participant), and the participant's own pages."""
