"""Amending a final plan (SEND Regulations 2014, reg 22): proposals with their evidence, the
family's say within 15 days, and the amended plan issued as a new `plans.PlanVersion` within
8 weeks of the proposals (12 weeks of the review meeting). Reviews, phase transfers, Tribunal
orders and re-assessments all amend a plan this way. The models are `reviews.models.Amendment`
and `AmendmentRepresentation`."""
