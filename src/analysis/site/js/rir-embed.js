// Draws every chart block of a page with the Vega runtime bundled before this
// snippet (VegaView, vegaParse and VegaTooltip are in scope here; see
// analysis.site.sphinx_vega.RUNTIME_IMPORTS). Each chart was compiled to Vega
// when the book was written, wide and narrow (analysis.site.vega_compile), into
// _static/charts/<name>.spec.js and <name>.narrow.spec.js: no Vega-Lite reaches
// the reader. Until a chart is drawn its static preview holds its place.
function rirFail(target, error) {
  target.dataset.rirDrawn = "error";
  target.textContent = "This chart could not be drawn: " + error.message;
  console.error("chart " + target.id + " failed:", error);
}

// Below this width a chart is drawn in its narrow layout (vega_compile.NARROW_BELOW).
const RIR_NARROW_BELOW = 560;

function rirIsNarrow(target) {
  return target.clientWidth > 0 && target.clientWidth < RIR_NARROW_BELOW;
}

// ---- Addresses that reopen what the reader saw ------------------------------
// A figure's address is its id (#fig-timeline). A chart's menus and brushes
// write their state after it: #fig-timeline~category_pick=diplomacy&zoom=2014-01-01..2024-12-31.
// Opening such an address draws the chart with that state and scrolls to it.
const RIR_STATE_MARK = "~";

