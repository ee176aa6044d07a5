"""A small offline checker of schema.org JSON-LD: types, property names, value types, required properties.

A plain module, not a test module (``tests/test_jsonld.py`` and the browser
tests import it). The tests run without internet, so no validator or vocabulary
is fetched: the part of schema.org the book uses is written out below.

Where the vocabulary comes from
-------------------------------
The types, their parents and the expected types of their properties are those
schema.org defines on its type pages (https://schema.org/ClaimReview, /Review,
/Claim, /Rating, /CreativeWork, /Dataset, /DataDownload, /MediaObject, /Thing,
/Organization, /Person, /Place), each property listed under the type that
defines it and inherited by its subtypes, as schema.org does. Only the
properties a book page may use are listed; a property missing from the list
is reported as unknown, so a typo (``ratingvalue``) or a property of another
type fails the test. The expected type of each property keeps schema.org's
alternatives (``author``: Organization or Person).

:data:`REQUIRED` is stricter than schema.org, which requires nothing: for each
type, the properties our pages promise (the issue's list, and for
``ClaimReview`` the properties fact-check readers rely on).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

#: Each type's parent (schema.org's ``rdfs:subClassOf``), up to Thing.
PARENTS: dict[str, str | None] = {
    "Thing": None,
    "CreativeWork": "Thing",
    "Review": "CreativeWork",
    "ClaimReview": "Review",
    "Claim": "CreativeWork",
    "Dataset": "CreativeWork",
    "MediaObject": "CreativeWork",
    "DataDownload": "MediaObject",
    "Intangible": "Thing",
    "Rating": "Intangible",
    "Organization": "Thing",
    "Person": "Thing",
    "Place": "Thing",
}

#: Properties by the type that defines them, each with schema.org's expected types.
PROPERTIES: dict[str, dict[str, tuple[str, ...]]] = {
    "Thing": {
        "name": ("Text",), "alternateName": ("Text",), "description": ("Text", "TextObject"),
        "url": ("URL",), "identifier": ("PropertyValue", "Text", "URL"), "sameAs": ("URL",),
    },
    "CreativeWork": {
        "author": ("Organization", "Person"), "creator": ("Organization", "Person"),
        "publisher": ("Organization", "Person"), "datePublished": ("Date", "DateTime"),
        "dateModified": ("Date", "DateTime"), "citation": ("CreativeWork", "Text"),
        "isBasedOn": ("CreativeWork", "Product", "URL"), "license": ("CreativeWork", "URL"),
        "keywords": ("DefinedTerm", "Text", "URL"), "version": ("Number", "Text"),
        "temporalCoverage": ("DateTime", "Text", "URL"), "spatialCoverage": ("Place",),
        "isAccessibleForFree": ("Boolean",), "inLanguage": ("Language", "Text"), "text": ("Text",),
    },
    "Review": {"itemReviewed": ("Thing",), "reviewRating": ("Rating",), "reviewBody": ("Text",)},
    "ClaimReview": {"claimReviewed": ("Text",)},
    "Claim": {"appearance": ("CreativeWork",), "firstAppearance": ("CreativeWork",),
              "claimInterpreter": ("Organization", "Person")},
    "Rating": {"ratingValue": ("Number", "Text"), "bestRating": ("Number", "Text"),
               "worstRating": ("Number", "Text"), "ratingExplanation": ("Text",),
               "author": ("Organization", "Person"), "reviewAspect": ("Text",)},
    "Dataset": {"distribution": ("DataDownload",), "includedInDataCatalog": ("DataCatalog",),
                "measurementTechnique": ("Text", "URL"), "variableMeasured": ("PropertyValue", "Text")},
    "MediaObject": {"contentUrl": ("URL",), "encodingFormat": ("Text", "URL"), "contentSize": ("Text",)},
    "Intangible": {}, "Organization": {}, "Person": {}, "Place": {}, "DataDownload": {},
}

#: Properties each node of exactly that type must have on our pages (``a|b``: one of them).
REQUIRED: dict[str, tuple[str, ...]] = {
    "ClaimReview": ("claimReviewed", "itemReviewed", "reviewRating", "datePublished", "author", "url",
                    "isBasedOn"),
    "Claim": ("appearance", "author", "datePublished"),
    "Rating": ("alternateName", "bestRating", "worstRating", "ratingExplanation"),
    "CreativeWork": ("name|url", "author|publisher"),
    "Dataset": ("name", "description", "version", "datePublished", "dateModified", "license", "creator",
                "keywords", "temporalCoverage", "spatialCoverage", "isAccessibleForFree", "distribution",
                "citation"),
    "DataDownload": ("name", "contentUrl", "encodingFormat"),
    "Organization": ("name",), "Person": ("name",), "Place": ("name",),
}

#: ISO 8601 dates at year, month or day precision, with an optional time.
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?)?")
_KEYWORDS = {"@context", "@type", "@id", "@graph"}


def ancestry(kind: str) -> list[str]:
    """Return a type and its parents, nearest first.

    Examples
    --------
    >>> ancestry("DataDownload")
    ['DataDownload', 'MediaObject', 'CreativeWork', 'Thing']
    """
    chain: list[str] = []
    current: str | None = kind
    while current is not None:
        chain.append(current)
        current = PARENTS[current]
    return chain


def property_types(kind: str) -> dict[str, tuple[str, ...]]:
    """Return every property a type has, its own and inherited."""
    found: dict[str, tuple[str, ...]] = {}
    for level in reversed(ancestry(kind)):
        found.update(PROPERTIES[level])
    return found


def is_url(value: object) -> bool:
    """Return whether a value is an absolute http(s) URL or a relative reference (a page, a fragment)."""
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) or (not parsed.scheme and not parsed.netloc)


def _fits(value: object, expected: str) -> bool:
    """Return whether a plain (non-node) value fits a schema.org data type."""
    if expected in ("Text",):
        return isinstance(value, str) and bool(value.strip())
    if expected == "URL":
        return is_url(value)
    if expected in ("Date", "DateTime"):
        return isinstance(value, str) and _DATE.fullmatch(value) is not None
    if expected == "Number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected == "Boolean":
        return isinstance(value, bool)
    return False


def graph_ids(graph: Any) -> dict[str, str]:
    """Return the type of each node an ``@graph`` names with an ``@id``.

    Examples
    --------
    >>> graph_ids([{"@id": "#essay", "@type": "CreativeWork"}, {"@type": "Rating"}])
    {'#essay': 'CreativeWork'}
    """
    items = graph if isinstance(graph, list) else [graph]
    return {item["@id"]: item.get("@type", "") for item in items
            if isinstance(item, Mapping) and "@id" in item and "@type" in item}


def problems(node: Any, where: str = "$", allowed: tuple[str, ...] | None = None,
             ids: Mapping[str, str] | None = None) -> list[str]:
    """Return every problem of a JSON-LD node and the nodes inside it, each with its path.

    ``allowed`` is the types the node may be (its property's expected types);
    a node of a subtype fits. An ``@graph`` is checked node by node, and a
    reference to one of its nodes (``{"@id": ...}`` alone) must name a node of
    the graph whose type fits where the reference stands; ``ids`` is the
    graph's named nodes and their types.

    Examples
    --------
    >>> problems({"@type": "Rating", "alternateName": "x", "bestRating": 4, "worstRating": 1,
    ...     "ratingExplanation": "why", "ratingvalue": 2})
    ['$: Rating has no property ratingvalue']
    >>> problems({"@type": "Place", "name": "Iran"}, allowed=("CreativeWork",))
    ['$: a Place where CreativeWork is expected']
    >>> problems({"@graph": [{"@id": "#p", "@type": "Place", "name": "Iran"},
    ...     {"@type": "Claim", "appearance": {"@id": "#p"}, "author": {"@id": "#q"}, "datePublished": "2023"}]})
    ['$.@graph[1].appearance: a Place where CreativeWork is expected', "$.@graph[1].author: '#q' names no node"]
    """
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in problems(item, f"{where}[{i}]", allowed, ids)]
    if not isinstance(node, Mapping):
        return [f"{where}: {node!r} is not a node"]
    if "@graph" in node:
        return problems(node["@graph"], f"{where}.@graph", allowed, graph_ids(node["@graph"]))
    if set(node) == {"@id"}:
        named = (ids or {}).get(node["@id"])
        if named is None:
            return [f"{where}: {node['@id']!r} names no node"]
        if allowed is not None and not set(ancestry(named)) & set(allowed):
            return [f"{where}: a {named} where {' or '.join(allowed)} is expected"]
        return []
    kind = node.get("@type")
    if kind not in PARENTS:
        return [f"{where}: unknown type {kind!r}"]
    found: list[str] = []
    if allowed is not None and not set(ancestry(kind)) & set(allowed):
        found.append(f"{where}: a {kind} where {' or '.join(allowed)} is expected")
    known = property_types(kind)
    found += [f"{where}: {kind} lacks {need}" for need in REQUIRED.get(kind, ())
              if not set(need.split("|")) & set(node)]
    for key, value in node.items():
        if key in _KEYWORDS:
            continue
        if key not in known:
            found.append(f"{where}: {kind} has no property {key}")
            continue
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            here = f"{where}.{key}" + (f"[{index}]" if isinstance(value, list) else "")
            if isinstance(item, Mapping):
                found += problems(item, here, known[key], ids)
            elif not any(_fits(item, expected) for expected in known[key]):
                found.append(f"{here}: {item!r} is not {' or '.join(known[key])}")
    return found


def nodes(data: Any, kind: str) -> list[dict[str, Any]]:
    """Return every node of a type (exactly) in a JSON-LD document, depth first.

    Examples
    --------
    >>> nodes({"@graph": [{"@type": "ClaimReview", "reviewRating": {"@type": "Rating"}}]}, "Rating")
    [{'@type': 'Rating'}]
    """
    found: list[dict[str, Any]] = []
    if isinstance(data, Mapping):
        if data.get("@type") == kind:
            found.append(dict(data))
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            found += nodes(item, kind)
    return found
