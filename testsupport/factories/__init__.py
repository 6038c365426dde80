"""factory_boy factories for the models of each app: `testsupport.factories.accounts` (users,
organisations, teams, memberships) and `testsupport.factories.people` (children, settings,
families). This package itself imports no Django, so the browser plugin can use PASSWORD."""

PASSWORD = "correct-horse-battery-staple"  # every factory user's password
