"""Unattributed criminal violence, named as ACLED names it where it codes gang violence.

ACLED's Latin America and Caribbean coverage records organised criminal violence: a killing whose
perpetrator the report does not name is "Unidentified Gang (<Country>)" when the report ties it to
gangs or organised crime, not "Unidentified Armed Group". Two kinds of wording tie it:
- the perpetrators named as criminals ("gang members", "a criminal group", "rival cartels", "a
  drug-trafficking dispute"): a gang;
- the hallmarks of a gang killing without a named gang (a drive-by shooting, a body found bound,
  tortured or dismembered, a link to drug trafficking): a gang as well, except where the catalogue
  says who else commits such killings there (Brazil's police militias, "milícias", which ACLED
  codes jointly: "Unidentified Gang and/or Police Militia").
The countries and the joint actors are data (actors.json, `gang_violence`)."""

from __future__ import annotations

import re

from frontlines.extract.actors import Actor, ActorCatalogue

# The perpetrators named as criminals.
_GANG = re.compile(
    r"\b(?:gangs|gang (?:members?|rivalry|violence|war|dispute)|(?:by|between) (?:\w+ )?gangs?|"
    r"gangsters?|cartels?|criminal (?:groups?|gangs?|organi[sz]ations?|cells?)|"
    r"organi[sz]ed crime|drug[- ]trafficking (?:\w+ )?(?:dispute|war|rivalry)|sicarios?|"
    r"hitm[ae]n)\b",
    re.IGNORECASE)
# The hallmarks of a gang killing, with no gang named.
_HALLMARK = re.compile(
    r"\b(?:drive-by|(?:hands?|feet|legs|arms)(?: and (?:hands?|feet|legs|arms))? "
    r"(?:were |was )?tied|tied (?:up|hands)|bound|signs of (?:torture|violence)|tortured|"
    r"dismembered|decapitated|beheaded|mutilated|human remains|(?:human )?head was found|"
    r"drug[- ]traffick\w*|drug dealers?)\b",
    re.IGNORECASE)


def gang_actor(text: str, catalogue: ActorCatalogue, country: str | None) -> Actor | None:
    """The gang an unattributed attack told in `text` is ACLED's, where `country` is one whose
    criminal violence ACLED codes as gangs and the text ties the attack to organised crime;
    None otherwise (the attacker stays an unidentified armed group)."""
    code = (country or "").upper()
    if code not in catalogue.gang_countries:
        return None
    if _GANG.search(text):
        return catalogue.generic("unidentified-gang", code)
    if _HALLMARK.search(text):
        joint = catalogue.gang_hallmark_actors.get(code)
        return catalogue.actors[joint] if joint else catalogue.generic("unidentified-gang", code)
    return None
