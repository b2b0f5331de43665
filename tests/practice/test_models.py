"""Clinicians' identifiers as the practice's systems use them."""

import pytest
from django.core.exceptions import ValidationError

from lbpreports.practice.models import validate_provider_number
from lbpreports.reports.models import validate_ihi, validate_medicare


@pytest.mark.parametrize("number", ["2054781W", "0123456J", "205478AY"])
def test_a_provider_number_is_a_stem_a_location_and_a_check_letter(number):
    validate_provider_number(number)


@pytest.mark.parametrize("number", ["", "2054781", "20547812", "2054781I", "ABCDEFGH"])
def test_anything_else_is_not_a_provider_number(number):
    with pytest.raises(ValidationError):
        validate_provider_number(number)


@pytest.mark.parametrize("number", ["2123456701", "21234567012", "2123 45670 1"])
def test_a_medicare_number_passes_its_check_digit(number):
    validate_medicare(number)


@pytest.mark.parametrize("number", ["2123456711", "1123456701", "212345670", "21234567010"])
def test_a_medicare_number_with_a_wrong_digit_length_or_irn_is_refused(number):
    with pytest.raises(ValidationError):
        validate_medicare(number)


def test_an_ihi_passes_luhn_and_its_prefix():
    validate_ihi("8003609900000017")
    for wrong in ("8003609900000016", "8003619900000017", "800360990000001"):
        with pytest.raises(ValidationError):
            validate_ihi(wrong)