// Parse the page's fragment: the figure it names and the state written after it.
function rirReadFragment() {
  const hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
  const at = hash.indexOf(RIR_STATE_MARK);
  if (at < 0) {
    return { figure: hash, state: {} };
  }
  const state = {};
  hash.slice(at + 1).split("&").forEach(function (pair) {
    const eq = pair.indexOf("=");
    if (eq > 0) {
      state[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  });
  return { figure: hash.slice(0, at), state: state };
}

// A brush end as text: a date for time axes (days are enough), a number otherwise.
function rirEndText(value, temporal) {
  if (temporal) {
    return new Date(value).toISOString().slice(0, 10);
  }
  return String(Math.round(Number(value) * 100) / 100);
}

// A brush end from the address as the number Vega holds (a time in ms, UTC).
function rirEndValue(text, temporal) {
  if (temporal) {
    const parts = text.split("-").map(Number);
    return Date.UTC(parts[0], parts[1] - 1, parts[2]);
  }
  return Number(text);
}

// Put the address's state into a copy of the compiled spec before it is drawn: a
// menu's signal value; a brush's rir_state_<name> signal and its store (compiled
// with the brush's starting value, or none). Returns whether any state was applied.
function rirApplyState(compiled, spec, figure) {
  const wanted = rirReadFragment();
  const signals = {};
  (spec.signals || []).forEach(function (signal) { signals[signal.name] = signal; });
  const stores = {};
  (spec.data || []).forEach(function (data) { stores[data.name] = data; });
  const own = figure && wanted.figure === figure.id ? wanted.state : {};
  let applied = false;
  Object.keys(compiled.state).forEach(function (name) {
    const entry = compiled.state[name];
    const text = own[name];
    if (entry.kind === "menu") {
      const options = entry.options.map(String);
      if (text !== undefined && options.indexOf(text) >= 0 && signals[name]) {
        signals[name].value = entry.options[options.indexOf(text)];
        applied = true;
      }
      return;
    }
    let value = entry.value;
    const ends = text === undefined ? [] : text.split("..");
    if (ends.length === 2 && ends.every(function (end) { return end !== ""; })) {
      const wantedEnds = ends.map(function (end) { return rirEndValue(end, entry.temporal); });
      if (wantedEnds.every(isFinite)) {
        value = wantedEnds;
        applied = true;
      }
    }
    const store = compiled.stores[name];
    if (signals["rir_state_" + name]) {
      signals["rir_state_" + name].value = value;
    }
    if (value && store && stores[store.data]) {
      stores[store.data].values = [{ unit: store.unit, fields: store.fields, values: [value] }];
    }
  });
  return applied;
}

// The current state of a drawn chart's params, as fragment pairs (defaults left out).
function rirCurrentState(view, params) {
  const pairs = [];
  Object.keys(params).sort().forEach(function (name) {
    const entry = params[name];
    let value;
    try {
      value = view.signal(name);
    } catch (error) {
      return;
    }
    if (entry.kind === "menu") {
      if (value !== undefined && String(value) !== entry.default) {
        pairs.push(name + "=" + encodeURIComponent(value));
      }
      return;
    }
    const fields = value && typeof value === "object" ? Object.keys(value) : [];
    if (!fields.length) {
      return;
    }
    const ends = value[fields[0]];
    if (!Array.isArray(ends) || ends.length !== 2) {
      return;
    }
    const temporal = entry.temporal;
    const text = rirEndText(+ends[0], temporal) + ".." + rirEndText(+ends[1], temporal);
    if (text !== entry.default) {
      pairs.push(name + "=" + text);
    }
  });
  return pairs;
}

// The address of a figure with its chart's current state.
function rirFigureAddress(figure) {
  const chart = figure.querySelector("div.rir-vega");
  const view = chart ? window.rirViews[chart.id] : null;
  const pairs = view && chart.rirParams ? rirCurrentState(view, chart.rirParams) : [];
  const base = window.location.href.split("#")[0];
  return base + "#" + figure.id + (pairs.length ? RIR_STATE_MARK + pairs.join("&") : "");
}

// Write a figure's state into the address bar, without scrolling or a history entry.
function rirWriteState(figure) {
  const address = rirFigureAddress(figure);
  if (address !== window.location.href) {
    window.history.replaceState(null, "", address);
  }
}

// Listen to a drawn chart's menus and brushes (described by the compiled chart's state).
function rirFollowState(target, view, params) {
  const figure = target.closest ? target.closest("figure[id]") : null;
  if (!figure || !Object.keys(params).length) {
    return;
  }
  target.rirParams = params;
  let timer = null;
  Object.keys(params).forEach(function (name) {
    try {
      view.addSignalListener(name, function () {
        clearTimeout(timer);
        timer = setTimeout(function () { rirWriteState(figure); }, 200);
      });
    } catch (error) {
      console.error("chart " + target.id + ": cannot follow " + name, error);
    }
  });
}

// A "Copy link" control in each figure's caption: the figure's address with its state.
function rirAddCopyLink(figure) {
  const caption = figure.querySelector("figcaption p") || figure.querySelector("figcaption");
  if (!caption || caption.querySelector(".rir-copy-link")) {
    return;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "rir-copy-link";
  button.textContent = "Copy link";
  button.setAttribute("aria-label", "Copy a link to this figure as it is shown now");
  button.addEventListener("click", function () {
    const address = rirFigureAddress(figure);
    const done = function (text) {
      button.textContent = text;
      setTimeout(function () { button.textContent = "Copy link"; }, 2000);
    };
    window.history.replaceState(null, "", address);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(address).then(function () { done("Link copied"); },
        function () { done("Link in the address bar"); });
    } else {
      done("Link in the address bar");
    }
  });
  caption.appendChild(button);
}

// Draw one chart block; resolves when it is drawn or has failed.
function rirDrawChart(target) {
  if (target.dataset.rirDrawn) {
    return Promise.resolve();
  }
  const source = document.querySelector('script.rir-spec[data-for="' + target.id + '"]');
  if (!source) {
    rirFail(target, new Error("its specification is missing from the page"));
    return Promise.resolve();
  }
  target.dataset.rirDrawn = "pending";
  const narrow = rirIsNarrow(target);
  target.dataset.rirNarrow = narrow ? "yes" : "no";
  return rirLoadSpec(source, narrow).then(function (compiled) {
    return rirDraw(target, compiled);
  }).catch(function (error) {
    rirFail(target, error);
  });
}

// A page carries none of its charts' data: each chart's compiled specification lies
// in its own script beside its exports (_static/charts/<name>.spec.js, or
// <name>.narrow.spec.js), which hands it to rirSpecArrived, and each Table view's
// rows in <name>.table.js, which hands them to rirTableArrived. Scripts, not JSON
// files, so the book works opened from the disk (file://), where a browser fetches
// nothing. Each script is loaded once, when first needed.
const rirWaiting = {};

function rirAwait(key, src, what) {
  if (!rirWaiting[key]) {
    const waiting = {};
    waiting.promise = new Promise(function (resolve, reject) {
      waiting.resolve = resolve;
      waiting.reject = reject;
    });
    rirWaiting[key] = waiting;
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onerror = function () {
      delete rirWaiting[key];
      waiting.reject(new Error(what + " " + script.src + " could not be loaded"));
    };
    document.head.appendChild(script);
  }
  return rirWaiting[key].promise;
}

function rirArrived(key, value) {
  const waiting = rirWaiting[key];
  if (waiting) {
    waiting.resolve(value);
  }
}

window.rirSpecArrived = function (stem, compiled) {
  rirArrived("spec " + stem, JSON.stringify(compiled));
};

window.rirTableArrived = function (name, table) {
  rirArrived("table " + name, table);
};

function rirLoadSpec(source, narrow) {
  const stem = source.dataset.export + (narrow ? ".narrow" : "");
  const src = narrow ? source.dataset.src.replace(/\.spec\.js$/, ".narrow.spec.js") : source.dataset.src;
  // A fresh copy for every drawing: the address's state is written into it.
  return rirAwait("spec " + stem, src, "its specification").then(function (text) { return JSON.parse(text); });
}

// A chart's Table view holds a link to the table on its own page (for a reader
// without scripts); opened, it shows the table in place, its rows loaded then.
function rirOpenTable(view) {
  const box = view.querySelector(".rir-table-scroll");
  if (!view.open || !box || view.dataset.rirTable === "yes") {
    return;
  }
  view.dataset.rirTable = "loading";
  box.setAttribute("aria-busy", "true");
  rirAwait("table " + view.dataset.name, view.dataset.src, "the table").then(function (table) {
    box.innerHTML = table;
    view.dataset.rirTable = "yes";
  }).catch(function (error) {
    view.dataset.rirTable = "error";
    console.error("Table view: " + error.message);
  }).then(function () {
    box.removeAttribute("aria-busy");
  });
}

// "toggle" does not bubble: listened for on its way down to the view.
document.addEventListener("toggle", function (event) {
  const view = event.target;
  if (view.matches && view.matches('details.rir-view[data-rir-view="table"][data-src]')) {
    rirOpenTable(view);
  }
}, true);

// One tooltip handler for the page (vega-tooltip: #vg-tooltip-element).
let rirTooltip = null;

// Draw a compiled chart into its block, with the address's state.
function rirDraw(target, compiled) {
  const figure = target.closest ? target.closest("figure[id]") : null;
  const spec = compiled.vega;
  if (rirApplyState(compiled, spec, figure)) {
    target.dataset.rirRestored = "yes";
  }
  rirTooltip = rirTooltip || new VegaTooltip();
  target.textContent = "";
  const view = new VegaView(vegaParse(spec), {
    renderer: "svg",
    container: target,
    hover: true,
    tooltip: rirTooltip.call,
  });
  return view.runAsync().then(function () {
    // Brush rectangles are interaction handles, not content: hide them from
    // assistive technology (Vega gives them an img role without a label).
    target.querySelectorAll('[class*="_brush"]').forEach(function (element) {
      element.setAttribute("aria-hidden", "true");
    });
    window.rirViews[target.id] = view;
    rirFollowState(target, view, compiled.state);
    if (figure) {
      rirAddCopyLink(figure);
    }
    if (target.dataset.rirRestored === "yes" && !target.dataset.rirScrolled) {
      target.dataset.rirScrolled = "yes";
      figure.scrollIntoView();
    }
    target.dataset.rirDrawn = "yes";
  });
}

// Draw every chart of the page now, one after another, top first: where the
// browser cannot observe how near a chart is, and for whoever needs them all
// (the browser tests; window.rirDrawCharts).
function rirDrawCharts() {
  const targets = Array.prototype.slice.call(document.querySelectorAll("div.rir-vega"));
  return targets.reduce(function (previous, target) {
    return previous.then(function () {
      return rirDrawChart(target);
    });
  }, Promise.resolve());
}

// Until a chart is drawn its static preview shows in its place (see rir-charts.css).
// A chart is drawn when it comes near the window (a screen and a half ahead),
// one at a time, top first; charts far down a page cost nothing until the
// reader goes there. The chart of a figure the address names is drawn first of
// all (also when the address comes to name another).
const RIR_NEAR = "150% 0px";
const rirNear = new Set();
let rirDrawing = false;

// The chart of the figure the address names, if it is still to be drawn.
function rirNamedChart() {
  const named = rirReadFragment().figure;
  const figure = named ? document.getElementById(named) : null;
  const target = figure ? figure.querySelector("div.rir-vega") : null;
  return target && !target.dataset.rirDrawn ? target : null;
}

// The next chart to draw: the named one, else the first near the window, else none.
function rirNextChart() {
  const near = Array.prototype.slice.call(document.querySelectorAll("div.rir-vega"))
    .filter(function (target) { return !target.dataset.rirDrawn && rirNear.has(target); });
  return rirNamedChart() || near[0] || null;
}

function rirPump() {
  if (rirDrawing) {
    return;
  }
  const next = rirNextChart();
  if (!next) {
    return;
  }
  rirDrawing = true;
  rirDrawChart(next).then(function () {
    rirDrawing = false;
    rirPump();
  });
}

function rirStartDrawing() {
  const targets = Array.prototype.slice.call(document.querySelectorAll("div.rir-vega"));
  if (!window.IntersectionObserver) {
    return rirDrawCharts();
  }
  const observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        rirNear.add(entry.target);
      } else {
        rirNear.delete(entry.target);
      }
    });
    rirPump();
  }, { rootMargin: RIR_NEAR });
  targets.forEach(function (target) { observer.observe(target); });
  window.addEventListener("hashchange", rirPump);
  rirPump();
}

