"""The outlet's region, as evidence for resolving place names: a Canadian paper's "London" is
more often London, Ontario than an English reader's, and a British paper's "Newport" is in Wales.

The evidence is the country-code top-level domain of the article's address (cbc.ca, abc.net.au,
independent.co.uk): an outlet registers under its own country's domain far more often than under
another's. Country codes sold worldwide as generic names (.io, .tv, .co, .me, .ly for short links)
say nothing about the outlet and are left out; so are generic domains (.com, .org, .news).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pycountry

# Country codes that outlets anywhere register for their letters, not their country.
_GENERIC_USE = frozenset({"ai", "am", "cc", "co", "fm", "gg", "im", "io", "ly", "me", "ms", "nu",
                          "sh", "st", "tk", "to", "tv", "vc", "ws"})
_OTHER_NAMES = {"uk": "GB"}  # the United Kingdom's domain is not its ISO code


def outlet_country(address: str | None) -> str | None:
    """ISO alpha-2 of the country whose domain an article's address (a URL or a bare host name)
    is under, if it is a country's domain."""
    if not address:
        return None
    address = address.strip()
    host = urlsplit(address if "//" in address else "//" + address).hostname or ""
    suffix = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if len(suffix) != 2 or suffix in _GENERIC_USE:
        return None
    code = _OTHER_NAMES.get(suffix, suffix.upper())
    return code if pycountry.countries.get(alpha_2=code) is not None else None
