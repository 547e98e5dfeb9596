"""The alias file's wrong relations and the spreadsheet guard on its cells (no model needed)."""
from __future__ import annotations

import csv
import io

import pytest

from graph.aliases import WrongRelation, load_aliases
from graph.errors import UsageError
from graph.spreadsheet import guard, unguard

HEADER = "alias,canonical,type,never_merge_with,reject,wrong_relation,patient\n"


def write(tmp_path, text: str, name: str = "aliases.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wrong_relation_rows_beside_the_other_corrections(tmp_path):
    path = write(tmp_path, HEADER
                 + "Kremlin,Russia,GPE,,,,\n"
                 + "Donald Trump,,,,,meet,Vladimir Putin\n"
                 + "NATO,,,,,Not  Aid,Germany\n"
                 + "Alps,,,,yes,,\n")
    aliases = load_aliases(path)
    assert aliases.wrong_relations == (WrongRelation("Donald Trump", "meet", "Vladimir Putin"),
                                       WrongRelation("NATO", "not aid", "Germany"))
    assert [(r.alias, r.canonical) for r in aliases.rules] == [("Kremlin", "Russia")]
    assert aliases.rejected == ("Alps",)


def test_a_file_of_the_old_five_columns_still_reads(tmp_path):
    aliases = load_aliases(write(tmp_path, "alias,canonical,type,never_merge_with,reject\nPOTUS,Donald Trump,,,\n"))
    assert aliases.wrong_relations == () and aliases.rules[0].canonical == "Donald Trump"


@pytest.mark.parametrize("row, message", [
    ("Donald Trump,,,,,meet,\n", r"aliases.csv:2: a wrong relation needs both wrong_relation .* and patient"),
    ("Donald Trump,,,,,,Vladimir Putin\n", r"aliases.csv:2: a wrong relation needs both"),
    (",,,,,meet,Vladimir Putin\n", r"aliases.csv:2: empty alias"),
    ("Donald Trump,,,,,,\n", r"aliases.csv:2: give a canonical name, .* or a wrong_relation and patient"),
])
def test_malformed_wrong_relation_rows_are_one_line_errors(tmp_path, row, message):
    with pytest.raises(UsageError, match=message) as caught:
        load_aliases(write(tmp_path, HEADER + row))
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_utf8_is_a_usage_error(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_bytes(HEADER.encode() + b"Caf\xe9,,,,,meet,X\n")
    with pytest.raises(UsageError, match="not UTF-8"):
        load_aliases(path)


def test_wrong_relations_in_yaml(tmp_path):
    path = write(tmp_path, "wrong_relations:\n  - [Donald Trump, meet, Vladimir Putin]\n", "aliases.yaml")
    assert load_aliases(path).wrong_relations == (WrongRelation("Donald Trump", "meet", "Vladimir Putin"),)
    bad = write(tmp_path, "wrong_relations:\n  - [Donald Trump, meet]\n", "bad.yaml")
    with pytest.raises(UsageError, match=r"\[agent, predicate, patient\]"):
        load_aliases(bad)


@pytest.mark.parametrize("text, guarded", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("'=1", "''=1"),  # a name that starts with '= itself keeps its quote through the round trip
    ("Donald Trump", "Donald Trump"), ("O'Brien", "O'Brien"), ("'t Hooft", "'t Hooft"), ("", ""), ("a=b", "a=b"),
])
def test_guard_and_unguard_are_inverse(text, guarded):
    assert guard(text) == guarded
    assert unguard(guard(text)) == text


def test_guarded_names_round_trip_through_the_alias_file(tmp_path):
    """An alias file written with the guard (as graph.html and possible_duplicates.csv write it)
    gives back the names themselves."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER.strip().split(","))
    writer.writerow([guard("@realDonaldTrump"), guard("Donald Trump"), "PERSON", "", "", "", ""])
    writer.writerow([guard("=cmd|' /C calc'!A0"), "", "", "", "", "meet", guard("-Minus Corp")])
    writer.writerow([guard("+Plus"), "", "", guard("'=Quoted"), "", "", ""])
    aliases = load_aliases(write(tmp_path, out.getvalue()))
    assert [(r.alias, r.canonical) for r in aliases.rules] == [("@realDonaldTrump", "Donald Trump")]
    assert aliases.wrong_relations == (WrongRelation("=cmd|' /C calc'!A0", "meet", "-Minus Corp"),)
    assert aliases.never_merge == (("+Plus", "'=Quoted"),)