// Touch screens: Vega shows a tooltip when the pointer moves over a mark, and a
// tap makes no such move. After a tap on a chart, the mark under the finger is
// given that move, so its tooltip shows (and a nearest-point highlight follows);
// the next tap outside the chart hides it again.
let rirPointerType = "mouse";
let rirTappedChart = null;

function rirPointer(type, target, x, y) {
  target.dispatchEvent(new PointerEvent(type, {
    bubbles: true, cancelable: true, clientX: x, clientY: y, pointerType: "mouse", isPrimary: true,
  }));
}

function rirLeaveTapped() {
  if (rirTappedChart) {
    const svg = rirTappedChart.querySelector("svg");
    if (svg) {
      rirPointer("pointerout", svg, 0, 0);
    }
    rirTappedChart = null;
  }
}

document.addEventListener("pointerdown", function (event) {
  rirPointerType = event.pointerType || "mouse";
}, true);

document.addEventListener("click", function (event) {
  if (rirPointerType !== "touch") {
    return;
  }
  const chart = event.target.closest ? event.target.closest("div.rir-vega") : null;
  if (chart !== rirTappedChart) {
    rirLeaveTapped();
  }
  if (chart && chart.dataset.rirDrawn === "yes") {
    const under = document.elementFromPoint(event.clientX, event.clientY) || event.target;
    rirPointer("pointermove", under, event.clientX, event.clientY);
    rirTappedChart = chart;
  }
});

