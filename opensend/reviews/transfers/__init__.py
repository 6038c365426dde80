"""Phase transfers (SEND Regulations 2014, reg 18): the planner of who moves next September
(`planner`), one child's transfer (`selectors`, `services`, `steps`, `views`) and its API. The
transfer is done when the amendment naming the new setting is issued (`reviews.amendments`)."""
