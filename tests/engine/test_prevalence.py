"""Prevalence exactly as docs/domain.md section 3 states it."""

import pytest

from lbpreports.engine import prevalence


@pytest.mark.parametrize(
    ("concept", "age", "table_age", "percent", "words"),
    [
        ("disc_bulge", 62, 62, 71, "about 7 in 10"),  # 69 + (77 - 69) * 0.2 = 70.6
        ("disc_bulge", 20, 20, 30, "about 3 in 10"),
        ("disc_bulge", 18, 20, 30, "about 3 in 10"),  # 18-19: the age-20 column
        ("disc_bulge", 85, 80, 84, "about 8 in 10"),  # over 80: the age-80 column
        # the words come from the unrounded value: 94.5 shows as 95 % but is "about 9 in 10"
        ("disc_degeneration", 75, 75, 95, "about 9 in 10"),  # 93 + 3 * 0.5 = 94.5
        ("disc_bulge", 55, 55, 65, "about 6 in 10"),  # 60 + 9 * 0.5 = 64.5, never 65 -> 7
        ("disc_degeneration", 76, 76, 95, "about 9 in 10"),  # 94.8
        ("disc_degeneration", 77, 77, 95, "nearly all"),  # 95.1
        ("disc_desiccation", 80, 80, 97, "nearly all"),
        ("facet_arthropathy", 40, 40, 18, "about 2 in 10"),
        ("spondylolisthesis", 45, 45, 11, "about 1 in 10"),
        ("spondylolisthesis", 40, 40, 8, "about 8 in 100"),
        ("annular_fissure", 35, 35, 21, "about 2 in 10"),  # 20 + 2 * 0.5 = 21
        ("disc_height_loss", 55, 55, 62, "about 6 in 10"),  # 56 + 11 * 0.5 = 61.5 -> 62
    ],
)
def test_figures(concept, age, table_age, percent, words):
    fig = prevalence.figure(concept, age)
    assert (fig.table_age, fig.percent, fig.words) == (table_age, percent, words)


@pytest.mark.parametrize(
    ("concept", "age", "reason"),
    [
        ("disc_bulge", None, "unknown_age"),
        ("disc_bulge", 17, "under_18"),
        ("facet_arthropathy", 39, "no_data_40"),
        ("spondylolisthesis", 30, "no_data_40"),
    ],
)
def test_no_figure(concept, age, reason):
    assert prevalence.figure(concept, age) == reason


def test_age_words():
    assert prevalence.figure("disc_bulge", 90).age_words == "80 or over"
    assert prevalence.figure("disc_bulge", 19).age_words == "20"


def test_only_table_rows_have_figures():
    assert prevalence.has_figure("disc_bulge")
    assert not prevalence.has_figure("osteophyte")
