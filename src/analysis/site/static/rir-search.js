/*
 * rir-search.js: the search page's fixes to Sphinx's searchtools.js (see
 * analysis.site.sphinx_search). Loaded deferred on search.html only, so it runs
 * after searchtools.js and language_data.js and before the search starts.
 *
 * - Numbers are searched: Sphinx drops every all-digit query term ("300", "2007").
 *   A term with a digit is not stemmed, as the index leaves it unstemmed.
 * - Pages using a term more often in their prose rank first (RIR_SEARCH_COUNTS,
 *   from _static/rir-search-counts.js).
 * - Snippets come from the page's article text (navigation and buttons left out)
 *   with table cells separated by " · " and blocks by a space, centred on the
 *   term as written on the page (S-300 for s300).
 * - The pages' articles come from RIR_SEARCH_PAGES (_static/rir-search-pages.js),
 *   not from fetching each page: a page opened from file:// (the offline copy)
 *   may not fetch, and a server is spared the requests.
 */
"use strict";
(() => {
  if (typeof Search === "undefined") return;
  const HAS_NUMBER = /\p{Number}/u;
  const counts = typeof RIR_SEARCH_COUNTS === "undefined" ? {} : RIR_SEARCH_COUNTS;
  let currentTerms = [];

  // Sphinx fetches "<content root><docname>.html" for each result's snippet: answer
  // those requests from the embedded articles, and leave any other request alone.
  const pages = typeof RIR_SEARCH_PAGES === "undefined" ? {} : RIR_SEARCH_PAGES;
  const contentRoot = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const networkFetch = window.fetch.bind(window);
  window.fetch = (resource, options) => {
    const url = new URL(typeof resource === "string" ? resource : resource.url, location.href);
    const path = decodeURIComponent(url.pathname);
    const root = decodeURIComponent(contentRoot.pathname);
    const name = path.startsWith(root) ? path.slice(root.length).replace(/\.html$/, "") : "";
    if (url.protocol === contentRoot.protocol && Object.hasOwn(pages, name)) {
      const body = `<div role="main"><article>${pages[name]}</article></div>`;
      return Promise.resolve(new Response(body, {headers: {"Content-Type": "text/html; charset=utf-8"}}));
    }
    return networkFetch(resource, options);
  };

  // "shahed136" -> "shahed-136": where a letter meets a digit.
  const hyphenated = (term) =>
    term.replace(/(\p{Letter})(?=\p{Number})|(\p{Number})(?=\p{Letter})/gu, "$1$2-");

  Search._parseQuery = (query) => {
    const stemmer = new Stemmer();
    const searchTerms = new Set();
    const excludedTerms = new Set();
    const highlightTerms = new Set();
    const objectTerms = new Set(splitQuery(query.toLowerCase().trim()));
    splitQuery(query.trim()).forEach((queryTerm) => {
      const lower = queryTerm.toLowerCase();
      if (stopwords.indexOf(lower) !== -1) return;
      const word = HAS_NUMBER.test(lower) ? lower : stemmer.stemWord(lower);
      searchTerms.add(word);
      highlightTerms.add(lower);
      if (HAS_NUMBER.test(lower) && hyphenated(lower) !== lower) highlightTerms.add(hyphenated(lower));
    });
    currentTerms = [...searchTerms];
    if (SPHINX_HIGHLIGHT_ENABLED) {
      localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
    }
    return [query, searchTerms, excludedTerms, highlightTerms, objectTerms];
  };

  // Rank by the prose uses of the searched terms, on top of Sphinx's own score.
  const previousScore = Scorer.score;
  Scorer.score = (result) => {
    const score = previousScore ? previousScore(result) : result[4];
    const pageCounts = counts[result[0]] || {};
    const uses = currentTerms.reduce((sum, term) => sum + (pageCounts[term] || 0), 0);
    return score + Math.round(4 * Math.log2(1 + uses));
  };

  const BLOCKS = "p, li, dt, dd, tr, h1, h2, h3, h4, h5, h6, caption, figcaption, pre, div, br, table";
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".headerlink, script, style, noscript, nav, button").forEach((el) => el.remove());
    const main = doc.querySelector('[role="main"]');
    // The article itself, without the page's header buttons and contents list.
    const root = (anchor && main && main.querySelector(anchor)) || (main && main.querySelector("article")) || main;
    if (!root) return "";
    root.querySelectorAll("td, th").forEach((cell) => {
      if (cell.nextElementSibling) cell.append(doc.createTextNode(" · "));
    });
    root.querySelectorAll(BLOCKS).forEach((el) => el.append(doc.createTextNode(" ")));
    return root.textContent.replace(/\s+/g, " ").trim();
  };

  const escape = (text) => text.replace(/[.*+\-?^${}()|[\]\\]/g, "\\$&");
  // "s300" also matches "S-300" and "S 300" in the text.
  const termPattern = (term) =>
    escape(term).replace(/(\p{Letter})(?=\p{Number})|(\p{Number})(?=\p{Letter})/gu, "$1$2[-\u2010\u2011 ]?");

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    let position = -1;
    // The longest term first; a match starting a word before one inside a word.
    for (const term of [...keywords].sort((a, b) => b.length - a.length)) {
      const word = new RegExp(`(?<![\\p{Letter}\\p{Number}])${termPattern(term)}`, "iu").exec(text);
      const anywhere = word || new RegExp(termPattern(term), "iu").exec(text);
      if (anywhere) {
        position = anywhere.index;
        if (word) break;
      }
    }
    let start = Math.max(position - 120, 0);
    if (start > 0) start = text.indexOf(" ", start) + 1;  // begin on a whole word
    let end = Math.min(start + 240, text.length);
    if (end < text.length && text.lastIndexOf(" ", end) > position) end = text.lastIndexOf(" ", end);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
    return summary;
  };
})();
