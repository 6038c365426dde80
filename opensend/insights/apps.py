from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Figures read from the domain apps (timeliness today; KPIs, dashboards and SEN2 next).

    No domain app imports insights (an import-linter contract)."""

    name = "opensend.insights"
    label = "insights"
    verbose_name = "Insights"
