"""Charts drawn on the server as SVG: no JavaScript and no chart library from a CDN, so they
work under the strict content security policy and without JavaScript.

Each chart is a column chart of one KPI over time, with England's figure as a dashed line when
there is one. The SVG is decorative for screen readers (`aria-hidden`): the page always puts
the same numbers in a table below it and says what the chart shows in one sentence
(`summary`), so nobody needs to read the picture.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 48
BAR = "#1d70b8"  # GOV.UK blue
LINE = "#0b0c0c"
GRID = "#b1b4b6"


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None  # None: no cases, or suppressed


def _scale_top(points: list[Point], reference: float | None, percent: bool) -> float:
    if percent:
        return 100.0
    highest = max([p.value for p in points if p.value is not None] + [reference or 0, 1])
    step = 10 if highest > 20 else 5
    return float(step * (int(highest // step) + 1))


def column_chart(
    points: list[Point], *, percent: bool, reference: float | None = None, reference_label: str = ""
) -> SafeString:
    """The SVG for `points` (in order), scaled 0-100 for a percentage."""
    top = _scale_top(points, reference, percent)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'class="app-chart" aria-hidden="true" focusable="false" '
        'preserveAspectRatio="xMidYMid meet" width="100%">'
    ]
    for i in range(5):
        tick = top * i / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{LINE}">{tick:g}{"%" if percent else ""}</text>'
        )
    for i, point in enumerate(points):
        x = LEFT + slot * i + slot * 0.15
        if point.value is not None:
            height = plot_h * min(point.value, top) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - height:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{height:.1f}" fill="{BAR}"/>'
            )
        label = escape(point.label)
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11" fill="{LINE}">{label[:7]}</text>'
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 30}" text-anchor="middle" '
            f'font-size="11" fill="{LINE}">{label[7:]}</text>'
        )
    if reference is not None:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(reference):.1f}" '
            f'y2="{y(reference):.1f}" stroke="{LINE}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(reference) - 6:.1f}" text-anchor="end" '
            f'font-size="12" fill="{LINE}" stroke="#ffffff" stroke-width="4" '
            f'paint-order="stroke">{escape(reference_label)}</text>'
        )
    parts.append("</svg>")
    # Safe: every piece of text inside was escaped above.
    return mark_safe("".join(parts))


def summary(points: list[Point], *, what: str, unit: str) -> str:
    """One sentence saying what the chart shows."""
    known = [p for p in points if p.value is not None]
    if not known:
        return f"There are no figures to show for {what} in these quarters."
    first, last = known[0], known[-1]
    subject = what[:1].upper() + what[1:]

    def shown(p: Point) -> str:
        return f"{p.value}{unit}" if unit == "%" else f"{p.value} {unit}".rstrip()

    if first is last:
        return f"{subject} was {shown(last)} in {last.label}."
    if last.value == first.value:
        movement = "stayed at"
    elif (last.value or 0) > (first.value or 0):
        movement = "rose to"
    else:
        movement = "fell to"
    return (
        f"{subject} was {shown(first)} in {first.label} and {movement} "
        f"{shown(last)} in {last.label}."
    )
