import re

from lbpreports.handouts.chart import prevalence_chart


def polylines(svg):
    return re.findall(r'<polyline points="([^"]+)"', svg)


def test_one_line_per_common_finding_with_the_patients_age_marked():
    svg = prevalence_chart(["disc_bulge", "facet_arthropathy"], 63)
    assert len(polylines(svg)) == 2
    assert "Your age: 63" in svg
    assert "style=" not in svg
    assert 'role="img"' in svg and "<title" in svg


def test_only_points_with_data():
    bulge, facet = polylines(prevalence_chart(["disc_bulge", "facet_arthropathy"], 63))
    assert len(bulge.split()) == 7  # ages 20 to 80
    assert len(facet.split()) == 5  # no data below 40


def test_no_chart_under_18_and_no_marker_without_an_age():
    assert prevalence_chart(["disc_bulge"], 15) == ""
    svg = prevalence_chart(["disc_bulge"], None)
    assert svg and "Your age" not in svg
    assert prevalence_chart(["osteophyte"], 60) == ""
