"""Re-assessment of a child or young person who has a plan (CFA s44(2); SEND Regs 2014, regs
24 to 27): the request, the decision within 15 days, and the plan within 14 weeks.

It sits with reviews because the law treats it so (the regulations' heading is "Reviews and
re-assessments") and because it acts on a plan, which casework, earlier in the journey, cannot
import. The amended or new plan is written through the plans app as for any amendment."""
