"""The fair-chance matching engine: a pure core on plain data (no ORM in it).

- `profiles`: the plain dataclasses a run works on (`ParticipantProfile`, `JobProfile`,
  `Weights`, `Limits`), built by `placements.selectors.matching` in a fixed number of
  queries.
- `engine`: `JobIndex` (every open job as numpy columns, built once per run) and
  `rank_jobs` (one participant against all of them: the hard rules, the 0-100 score,
  the reasons and cautions of the top jobs).
- `reasons`: the plain-language texts of reasons and cautions (English and Spanish),
  stored as codes with parameters and translated when shown.

Why numpy: a participant against 20,000 open jobs must take milliseconds. Skill
similarity is computed once per participant over the small vocabulary of distinct
normalized strings (`rapidfuzz.process.cdist`), then gathered per job; the hard rules
are column comparisons.
"""
