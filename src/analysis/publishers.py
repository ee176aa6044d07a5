"""Who published each source: the one place a source address becomes a publisher's name.

The events table cites sources by address. Readers weigh a source by who
published it ("TASS", "Associated Press"), not by its host name
(``www.trtworld.com:443``), so the package carries a ``publishers`` table
(``data/authored/publishers.csv``) keyed by the *normalised host* of an
address: lower case, without ``www.``, port or trailing dot. The ingest checks
that every event's source host has a row there, and the book's event tables
show the publisher's name; both normalise with :func:`source_host`.

Examples
--------
>>> source_host("https://www.trtworld.com:443/article/a3e4c7aea6f1")
'trtworld.com'
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import pandas as pd

#: URL schemes a source address may use.
WEB_SCHEMES: tuple[str, ...] = ("http", "https")

#: The kinds of publisher, in order of the weight their word usually carries.
KINDS: tuple[str, ...] = (
    "official record",
    "wire service or newspaper of record",
    "research institute or reference work",
    "state media of a party",
    "aggregator or blog",
)


def normalise_host(host: str) -> str:
    """Return a host name as the publishers table keys it.

    Lower case, without a port, a trailing dot (the DNS root) or a leading
    ``www.``; other subdomains are kept (``articles.latimes.com``).

    Examples
    --------
    >>> normalise_host("WWW.TrtWorld.com:443")
    'trtworld.com'
    >>> normalise_host("web.archive.org.")
    'web.archive.org'
    >>> normalise_host("news.bbc.co.uk")
    'news.bbc.co.uk'
    """
    name = host.strip().lower()
    name = name.rsplit("@", 1)[-1]  # drop any user information
    if name.startswith("["):  # an IPv6 literal keeps its colons
        name = name.split("]", 1)[0] + "]"
    else:
        name = name.split(":", 1)[0]
    name = name.rstrip(".")
    return name[4:] if name.startswith("www.") else name


def source_host(url: str) -> str:
    """Return the normalised host of a source address.

    Raises
    ------
    ValueError
        If the address is not an http(s) URL with a host.

    Examples
    --------
    >>> source_host("http://web.archive.org./web/2015/https://en.wikipedia.org/wiki/X")
    'web.archive.org'
    >>> source_host("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    ValueError: source address 'javascript:alert(1)' is not an http(s) URL with a host
    """
    parts = urlsplit(str(url).strip())
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        raise ValueError(f"source address {url!r} is not an http(s) URL with a host")
    return normalise_host(parts.netloc)


def publisher_names(publishers: pd.DataFrame) -> dict[str, str]:
    """Return ``host -> publisher`` from the package's ``publishers`` table.

    Examples
    --------
    >>> publisher_names(pd.DataFrame({"host": ["tass.com"], "publisher": ["TASS"]}))
    {'tass.com': 'TASS'}
    """
    return {str(h): str(p) for h, p in zip(publishers["host"], publishers["publisher"], strict=True)}


def source_links(urls: Iterable[object], names: dict[str, str]) -> list[tuple[str, str]]:
    """Return ``(publisher, address)`` for each given source address, skipping empty ones.

    ``names`` is :func:`publisher_names` of the package.

    Raises
    ------
    ValueError
        If an address is not an http(s) URL, or its host has no publisher
        (naming the host).

    Examples
    --------
    >>> names = {"tass.com": "TASS", "apnews.com": "Associated Press"}
    >>> source_links(["https://tass.com/world/1", None, "https://www.apnews.com/x"], names)
    [('TASS', 'https://tass.com/world/1'), ('Associated Press', 'https://www.apnews.com/x')]
    >>> source_links(["https://example.org/a"], names)
    Traceback (most recent call last):
    ...
    ValueError: no publisher for host 'example.org' (add it to the publishers table)
    """
    links = []
    for url in urls:
        if url is None or (not isinstance(url, str) and pd.isna(url)) or not str(url).strip():
            continue
        host = source_host(str(url))
        if host not in names:
            raise ValueError(f"no publisher for host {host!r} (add it to the publishers table)")
        links.append((names[host], str(url).strip()))
    return links
