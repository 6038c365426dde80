"""An impact measure's actual figures against its trajectory, drawn on the server as SVG in the
style of the insights charts (`insights.charts`: GOV.UK colours, no JavaScript). The actual
figure is a column for each period; the trajectory is a dashed line from the baseline to the
target. The SVG is hidden from screen readers: the page gives the same numbers in a table."""

from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from opensend.improvement.measures import PathPoint
from opensend.insights.charts import BAR, BOTTOM, GRID, HEIGHT, LEFT, LINE, RIGHT, TOP, WIDTH


def _top(points: list[PathPoint], percent: bool) -> float:
    if percent:
        return 100.0
    values = [float(v) for p in points for v in (p.actual, p.expected) if v is not None]
    highest = max([*values, 1.0])
    step = 10 if highest > 20 else 5
    return float(step * (int(highest // step) + 1))


def trajectory_chart(points: list[PathPoint], *, percent: bool) -> SafeString:
    top = _top(points, percent)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)

    def y(value: Decimal | float) -> float:
        return TOP + plot_h * (1 - min(float(value), top) / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'class="app-chart" aria-hidden="true" focusable="false" width="100%">'
    ]
    for i in range(5):
        tick = top * i / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/><text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end" font-size="12" fill="{LINE}">{tick:g}{"%" if percent else ""}'
            "</text>"
        )
    line = []
    for i, point in enumerate(points):
        x = LEFT + slot * i + slot * 0.15
        middle = x + slot * 0.35
        if point.actual is not None:
            parts.append(
                f'<rect x="{x:.1f}" y="{y(point.actual):.1f}" width="{slot * 0.7:.1f}" '
                f'height="{TOP + plot_h - y(point.actual):.1f}" fill="{BAR}"/>'
            )
        if point.expected is not None:
            line.append(f"{middle:.1f},{y(point.expected):.1f}")
        label = escape(point.label)
        parts.append(
            f'<text x="{middle:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11" fill="{LINE}">{label[:7]}</text><text x="{middle:.1f}" '
            f'y="{HEIGHT - BOTTOM + 30}" text-anchor="middle" font-size="11" fill="{LINE}">'
            f"{label[7:]}</text>"
        )
    if len(line) > 1:
        parts.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="{LINE}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        )
    parts.append("</svg>")
    # Safe: the only text from the records (the labels) is escaped above.
    return mark_safe("".join(parts))
