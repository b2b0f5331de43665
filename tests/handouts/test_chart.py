import re

from lbpreports.handouts.chart import _label_lines, prevalence_chart


def polylines(markup):
    return re.findall(r'<polyline points="([^"]+)"', markup)


def svg(markup):
    return re.search(r"<svg.*</svg>", markup).group(0)


def test_one_line_per_common_finding_with_the_patients_age_marked():
    markup = prevalence_chart(["disc_bulge", "facet_arthropathy"], 63)
    assert len(polylines(markup)) == 2
    assert "Your age: 63" in markup
    assert 'role="img"' in markup and "aria-label=" in markup


def test_only_points_with_data():
    bulge, facet = polylines(prevalence_chart(["disc_bulge", "facet_arthropathy"], 63))
    assert len(bulge.split()) == 7  # ages 20 to 80
    assert len(facet.split()) == 5  # no data below 40


def test_no_chart_under_18_and_no_marker_without_an_age():
    assert prevalence_chart(["disc_bulge"], 15) == ""
    markup = prevalence_chart(["disc_bulge"], None)
    assert markup and "Your age" not in markup
    assert prevalence_chart(["osteophyte"], 60) == ""


def test_the_picture_holds_no_text_and_every_label_is_page_text_of_its_size():
    markup = prevalence_chart(["disc_bulge", "annular_fissure"], 50, label_pt=14)
    assert "<text" not in svg(markup) and "style=" not in svg(markup)
    labels = re.findall(r'<div class="chart-label[^"]*" style="([^"]*)">(.*?)</div>', markup)
    texts = " ".join(text for _, text in labels)
    for label in ("100%", "0%", "20 30 40 50 60 70 80", "Age (years)", "disc bulges", "Your age"):
        assert label in texts
    assert "splits in the outer ring of a disc" in texts


def test_end_labels_never_overlap_even_when_their_lines_end_together():
    # disc bulges and thinner discs both end at 84% at 80: the second label moves down
    markup = prevalence_chart(["disc_bulge", "disc_height_loss", "disc_desiccation"], 70)
    tops = re.findall(r'class="chart-label end" style="left:[\d.]+pt;top:([\d.]+)pt', markup)
    ends = [float(top) for top in tops]
    assert len(ends) == 3
    ends.sort()
    assert all(b - a >= 12 * 1.2 - 0.05 for a, b in zip(ends, ends[1:], strict=False))


def test_a_long_label_counts_the_lines_it_wraps_to():
    assert _label_lines("dry discs", 182, 12) == 1
    assert _label_lines("worn joints at the back of the spine", 182, 12) == 2
    assert _label_lines("worn joints at the back of the spine", 182, 14) == 2
    assert _label_lines("worn joints at the back of the spine", 100, 14) == 3
