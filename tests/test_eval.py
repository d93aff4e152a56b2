"""`frontlines eval`: scores on a file we write, and a quality gate on the shared ACLED export."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from frontlines.evaluate.acled_notes import evaluate_acled_notes
from frontlines.evaluate.fakes import _event_date, _perpetrator_class, evaluate_fakes
from frontlines.evaluate.scores import label_scores, weighted_f1

from .conftest import EVAL

ACLED_2020 = EVAL / "acled_2020" / "acled_2020.csv"
FAKES_DEV = EVAL / "fakes" / "fakes_dev.csv"

# Pinned from the last run; raise them as the classifier improves, never lower them. A single
# flipped row moves accuracy by 0.0002 on 5,071 rows: the margin absorbs no more than that.
# Lowered once, on purpose: letting a generic lede ("killed", "attack") yield to the next sentence's
# weapon raised FA-KES cause -> sub-type from 0.673 to 0.809 and cost ten ACLED notes (0.818 -> 0.816).
# Re-pinned once when the measure changed: ACLED rows are now scored on the first event that
# `extract_mentions` returns (the product's own output) instead of on the readers applied to the
# whole note; its toll is the event's, not the note's first count (0.906 -> 0.900). The FA-KES
# lede readers lost 0.005 of actor class when civilians stopped being read as initiators.
# Lowered once more, on purpose: "established control over" (state media's way of telling a
# capture) now triggers a capture, and one FA-KES article about a gas attack opens with the army
# establishing control of a town (cause 0.8088 -> 0.8065, target 0.80).
# Fatalities 0.9012 -> 0.9010 (one row) when "police forces" stopped counting as two armed sides:
# a killing by security forces is now an attack, and the note's closing "1 fatality" goes to the
# background clashes its last sentence tells (a grouping limit), not to the attack.
# Raised when raids and arson on property that harm no one became Looting/property destruction
# and a protest's grievance told before it ("families who say their children were kidnapped")
# stopped being an event: event_type 0.9182 -> 0.9241, sub-type wF1 0.8971 -> 0.9029.
# Place 0.801 -> 0.809 when a capital's name in brackets was read as its province too ("La Plata
# (Buenos Aires)"), a town in brackets after a capital as a part of it ("Panama City (Bella
# Vista)"), names kept their small joining words ("Amatlan de los Reyes", "Kut e Abdollah",
# "Mar del Plata") and a site, a ward or the town hall led to its town ("the main bus station of
# Warri", "Ward No. 10 of Siliguri", "the Municipality of Chlef"); then 0.809 -> 0.812 when a
# name with its division needed no preposition ("On 28 April 2020, Carora, Lara state, ...") and
# "police station" and "town center" stood between a place and its division. Event type 0.9241 ->
# 0.9251 and sub-type wF1 0.9029 -> 0.9032 when a stray bullet that hit someone, a crowd dispersed,
# a gathering that condemned or commemorated, and property burnt or set alight became events.
# Place 0.8125 -> 0.8163 when a name written twice took the province told with it once, a list
# ending in "and" stopped being a chain of containers, a town's possessive held its square, a
# division word picked the division over the capital of its name, "(UP)" named a state, and
# "Arnissa of Pella" was read as a village with its regional unit; then 0.8163 -> 0.8178 with
# explosions told with an aside, an office named with its town, a sector's number before its
# divisions. Fatalities 0.9016 -> 0.9038 when counts joined by "and" became one toll; sub-type
# wF1 0.9038 -> 0.9054 when "protesting citizens" stopped being read as a grievance and arrests
# or beatings told after a protest became how it was met; then 0.9054 -> 0.9064 and actor1
# 0.8176 -> 0.8188 when a named rebel group's arrests became abductions and a dismantled drug lab
# property destruction (fatalities 0.9038 -> 0.9036, one row whose toll moved with its event).
GATE = {"event_type_accuracy": 0.926, "sub_event_type_weighted_f1": 0.906, "actor1_accuracy": 0.818,
        "fatalities_exact": 0.903, "place_within_25km": 0.818}
# Date 0.697 -> 0.711 when a photo caption's date or the onset of what goes on ("since
# Tuesday") stopped dating the lede; actor class 0.674 -> 0.703 when a counted group stopped
# being read as the attacker, an actor outside the seven classes stopped settling the class,
# Kurdish forces became the Self Administration's and pro-government militias the government's.
# Then 0.703 -> 0.750 when a speaker ("X said that ...", "a source at the Police Command")
# stopped being read as the attacker and a lede without the author yields to the two sentences
# after it.
# Date 0.711 -> 0.715 when a day written with its year in the lede (a caption's) stopped
# dating the news.
# Associated actors (micro-averaged over the names of assoc_actor_1 and assoc_actor_2): a first
# reading of social groups gave precision 0.824, F1 0.390; occupations ACLED codes as Labour
# Group, kin kept apart, health workers by where they work: 0.903, 0.466; units of a force
# (the Donbass People's Militia as NAF's): 0.913, 0.513.
# Actor class 0.759 -> 0.784 when possessives that lost their apostrophe ("al-Assads forces")
# and the first of a pair of adjectives ("Russian and Syrian air forces") named their state,
# a headline's "<group> Commander Killed" stopped making the group the killer, and Turkey's
# and France's forces joined the coalition's class, as VDC files them, and a count after a
# year stopped being read as a date's day.
# Then 0.783 -> 0.800 when the author a later sentence names counts ("the strike was believed to
# have been carried out by Russian planes", "blamed the attack on Syrian President Bashar Assad",
# "the regime was behind"), "Russian planes" named their state and so did the first adjective of
# "either Russian or Syrian government planes". Cause 0.818 -> 0.816 (one row): a headline's
# "Syrian Army Regains Several Towns" is now a change of territory, not the blast FA-KES codes.
# Deaths 0.732 -> 0.740 and cause 0.816 -> 0.820 when counts joined by "and" became one toll
# ("killed 12 soldiers and three civilians").
ASSOCIATES_GATE = {"precision": 0.91, "f1": 0.51}
FAKES_GATE = {"death_count_exact": 0.739, "date_within_a_day": 0.715, "cause_to_sub_event_type": 0.819,
              "actor_class": 0.799}
# Governorate moved 0.590 -> 0.588 (one row) when "fell to" stopped reading "fell to a record
# low" as a capture: the first extracted event of an article changed, and the date rose with it.
# And 0.588 -> 0.585 (one row) when "killed in an explosion" became a trigger of its own: the
# lede of an article on a blast in Qardaha is now an IED event by itself, and its place is told
# only in a later sentence, which now makes a second event (the type was right before and after).
# Then 0.585 -> 0.872 when events told only of their country were placed at the town the article
# names next (geo/events).
# Lowered on purpose when places learned ACLED's and local news' ways of naming them (divisions
# in brackets, "al-" in small letters, "attacked X (LGA, State)", "raids on X"): governorate rose
# 0.874 -> 0.888 and ACLED's place 0.770 -> 0.794, while a village now read beside its province
# ("sorties on al-Husseiniyeh village", "the al-Meridian neighbourhood") splits a few FA-KES
# ledes into two events and the first of them is not the one FA-KES codes (death count
# 0.6412 -> 0.6392, one row; cause 0.7535 -> 0.7465, three rows). The article-level figures
# above are unchanged.
# Then places learned who holds them and their sides ("in rebel-held Aleppo", "in the east of
# Hays city"): governorate 0.888 -> 0.893, ACLED's place 0.794 -> 0.798, cause 0.749 -> 0.751;
# then 0.798 -> 0.800 when a village namesake far from the town a sentence began with gave way
# to that town ("in Cuenca, Azuay, ... in Calderon"). One lede's toll of a day in Aleppo (45)
# now joins the air strike its next sentence places in an Aleppo district (12 killed), which
# FA-KES does not count as one (death count 0.639 -> 0.637, one row).
# Then 0.903 -> 0.922 with conflict regions filed under their province (Qalamoun, the Golan
# Heights), the article fused with its word ("Deir Ezzor"), vowel-initial respellings (Efrin),
# epithets ("Syria's oil-rich Deir Ezzor province"), one place per name in an article, and "the
# Syrian capital" as a place the article names.
# Actor class lowered on purpose, 0.674 -> 0.670: "held" stopped being read as a blame ("rebel-held
# parts of Syria's Aleppo province" had named Syria's forces as who was blamed), which had given
# the government's class by chance to a few ledes that name no attacker.
# Raised to 0.686 when the doer named in a retelling of the event became actor1 (0.670 -> 0.687),
# then to 0.688 when a weapon's object and a site's force stopped being read as the attacker.
FAKES_EXTRACTED_GATE = {"death_count_exact": 0.648, "date_within_a_day": 0.721,
                        "cause_to_sub_event_type": 0.755, "actor_class": 0.688,
                        "governorate": 0.921}


def test_scores_by_hand() -> None:
    scores = {s.label: s for s in label_scores(["a", "a", "b", "b"], ["a", "b", "b", "b"])}
    assert (scores["a"].precision, scores["a"].recall) == (1.0, 0.5)
    assert (scores["b"].precision, scores["b"].recall) == (2 / 3, 1.0)
    assert weighted_f1(list(scores.values())) == pytest.approx((2 / 3 + 0.8) / 2)


def test_eval_acled_on_our_own_rows(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_date", "event_type", "sub_event_type", "notes"])
        writer.writerow(["1", "Battles", "Armed clash", "Troops clashed with rebels near the dam."])
        writer.writerow(["2", "Protests", "Peaceful protest", "Teachers protested over unpaid wages."])
        writer.writerow(["3", "Riots", "Mob violence", "Villagers lynched a suspected thief."])
        writer.writerow(["4", "Strategic developments", "Other", "The governor visited the town."])
    report = evaluate_acled_notes(path)
    assert report.rows == 4
    assert report.event_type_accuracy == 0.75
    assert report.event_type_confusion["Strategic developments"] == {"(none)": 1}
    out = subprocess.run([sys.executable, "-m", "frontlines", "eval", "acled", str(path), "--json"],
                         capture_output=True, check=True)
    assert json.loads(out.stdout)["rows"] == 4


def test_eval_acled_refuses_a_file_without_notes(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n")
    result = subprocess.run([sys.executable, "-m", "frontlines", "eval", "acled", str(path)],
                            capture_output=True)
    assert result.returncode == 1 and b"lacks the column" in result.stderr


@pytest.mark.skipif(not ACLED_2020.exists(), reason="evaluation data is not beside the checkout")
def test_quality_gate_acled_2020() -> None:
    report = evaluate_acled_notes(ACLED_2020).to_json()
    for measure, floor in GATE.items():
        assert report[measure] >= floor, f"{measure} fell to {report[measure]} (gate {floor})"
    for measure, floor in ASSOCIATES_GATE.items():
        value = report["associated_actors"][measure]
        assert value >= floor, f"associated actors' {measure} fell to {value} (gate {floor})"


def test_eval_fakes_on_our_own_rows(tmp_path: Path) -> None:
    path = tmp_path / "fakes.csv"
    fields = ["article_content", "date", "cause_of_death", "nb_civilians", "nb_noncivilians",
              "location"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerow({"article_content": "Sun 10 Jul 2016 Shelling kills 7 in Aleppo. Government "
                         "shelling killed seven civilians on Saturday, a monitor said.",
                         "date": "7/9/16", "cause_of_death": "shelling", "nb_civilians": "7",
                         "nb_noncivilians": "0", "location": "aleppo"})
        writer.writerow({"article_content": "Mon 11 Jul 2016 Car bomb in Azaz. A car bomb killed "
                         "12 people in Azaz on Monday.", "date": "7/11/16",
                         "cause_of_death": "explosion", "nb_civilians": "10",
                         "nb_noncivilians": "3", "location": "aleppo"})
    report = evaluate_fakes(path).to_json()
    extracted = report.pop("as_extracted")
    assert report == {"rows": 2, "death_count_exact": 0.5, "date_within_a_day": 1.0,
                      "cause_to_sub_event_type": 1.0, "cause_rows": 2, "actor_class": 0.0}
    # The first event is the title's, in Aleppo. Azaz is in Aleppo governorate: a short name
    # that only respells GeoNames' (A'zāz), trusted because the article is about Syria.
    assert extracted == {"death_count_exact": 0.5, "date_within_a_day": 1.0,
                         "cause_to_sub_event_type": 1.0, "actor_class": 0.0, "governorate": 1.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sun 10 Jul 2016 Shelling kills 7 in Aleppo. Shelling killed seven people on Saturday.",
         dt.date(2016, 7, 9)),
        # A caption's date, written with its year, dates the picture, not the news.
        ("Tue 9 Aug 2016 Five killed in Idlib blast. Rescuers search a clinic hit in Idlib Syria "
         "August 2 2016.", dt.date(2016, 8, 9)),
        ("Tue 9 Aug 2016 A man runs past a burning car in Idlib on Sunday (AFP photo) Five "
         "people were killed in a blast.", dt.date(2016, 8, 9)),
        # The onset of a campaign is not the day of the toll reported.
        ("Mon 21 Nov 2016 Over 500 killed in a week. Over 500 people have been killed in the "
         "bombing campaign on the city since Tuesday.", dt.date(2016, 11, 21)),
    ],
)
def test_fakes_event_date(text: str, expected: dt.date) -> None:
    assert _event_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A headline's count before its verb says these are the dead, not who killed them.
        ("Tue 5 Jul 2016 40 Militants Killed in Clashes with Syrian Army near Palmyra. Fighting "
         "went on for a third day.", "syrian government or russian troops"),
        # Kurdish forces in Syria's war are the Self Administration's.
        ("Sat 13 Dec 2014 Kurdish forces kill 16 IS fighters near Hasakeh. The fighters died in "
         "an ambush.", "self administration forces"),
        # A role word names no class; the lede's next event names who acted.
        ("Thu 7 Jul 2016 An attack by terrorists on an army post in Qalamoun was repelled. Syrian "
         "troops killed two of the attackers.", "syrian government or russian troops"),
        # The militias that fight for the government count with it.
        ("Thu 26 May 2016 Hezbollah fighters killed 23 Nusra Front militants near Khan Touman.",
         "syrian government or russian troops"),
        ("Sun 3 Jul 2016 An air strike killed nine civilians in Idlib on Sunday.", "unknown"),
        # Who says it is not who did it.
        ("Sun 2 Apr 2017 Rebel commanders said on Sunday that Russian jets hit an outpost in "
         "Idlib, killing a fighter.", "syrian government or russian troops"),
        ("Mon 3 Oct 2016 Shells kill two in Aleppo. A source at Aleppo Police Command said that "
         "Jaish al-Islam fired rocket shells at the district.", "armed opposition groups"),
        # A name before a facility labels a place.
        ("Mon 2 Oct 2017 Suicide bombers struck a police station in Damascus on Monday, killing "
         "17.", "unknown"),
        # A lede that tells the toll alone leaves its author to the sentences after it.
        ("Sat 8 Apr 2017 Air strikes kill 18 in Idlib. An air strike killed 18 civilians in "
         "Idlib on Saturday, a monitor said. The monitor said the raid was carried out by "
         "Russian jets.", "syrian government or russian troops"),
        # A headline's "<group> Commander Killed" is the group's dead, not its deed.
        ("Thu 30 Jul 2015 Nusra Front Commander Killed in Lattakia. The Syrian army killed the "
         "commander in heavy clashes on Wednesday.", "syrian government or russian troops"),
        # A count after the dateline's year is the dead, not a day.
        ("Thu Dec 29 2016 50 ISIS Terrorists Killed in Army Operations in Homs. The Syrian army "
         "targeted ISIS positions near Palmyra.", "syrian government or russian troops"),
        # Turkey's forces count with the coalition, as VDC files them.
        ("Sun 28 Aug 2016 Turkish shelling and air strikes killed at least 20 civilians near "
         "Jarablus on Sunday.", "international coalition forces"),
    ],
)
def test_fakes_perpetrator_class(text: str, expected: str) -> None:
    assert _perpetrator_class(text) == expected


def test_fakes_a_name_before_territory_is_not_the_actor() -> None:
    text = "Thu 16 Jul 2015 Eleven civilians were killed in an IS town in Raqqa by barrel bombs."
    assert _perpetrator_class(text) != "the organization of the islamic state in iraq and the levant - isis"


@pytest.mark.skipif(not FAKES_DEV.exists(), reason="evaluation data is not beside the checkout")
def test_quality_gate_fakes_dev() -> None:
    report = evaluate_fakes(FAKES_DEV).to_json()
    for measure, floor in FAKES_GATE.items():
        assert report[measure] >= floor, f"{measure} fell to {report[measure]} (gate {floor})"
    for measure, floor in FAKES_EXTRACTED_GATE.items():
        got = report["as_extracted"][measure]
        assert got >= floor, f"as extracted, {measure} fell to {got} (gate {floor})"