// Keep the tooltip inside the window: near the left edge of a phone, Vega's
// tooltip opens to the left of the pointer and off the screen.
function rirKeepTooltipInside(tooltip) {
  const box = tooltip.getBoundingClientRect();
  const margin = 4;
  const room = document.documentElement.clientWidth;
  if (box.width === 0 || (box.left >= margin && box.right <= room - margin)) {
    return;
  }
  const left = Math.max(margin, Math.min(box.left, room - margin - box.width));
  const fixed = getComputedStyle(tooltip).position === "fixed";
  tooltip.style.left = (fixed ? left : left + window.scrollX) + "px";
}

// Vega adds the tooltip element to the body when it first shows one.
function rirWatchTooltip() {
  new MutationObserver(function () {
    const tooltip = document.getElementById("vg-tooltip-element");
    if (tooltip && !tooltip.dataset.rirWatched) {
      tooltip.dataset.rirWatched = "yes";
      new MutationObserver(function () {
        rirKeepTooltipInside(tooltip);
      }).observe(tooltip, { attributes: true, attributeFilter: ["style", "class"], childList: true });
      rirKeepTooltipInside(tooltip);
    }
  }).observe(document.body, { childList: true });
}

window.rirViews = window.rirViews || {};
window.rirDrawCharts = rirDrawCharts;
// When the window is resized across the narrow width (a phone turned, a
// desktop window narrowed), draw the charts whose layout no longer fits again.
function rirRedrawResized() {
  Object.keys(window.rirViews).forEach(function (id) {
    const target = document.getElementById(id);
    if (!target || target.dataset.rirDrawn !== "yes") {
      return;
    }
    if ((target.dataset.rirNarrow === "yes") === rirIsNarrow(target)) {
      return;
    }
    window.rirViews[id].finalize();
    delete window.rirViews[id];
    delete target.dataset.rirDrawn;
    target.textContent = "";
    rirDrawChart(target);
  });
}

let rirResizeTimer = null;
window.addEventListener("resize", function () {
  clearTimeout(rirResizeTimer);
  rirResizeTimer = setTimeout(rirRedrawResized, 150);
});

function rirStart() {
  rirWatchTooltip();
  rirStartDrawing();
  document.querySelectorAll('details.rir-view[data-rir-view="table"][data-src][open]').forEach(rirOpenTable);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", rirStart);
} else {
  rirStart();
}
