"""actor1: protesters and rioters by ACLED's convention, else the actor before the trigger."""

from __future__ import annotations

import pytest

from frontlines.extract.actors import load_catalogue
from frontlines.extract.classify import classify
from frontlines.extract.roles import initiator


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Teachers protested over unpaid wages in Lahore.", "PK", "Protesters (Pakistan)"),
        ("Youths threw stones at police during a protest in Beirut.", "LB", "Rioters (Lebanon)"),
        ("Villagers beat up two men they suspected of stealing cattle.", "IN", "Rioters (India)"),
        ("Four policemen were killed and five were missing following an attack by suspected "
         "Taliban militants on a checkpoint.", "AF", "Taliban"),
        ("Syrian army troops recaptured Palmyra from Islamic State.", "SY", "Military Forces of Syria"),
        ("A village was attacked by al-Shabaab militants.", "SO", "Al Shabaab"),
        ("Gunmen killed three farmers.", "NG", "Unidentified Armed Group (Nigeria)"),
        ("Three farmers were killed.", "NG", "Unidentified Armed Group (Nigeria)"),
        ("The governor visited the market.", "NG", None),
        # The attacker named on the weapon, even in a passive that names the victims first.
        ("Twelve civilians were killed by Syrian regime airstrikes on Douma.", "SY",
         "Military Forces of Syria"),
        ("A Russian airstrike killed 38 civilians near the river.", "SY", "Military Forces of Russia"),
        ("Five people died in Israeli fire near the fence.", "PS", "Military Forces of Israel"),
        ("U.S. air strikes hit a training camp.", "SY", "Military Forces of the United States"),
        # A target or a territory label is not who acted.
        ("Shelling on army positions near Idlib wounded two people.", "SY",
         "Unidentified Armed Group (Syria)"),
        ("Shelling of IS-held villages killed ten people.", "IQ", "Unidentified Armed Group (Iraq)"),
        # Who planted the weapon used it, though the sentence opens with its victims.
        ("Two border guards were wounded by a Taliban-planted landmine near Spin Boldak.", "AF",
         "Taliban"),
        ("Army engineers were hit by an IS-laid landmine outside Hawija.", "IQ", "Islamic State (Iraq)"),
        # "IS" opening a clause is the group, not the auxiliary "is" of a passive.
        ("On Sunday IS attacked an army checkpoint near Palmyra.", "SY", "Islamic State (Syria)"),
    ],
)
def test_initiator(text: str, country: str, expected: str | None) -> None:
    assert initiator(text, classify(text), load_catalogue(), country) == expected
