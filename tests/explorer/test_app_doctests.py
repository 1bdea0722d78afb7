"""Run the doctests of the explorer's helper modules (explorer/ is not in pytest's testpaths,
because its page scripts run Streamlit code on import)."""
import doctest

import pytest

from explorer import data, i18n


@pytest.mark.parametrize("module", [data, i18n], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
