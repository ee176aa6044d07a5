// Event tables for readers (written by analysis.timeline.event_table).
//
// Each table in a ".rir-events-block" gets:
// * sorting: every heading becomes a button; a click sorts by that column,
//   a second click reverses; aria-sort says which column and which way. Dates
//   sort by their ISO date (data-sort), not by their text.
// * a filter box: rows whose text holds every typed word stay; the count line
//   above the table says "Showing 12 of 106 events".
// * if the table names a chart (data-rir-follows, the figure's id), the
//   chart's menus (data-rir-menus: Vega parameter -> column key) filter the
//   rows too, through the chart's Vega view in window.rirViews.
// Without this script the table is a plain table in date order.
(function () {
  "use strict";

  function cellOf(row, key) {
    return row.querySelector('td[data-col="' + key + '"]');
  }

  function textOf(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function sortKey(row, key) {
    const cell = cellOf(row, key);
    if (!cell) {
      return "";
    }
    return cell.dataset.sort !== undefined ? cell.dataset.sort : textOf(cell).toLowerCase();
  }

  function makeFilterBox(block, table, number) {
    const tools = document.createElement("div");
    tools.className = "rir-table-tools";
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "search";
    input.id = "rir-table-filter-" + number;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = "a word, a name or a year";
    input.setAttribute("aria-controls", table.id);
    label.htmlFor = input.id;
    label.textContent = "Filter the events";
    tools.appendChild(label);
    tools.appendChild(input);
    block.insertBefore(tools, block.firstChild);
    return input;
  }

  function countLine(block, table) {
    let line = block.querySelector(".rir-table-count");
    if (!line) {
      line = document.createElement("p");
      line.className = "rir-table-count";
      block.insertBefore(line, table);
    }
    line.setAttribute("role", "status");
    return line;
  }

  function enhance(table, number) {
    const block = table.closest(".rir-events-block") || table.parentElement;
    const body = table.tBodies[0];
    const headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    const rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) {
      row.dataset.rirOrder = String(index);
    });
    if (!table.id) {
      table.id = "rir-events-" + number;
    }
    const sorted = headings.filter(function (th) {
      return th.hasAttribute("aria-sort");
    })[0];
    const state = {
      key: sorted ? sorted.dataset.col : null,
      order: sorted ? sorted.getAttribute("aria-sort") : "ascending",
      words: [],
      menus: {},
    };
    const everything = table.dataset.rirAll || "All";
    const input = makeFilterBox(block, table, number);
    const count = countLine(block, table);

    function matches(row) {
      const text = Array.prototype.map.call(row.cells, textOf).join(" ").toLowerCase();
      const wordsFound = state.words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
      return wordsFound && Object.keys(state.menus).every(function (key) {
        const value = state.menus[key];
        if (value === null || value === undefined || value === everything) {
          return true;
        }
        return textOf(cellOf(row, key)).toLowerCase() === String(value).toLowerCase();
      });
    }

    function update() {
      let shown = 0;
      rows.forEach(function (row) {
        const keep = matches(row);
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      const picked = Object.keys(state.menus)
        .map(function (key) {
          return state.menus[key];
        })
        .filter(function (value) {
          return value !== null && value !== undefined && value !== everything;
        });
      const noun = rows.length === 1 ? "event" : "events";
      count.textContent = "Showing " + shown + " of " + rows.length + " " + noun +
        (picked.length ? " (chart menus: " + picked.join(", ") + ")" : "") + ".";
    }

    function sort() {
      const sign = state.order === "descending" ? -1 : 1;
      const ordered = rows.slice().sort(function (a, b) {
        const x = sortKey(a, state.key);
        const y = sortKey(b, state.key);
        const by = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
        return sign * (by || Number(a.dataset.rirOrder) - Number(b.dataset.rirOrder));
      });
      ordered.forEach(function (row) {
        body.appendChild(row);
      });
      headings.forEach(function (th) {
        if (th.dataset.col === state.key) {
          th.setAttribute("aria-sort", state.order);
        } else {
          th.removeAttribute("aria-sort");
        }
      });
    }

    headings.forEach(function (th) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "rir-sort";
      button.textContent = textOf(th);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        if (state.key === th.dataset.col) {
          state.order = state.order === "ascending" ? "descending" : "ascending";
        } else {
          state.key = th.dataset.col;
          state.order = "ascending";
        }
        sort();
      });
    });

    input.addEventListener("input", function () {
      state.words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      update();
    });

    followChart(table, state, update);
    table.classList.add("rir-enhanced");
    update();
  }

  // Filter the table by the menus of the chart in the figure it names, once
  // that chart is drawn (and again if it is drawn anew).
  function followChart(table, state, update) {
    const figure = table.dataset.rirFollows && document.getElementById(table.dataset.rirFollows);
    const chart = figure && figure.querySelector("div.rir-vega");
    if (!chart) {
      return;
    }
    const menus = JSON.parse(table.dataset.rirMenus || "{}");
    let view = null;
    function attach() {
      const current = (window.rirViews || {})[chart.id];
      if (!current || current === view) {
        return;
      }
      view = current;
      Object.keys(menus).forEach(function (signal) {
        const key = menus[signal];
        try {
          state.menus[key] = view.signal(signal);
        } catch (error) {
          console.error("event table: the chart has no menu " + signal, error);
          return;
        }
        view.addSignalListener(signal, function (name, value) {
          state.menus[key] = value;
          update();
        });
      });
      update();
    }
    new MutationObserver(attach).observe(chart, {
      attributes: true,
      attributeFilter: ["data-rir-drawn"],
    });
    attach();
  }

  function enhanceAll() {
    const tables = document.querySelectorAll(".rir-events-block table.rir-events");
    Array.prototype.forEach.call(tables, function (table, index) {
      if (!table.classList.contains("rir-enhanced")) {
        enhance(table, index + 1);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
