"""The living plan: annual reviews, and the sub-packages for what follows from them.

The annual review itself is here: `codes` (every choice of the app, re-exported by `models`),
`models`, `annual_clocks` (its clocks; `clocks` offers every clock of the app to callers
outside), `scheduling` (the first review with the final plan, the next after each decision),
`services`, `selectors`, `forms`, `steps` (its step table), `views`, `urls` and `api`. What the
workflows share is in `access` (who may do what), `shared` (audit, locks, the `next_due_on`
cache, timelines) and `workflow` (core.steps with intros, uploads and `offer`).

A larger area is a sub-package of the same shape: `amendments/`, `transfers/` (phase
transfers), `ceasing/` and `reassessment/`. The plan pages that show them are `plan_pages`.
"""
