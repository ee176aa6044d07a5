"""Who published each source: the one place a source address becomes a publisher's name.

The ``event_sources`` table cites each event's sources by address. Readers
weigh a source by who published it ("TASS", "Associated Press"), not by its
host name (``www.trtworld.com``), so the package carries a ``publishers``
table (``data/authored/publishers.csv``) keyed by the *normalised host* of an
address (lower case, without ``www.``, port or trailing dot), with the
publisher's name and kind: the one place a source's kind is kept. The ingest
checks that every source address is written in normal form
(:func:`url_problem`) and that its host has a row there; the book's event
tables and the timeline's tooltip show the publisher's name
(:func:`cited_sources`, :func:`source_label`).

Examples
--------
>>> source_host("https://www.trtworld.com:443/article/a3e4c7aea6f1")
'trtworld.com'
"""

from __future__ import annotations

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


#: Ports a source address must not spell out: the scheme's default.
DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}


def url_problem(url: str) -> str | None:
    """Return what keeps a source address from its normal form, or ``None`` if it is fine.

    Normal form: an ``http`` or ``https`` address with a host, written in
    lower case, without user information, the scheme's default port
    (``:443``, ``:80``), a trailing dot after the host or white space.

    Examples
    --------
    >>> url_problem("https://www.tass.com/world/1") is None
    True
    >>> url_problem("https://www.trtworld.com:443/article/x")
    "the default port ':443' is spelled out; drop it"
    >>> url_problem("http://web.archive.org./web/1")
    "the host 'web.archive.org.' ends in a dot; drop it"
    >>> url_problem("ftp://example.org/a")
    'not an http(s) address with a host'
    """
    text = str(url)
    if text != text.strip() or any(c.isspace() for c in text):
        return "the address holds white space"
    parts = urlsplit(text)
    if parts.scheme not in WEB_SCHEMES or not parts.hostname:
        return "not an http(s) address with a host"
    netloc = parts.netloc
    if "@" in netloc:
        return "the address holds user information; drop it"
    host, _, port = netloc.partition(":")
    if port and port == str(DEFAULT_PORTS[parts.scheme]):
        return f"the default port ':{port}' is spelled out; drop it"
    if host.endswith("."):
        return f"the host {host!r} ends in a dot; drop it"
    if host != host.lower():
        return f"the host {host!r} is not in lower case"
    return None


def cited_sources(event_sources: pd.DataFrame, publishers: pd.DataFrame) -> pd.DataFrame:
    """Return every source row with its publisher's name and kind, its origin and its label.

    ``event_sources`` needs ``event_id``, ``rank``, ``url`` and
    ``original_publisher`` (``host`` is computed from ``url`` when absent);
    ``publishers`` needs ``host``, ``publisher`` and ``kind``. The result adds
    ``publisher``, ``kind``, ``origin`` (who wrote the report: the original
    publisher of a copy, otherwise the publisher) and ``label`` (see
    :func:`source_label`), sorted by event and rank.

    Raises
    ------
    ValueError
        If an address is not http(s) or its host has no publisher (naming it).

    Examples
    --------
    >>> sources = pd.DataFrame({"event_id": ["E1"], "rank": [1],
    ...     "url": ["https://www.foxnews.com/world/x"], "original_publisher": ["Associated Press"]})
    >>> publishers = pd.DataFrame({"host": ["foxnews.com"], "publisher": ["Fox News"],
    ...     "kind": ["wire service or newspaper of record"]})
    >>> cited_sources(sources, publishers)[["publisher", "origin", "label"]].iloc[0].tolist()
    ['Fox News', 'Associated Press', 'Fox News (Associated Press)']
    """
    rows = event_sources.copy()
    if "host" not in rows.columns:
        rows["host"] = [source_host(str(u)) for u in rows["url"]]
    lookup = publishers.set_index("host")[["publisher", "kind"]]
    unknown = sorted(set(rows["host"]) - set(lookup.index))
    if unknown:
        raise ValueError(f"no publisher for hosts {unknown} (add them to the publishers table)")
    rows = rows.join(lookup, on="host")
    original = [None if pd.isna(o) or not str(o).strip() else str(o) for o in rows["original_publisher"]]
    rows["origin"] = [o or str(p) for o, p in zip(original, rows["publisher"], strict=True)]
    rows["label"] = [source_label(str(p), o) for p, o in zip(rows["publisher"], original, strict=True)]
    return rows.sort_values(["event_id", "rank"], kind="stable").reset_index(drop=True)


def source_label(publisher: str, original: str | None = None) -> str:
    """Name a source as a reader cites it: the publisher, and in brackets whose report it carries.

    Examples
    --------
    >>> source_label("Fox News", "Associated Press"), source_label("Reuters", "Reuters")
    ('Fox News (Associated Press)', 'Reuters')
    >>> source_label("TASS")
    'TASS'
    """
    return publisher if not original or original == publisher else f"{publisher} ({original})"
