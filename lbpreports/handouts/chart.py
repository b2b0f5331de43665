"""A simple chart of prevalence by age for the common findings present, made on the server.

Only points with data are drawn (docs/domain.md section 3: no figure for facet degeneration or
spondylolisthesis below 40), no chart for a patient under 18, and no age marker when the age is
unknown. Black and white friendly: each line has its own dash pattern and a label at its end.

The lines are a small SVG without any text; every label is ordinary HTML text placed over it in
points. Text inside an SVG costs WeasyPrint far more than the same text in the page, and it is
scaled with the picture, so its size in print is hard to keep; HTML labels keep their size (at
least 11 pt) and their cost is that of a few words. The chart is drawn only in the PDF, never on
a page of the app, so its inline positions meet no content security policy.
"""

from __future__ import annotations

from django.utils.html import escape

from lbpreports.engine import knowledge

# The chart's geometry in points: the width of the handout's text column (A4 less 2 x 20 mm).
WIDTH, HEIGHT = 480, 165
LEFT, PLOT_RIGHT, TOP, BOTTOM = 38, 292, 24, 36
LABEL_GAP = 6
DASHES = ["", "8 4", "2 3", "10 3 2 3", "4 4", "12 6"]
# an average DejaVu Sans character is about 0.55 em wide; lines 1.2 em apart
CHAR_EM, LINE_EM = 0.56, 1.2
DIGIT_EM, SPACE_EM = 0.636, 0.318


def _x(age: float) -> float:
    return LEFT + (age - 20) / 60 * (PLOT_RIGHT - LEFT)


def _y(percent: float) -> float:
    return TOP + (100 - percent) / 100 * (HEIGHT - TOP - BOTTOM)


def _label_lines(name: str, width: float, label_pt: float) -> int:
    """How many lines a label wraps to in `width` points (an estimate on the safe side)."""
    per_line = max(int(width / (CHAR_EM * label_pt)), 1)
    lines, length = 1, 0
    for word in name.split():
        if length and length + 1 + len(word) > per_line:
            lines, length = lines + 1, len(word)
        else:
            length += (1 if length else 0) + len(word)
    return lines


def _at(x: float, y: float, inner: str, css: str, width: float, more: str = "") -> str:
    """A label box whose top left corner is at (x, y) points from the chart's top left corner."""
    style = f"left:{x:.1f}pt;top:{y:.1f}pt;width:{width:.1f}pt;{more}"
    return f'<div class="chart-label {css}" style="{style}">{inner}</div>'


def prevalence_chart(concepts: list[str], age: int | None, label_pt: float = 12) -> str:
    """The chart's markup (an SVG of lines with HTML labels), or "" when there is nothing to
    draw. `label_pt` is the labels' size in points."""
    if age is not None and age < 18:
        return ""
    table = knowledge.load().prevalence
    names = table.get("plural", {})
    rows = [(c, table["rows"][c]) for c in concepts if c in table["rows"]]
    if not rows:
        return ""
    line = LINE_EM * label_pt
    step_y = (HEIGHT - TOP - BOTTOM) / 4
    lines = []
    for percent in (0, 25, 50, 75, 100):
        y = _y(percent)
        shade = "#999999" if percent in (0, 50, 100) else "#cccccc"
        lines.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}" '
            f'stroke="{shade}" stroke-width="0.5"/>'
        )
    # The axes' numbers as two lines of text and a column of three, not one box a number: each
    # line of text costs WeasyPrint about as much as a line of the handout. DejaVu Sans digits
    # are all 0.636 em wide, so word spacing puts each age under its tick.
    ticks = "<br>".join(f"{percent}%" for percent in (100, 50, 0))
    labels = [_at(0, TOP - step_y, ticks, "left", LEFT - 4, f"line-height:{2 * step_y:.1f}pt")]
    ages = table["ages"]
    step_x = _x(ages[1]) - _x(ages[0])
    number = 2 * DIGIT_EM * label_pt
    spacing = step_x - number - SPACE_EM * label_pt
    row = " ".join(str(a) for a in ages)
    labels.append(
        _at(
            _x(ages[0]) - number / 2,
            HEIGHT - BOTTOM + 2,
            f'{row}<div class="axis-title">Age (years)</div>',
            "ages",
            PLOT_RIGHT - LEFT + number,
            f"word-spacing:{spacing:.2f}pt",
        )
    )
    ends = []
    label_width = WIDTH - PLOT_RIGHT - LABEL_GAP
    for i, (concept, row_data) in enumerate(rows):
        points = [
            (a, p)
            for a, p in zip(ages, row_data["percent"], strict=True)
            if a >= row_data.get("min_age", 18)
        ]
        coords = " ".join(f"{_x(a):.1f},{_y(p):.1f}" for a, p in points)
        dash = DASHES[i % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        lines.append(
            f'<polyline points="{coords}" fill="none" stroke="#000000" '
            f'stroke-width="2"{dash_attr}/>'
        )
        name = names.get(concept, concept)
        height = _label_lines(name, label_width, label_pt) * line
        ends.append([_y(points[-1][1]) - line / 2, height, name])
    # labels at the line ends, pushed apart so that none overlaps another
    ends.sort()
    for i in range(1, len(ends)):
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + ends[i - 1][1])
    for y, _height, name in ends:
        labels.append(_at(PLOT_RIGHT + LABEL_GAP, y, escape(name), "end", label_width))
    if age is not None:
        x = _x(min(max(age, 20), 80))
        lines.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" '
            'stroke="#000000" stroke-width="1.5" stroke-dasharray="1 3"/>'
        )
        labels.append(_at(x - 60, 0, f"Your age: {age}", "centre age", 120))
    height = max(HEIGHT, max(y + h for y, h, _ in ends))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}pt" height="{HEIGHT}pt" aria-hidden="true">{"".join(lines)}</svg>'
    )
    return (
        f'<div class="chart-area" role="img" aria-label="How common these findings are in '
        f'people without back pain, by age" style="height:{height:.1f}pt">'
        f"{svg}{''.join(labels)}</div>"
    )
