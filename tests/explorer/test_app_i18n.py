"""The string table: every entry in both languages, same placeholders."""
import re

from explorer.i18n import STRINGS, t


def test_every_string_has_both_languages_and_same_fields():
    for key, (vi, en) in STRINGS.items():
        assert vi and en, key
        assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", en)), key


def test_missing_key_shows_the_key():
    assert t("no.such.key", lang="en") == "no.such.key"
