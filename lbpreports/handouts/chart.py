"""A simple chart of prevalence by age for the common findings present (SVG, made on the server).

Only points with data are drawn (docs/domain.md section 3: no figure for facet degeneration or
spondylolisthesis below 40), no chart for a patient under 18, and no age marker when the age is
unknown. Black and white friendly: each line has its own dash pattern and a label at its end.
Presentation attributes only (no style attributes), so that a strict CSP and PDF both accept it.
"""

from __future__ import annotations

from django.utils.html import escape

from lbpreports.engine import knowledge

WIDTH, HEIGHT = 620, 300
LEFT, RIGHT, TOP, BOTTOM = 50, 190, 20, 40
DASHES = ["", "8 4", "2 3", "10 3 2 3", "4 4", "12 6"]


def _x(age: float) -> float:
    return LEFT + (age - 20) / 60 * (WIDTH - LEFT - RIGHT)


def _y(percent: float) -> float:
    return TOP + (100 - percent) / 100 * (HEIGHT - TOP - BOTTOM)


def prevalence_chart(concepts: list[str], age: int | None) -> str:
    """SVG markup, or "" when there is nothing to draw."""
    if age is not None and age < 18:
        return ""
    table = knowledge.load().prevalence
    names = table.get("plural", {})
    rows = [(c, table["rows"][c]) for c in concepts if c in table["rows"]]
    if not rows:
        return ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title">',
        '<title id="chart-title">How common these findings are in people without back pain, '
        "by age</title>",
    ]
    for percent in (0, 25, 50, 75, 100):
        y = _y(percent)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="#bbbbbb" stroke-width="0.5"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11">{percent}%</text>'
        )
    for column in table["ages"]:
        x = _x(column)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11">{column}</text>'
        )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
        'font-size="12">Age (years)</text>'
    )
    labels = []
    for i, (concept, row) in enumerate(rows):
        points = [
            (a, p)
            for a, p in zip(table["ages"], row["percent"], strict=True)
            if a >= row.get("min_age", 18)
        ]
        coords = " ".join(f"{_x(a):.1f},{_y(p):.1f}" for a, p in points)
        dash = DASHES[i % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="#000000" '
            f'stroke-width="2"{dash_attr}/>'
        )
        last_age, last_percent = points[-1]
        labels.append([_y(last_percent) + 4, _x(last_age) + 6, names.get(concept, concept)])
    # labels at the line ends, pushed apart so that none overlaps another
    labels.sort()
    for i in range(1, len(labels)):
        labels[i][0] = max(labels[i][0], labels[i - 1][0] + 14)
    for y, x, name in labels:
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="11">{escape(name)}</text>')
    if age is not None:
        x = _x(min(max(age, 20), 80))
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" stroke="#000000" '
            'stroke-width="1.5" stroke-dasharray="1 3"/>'
            f'<text x="{x:.1f}" y="{TOP - 6}" text-anchor="middle" font-size="12" '
            f'font-weight="bold">Your age: {age}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
