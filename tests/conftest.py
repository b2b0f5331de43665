import pytest
from django.test import TransactionTestCase


def pytest_collection_modifyitems(items):
    """Mark every database-backed test `db`, so .ci/run can run them again on PostgreSQL."""
    for item in items:
        cls = getattr(item, "cls", None)
        uses_db = (cls is not None and issubclass(cls, TransactionTestCase)) or any(
            fixture in getattr(item, "fixturenames", ())
            for fixture in ("db", "transactional_db", "live_server", "django_db_setup")
        )
        if uses_db or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.db)
