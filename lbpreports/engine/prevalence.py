"""How common a finding is in people without back pain, at the patient's age.

The rules are docs/domain.md section 3.

Linear interpolation between the decades of Brinjikji et al. 2015 (Table 2), rounded half up;
"about N in 10" from 10 to 94 %, "about N in 100" below 10 %, "nearly all" from 95 %. Ages 18-19
use the age-20 column, over 80 the age-80 column; under 18 there is no figure, nor for facet
degeneration and spondylolisthesis under 40 (no data there).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from . import knowledge


def round_half_up(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Figure:
    concept: str
    age: int
    table_age: int
    percent: int  # for display, rounded half up
    value: float = -1.0  # unrounded; the words come from it (never round twice)

    @property
    def exact(self) -> float:
        return self.value if self.value >= 0 else float(self.percent)

    @property
    def words(self) -> str:
        """ "about 9 in 10", "about 4 in 100", "nearly all", from the unrounded value: 64.5 is
        "about 6 in 10" (64.5 / 10 = 6.45), not 65 and then 7."""
        if self.exact >= 95:
            return "nearly all"
        if self.exact >= 10:
            return f"about {round_half_up(self.exact / 10)} in 10"
        return f"about {round_half_up(self.exact)} in 100"

    @property
    def age_words(self) -> str:
        if self.age > 80:
            return "80 or over"
        return str(self.table_age)


@lru_cache(maxsize=1)
def table() -> dict:
    return knowledge.load().prevalence


def has_figure(concept: str) -> bool:
    return concept in table()["rows"]


def figure(concept: str, age: int | None) -> Figure | str:
    """The figure, or the reason there is none ("unknown_age", "under_18", "no_data_40")."""
    rows = table()["rows"]
    if concept not in rows:
        raise KeyError(concept)
    if age is None:
        return "unknown_age"
    if age < 18:
        return "under_18"
    row = rows[concept]
    if age < row.get("min_age", 18):
        return "no_data_40"
    ages = table()["ages"]
    used = min(max(age, ages[0]), ages[-1])
    percents = row["percent"]
    for i in range(len(ages) - 1):
        lo, hi = ages[i], ages[i + 1]
        if lo <= used <= hi:
            share = (used - lo) / (hi - lo)
            value = percents[i] + (percents[i + 1] - percents[i]) * share
            value = round(value, 6)
            return Figure(concept, age, used, round_half_up(value), value)
    raise AssertionError("age outside the table after clamping")  # pragma: no cover
