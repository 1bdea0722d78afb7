"""Run the doctests of the explorer's helper modules (explorer/ is not in pytest's testpaths,
because its page scripts run Streamlit code on import)."""
import doctest

import pytest

from explorer import findings, graphview, i18n, text, ui, uploads


@pytest.mark.parametrize("module", [findings, graphview, i18n, text, ui, uploads], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
