// Draws every chart block of a page with the Vega libraries bundled around
// this snippet (vegaEmbed, vegaLite and vega are in scope here). Each chart's
// spec comes from its own file beside its exports (see rirLoadSpec).
function rirFail(target, error) {
  target.dataset.rirDrawn = "error";
  target.textContent = "This chart could not be drawn: " + error.message;
  console.error("chart " + target.id + " failed:", error);
}

const RIR_NARROW_CONFIG = {
  title: { fontSize: 13, subtitleFontSize: 10 },
  axis: { labelFontSize: 10, titleFontSize: 11 },
  legend: {
    labelFontSize: 10,
    titleFontSize: 10,
    labelLimit: 220,
    orient: "bottom",
    direction: "vertical",
  },
};

// Split a text into lines of at most `limit` characters, at spaces.
function rirWrap(text, limit) {
  const lines = [];
  let line = "";
  String(text).split(" ").forEach(function (word) {
    if (line && (line + " " + word).length > limit) {
      lines.push(line);
      line = word;
    } else {
      line = line ? line + " " + word : word;
    }
  });
  if (line) {
    lines.push(line);
  }
  return lines;
}

function rirWrapLines(value, limit) {
  const parts = Array.isArray(value) ? value : [value];
  return parts.reduce(function (all, part) {
    return all.concat(rirWrap(part, limit));
  }, []);
}

// Fit a spec and its sub-views to a narrow width: wrap titles, stack legends.
function rirWrapTitles(node, width) {
  if (!node || typeof node !== "object") {
    return;
  }
  if (node.title !== undefined) {
    const title = typeof node.title === "object" && !Array.isArray(node.title)
      ? node.title
      : { text: node.title };
    title.text = rirWrapLines(title.text, Math.max(20, Math.floor(width / 8.5)));
    if (title.subtitle !== undefined) {
      title.subtitle = rirWrapLines(title.subtitle, Math.max(28, Math.floor(width / 6.2)));
    }
    node.title = title;
  }
  // An axis title longer than the narrow chart is wide goes on two lines, not cut short.
  const axisChars = Math.max(24, Math.floor(width / 9));
  ["x", "y"].forEach(function (key) {
    const channel = node.encoding && node.encoding[key];
    if (channel && typeof channel.title === "string" && channel.title.length > axisChars) {
      channel.title = rirWrap(channel.title, axisChars);
    }
  });
  // Let the narrow-screen legend layout (one column, below the chart) apply.
  Object.values(node.encoding || {}).forEach(function (channel) {
    if (channel && typeof channel.legend === "object" && channel.legend !== null) {
      delete channel.legend.columns;
      delete channel.legend.orient;
      delete channel.legend.direction;
    }
  });
  ["layer", "vconcat", "hconcat", "concat"].forEach(function (key) {
    (node[key] || []).forEach(function (child) {
      rirWrapTitles(child, width);
    });
  });
  if (node.spec) {
    rirWrapTitles(node.spec, width);
  }
}

// Below this width a chart is drawn in its narrow layout (see RIR_NARROW_CONFIG).
const RIR_NARROW_BELOW = 560;

function rirIsNarrow(target) {
  return target.clientWidth > 0 && target.clientWidth < RIR_NARROW_BELOW;
}

// ---- Addresses that reopen what the reader saw ------------------------------
// A figure's address is its id (#fig-timeline). A chart's menus and brushes
// write their state after it: #fig-timeline~category_pick=diplomacy&zoom=2014-01-01..2024-12-31.
// Opening such an address draws the chart with that state and scrolls to it.
const RIR_STATE_MARK = "~";

// The chart's selectable params (menus and interval brushes), by name, found anywhere in the spec.
function rirStateParams(node, found) {
  found = found || {};
  if (!node || typeof node !== "object") {
    return found;
  }
  (node.params || []).forEach(function (param) {
    if (param.bind && !param.select) {
      found[param.name] = { kind: "menu", param: param };
    } else if (param.select && (param.select === "interval" || param.select.type === "interval")) {
      found[param.name] = { kind: "interval", param: param };
    }
  });
  ["layer", "vconcat", "hconcat", "concat"].forEach(function (key) {
    (node[key] || []).forEach(function (child) {
      rirStateParams(child, found);
    });
  });
  if (node.spec) {
    rirStateParams(node.spec, found);
  }
  return found;
}

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

function rirEndValue(text, temporal) {
  if (temporal) {
    const parts = text.split("-").map(Number);
    return { year: parts[0], month: parts[1], date: parts[2], utc: true };
  }
  return Number(text);
}

// Each param's starting state as fragment text, read from the spec before any
// state from the address is applied: a state equal to it is not written.
function rirDefaults(spec) {
  const params = rirStateParams(spec);
  const defaults = {};
  Object.keys(params).forEach(function (name) {
    const param = params[name].param;
    if (params[name].kind === "menu") {
      defaults[name] = param.value === undefined ? "" : String(param.value);
      return;
    }
    const value = param.value && typeof param.value === "object" ? param.value : {};
    const ends = value[Object.keys(value)[0]];
    defaults[name] = Array.isArray(ends) && typeof ends[0] === "number"
      ? rirEndText(ends[0], false) + ".." + rirEndText(ends[1], false)
      : "";
  });
  return defaults;
}

// Put the fragment's state into the spec's params before the chart is drawn.
function rirApplyState(spec, figure) {
  const wanted = rirReadFragment();
  if (!figure || wanted.figure !== figure.id) {
    return false;
  }
  const params = rirStateParams(spec);
  let applied = false;
  Object.keys(wanted.state).forEach(function (name) {
    const entry = params[name];
    const text = wanted.state[name];
    if (!entry) {
      return;
    }
    if (entry.kind === "menu") {
      const options = (entry.param.bind.options || []).map(String);
      if (options.indexOf(text) >= 0) {
        entry.param.value = entry.param.bind.options[options.indexOf(text)];
        applied = true;
      }
    } else {
      const ends = text.split("..");
      const encodings = (entry.param.select.encodings || ["x"]);
      if (ends.length === 2 && ends.every(function (end) { return end !== ""; })) {
        const temporal = rirBrushIsTemporal(spec, entry.param);
        const value = {};
        value[encodings[0]] = [rirEndValue(ends[0], temporal), rirEndValue(ends[1], temporal)];
        entry.param.value = value;
        applied = true;
      }
    }
  });
  return applied;
}

// The current state of a drawn chart's params, as fragment pairs (defaults left out).
function rirCurrentState(view, params, defaults) {
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
      if (value !== undefined && String(value) !== defaults[name]) {
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
    if (text !== defaults[name]) {
      pairs.push(name + "=" + text);
    }
  });
  return pairs;
}

// The address of a figure with its chart's current state.
function rirFigureAddress(figure) {
  const chart = figure.querySelector("div.rir-vega");
  const view = chart ? window.rirViews[chart.id] : null;
  const pairs = view && chart.rirParams ? rirCurrentState(view, chart.rirParams, chart.rirDefaults) : [];
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

// Whether a brush runs along a time axis: the encoding it brushes, in the view
// that holds it (the param's "views", or the spec itself), is temporal.
function rirBrushIsTemporal(spec, param) {
  const encoding = (param.select.encodings || ["x"])[0];
  const names = param.views || [];
  let temporal = false;
  (function walk(node) {
    if (!node || typeof node !== "object" || temporal) {
      return;
    }
    const holds = names.length ? names.indexOf(node.name) >= 0 : node === spec;
    const channel = node.encoding && node.encoding[encoding];
    if (holds && channel && (channel.type === "temporal" || channel.timeUnit)) {
      temporal = true;
    }
    ["layer", "vconcat", "hconcat", "concat"].forEach(function (key) {
      (node[key] || []).forEach(walk);
    });
    if (node.spec) {
      walk(node.spec);
    }
  })(spec);
  return temporal;
}

// Listen to a drawn chart's menus and brushes; remember their starting values.
function rirFollowState(target, view, spec, defaults) {
  const figure = target.closest ? target.closest("figure[id]") : null;
  const params = rirStateParams(spec);
  if (!figure || !Object.keys(params).length) {
    return;
  }
  Object.keys(params).forEach(function (name) {
    const entry = params[name];
    if (entry.kind === "interval") {
      entry.temporal = rirBrushIsTemporal(spec, entry.param);
    }
  });
  target.rirParams = params;
  target.rirDefaults = defaults;
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
  return rirLoadSpec(source).then(function (spec) {
    return rirEmbed(target, spec);
  }, function (error) {
    rirFail(target, error);
  });
}

// Each chart's specification lies in its own file beside its exports
// (_static/charts/<name>.spec.js), which hands it to rirSpecArrived: a page
// carries none of its charts' data, and the book works opened from the disk
// (file://), where a JSON file could not be fetched. A spec written inside
// the page (a block not yet published) is read from there.
const rirSpecWaiting = {};

window.rirSpecArrived = function (name, spec) {
  const waiting = rirSpecWaiting[name];
  if (waiting) {
    waiting.resolve(JSON.stringify(spec));
  }
};

function rirLoadSpec(source) {
  if (source.textContent.trim()) {
    return new Promise(function (resolve) { resolve(JSON.parse(source.textContent)); });
  }
  const name = source.dataset.export;
  if (!rirSpecWaiting[name]) {
    const waiting = {};
    waiting.promise = new Promise(function (resolve, reject) {
      waiting.resolve = resolve;
      waiting.reject = reject;
    });
    rirSpecWaiting[name] = waiting;
    const script = document.createElement("script");
    script.src = source.dataset.src;
    script.async = true;
    script.onerror = function () {
      waiting.reject(new Error("its specification " + source.dataset.src + " could not be loaded"));
    };
    document.head.appendChild(script);
  }
  // A fresh copy for every drawing: drawing adapts the spec to the screen.
  return rirSpecWaiting[name].promise.then(function (text) { return JSON.parse(text); });
}

// Draw a chart from its spec, adapted to the block's width and the address's state.
function rirEmbed(target, spec) {
  // On narrow screens (phones) smaller type keeps titles and legends inside the chart.
  const narrow = rirIsNarrow(target);
  target.dataset.rirNarrow = narrow ? "yes" : "no";
  if (narrow) {
    spec.config = spec.config || {};
    Object.keys(RIR_NARROW_CONFIG).forEach(function (key) {
      spec.config[key] = Object.assign({}, spec.config[key] || {}, RIR_NARROW_CONFIG[key]);
    });
    rirWrapTitles(spec, target.clientWidth);
  }
  const figure = target.closest ? target.closest("figure[id]") : null;
  const defaults = rirDefaults(spec);
  if (rirApplyState(spec, figure)) {
    target.dataset.rirRestored = "yes";
  }
  return vegaEmbed(target, spec, { renderer: "svg", actions: false, mode: "vega-lite" })
    .then(function (result) {
      // Brush rectangles are interaction handles, not content: hide them from
      // assistive technology (Vega gives them an img role without a label).
      target.querySelectorAll('[class*="_brush"]').forEach(function (element) {
        element.setAttribute("aria-hidden", "true");
      });
      window.rirViews[target.id] = result.view;
      rirFollowState(target, result.view, spec, defaults);
      if (figure) {
        rirAddCopyLink(figure);
      }
      if (target.dataset.rirRestored === "yes" && !target.dataset.rirScrolled) {
        target.dataset.rirScrolled = "yes";
        figure.scrollIntoView();
      }
      target.dataset.rirDrawn = "yes";
    })
    .catch(function (error) {
      rirFail(target, error);
    });
}

// Draw the page's charts one after another, top first, so the first chart a
// reader sees is not delayed by compiling the others.
function rirDrawCharts() {
  const targets = Array.prototype.slice.call(document.querySelectorAll("div.rir-vega"));
  return targets.reduce(function (previous, target) {
    return previous.then(function () {
      return rirDrawChart(target);
    });
  }, Promise.resolve());
}

// Until a chart is drawn its static preview shows in its place (see rir-charts.css).
// The charts in or near the window are drawn first, one at a time, top first; the
// others follow one by one when the browser has nothing else to do, and a chart
// the reader scrolls towards jumps that queue.
const RIR_NEAR = "50% 0px";
const rirNear = new Set();
let rirDrawing = false;

function rirNextChart() {
  const waiting = Array.prototype.slice.call(document.querySelectorAll("div.rir-vega"))
    .filter(function (target) { return !target.dataset.rirDrawn; });
  const near = waiting.filter(function (target) { return rirNear.has(target); });
  return { target: near[0] || waiting[0], near: near.length > 0 };
}

function rirWhenIdle(callback) {
  if (window.requestIdleCallback) {
    window.requestIdleCallback(callback, { timeout: 1500 });
  } else {
    setTimeout(callback, 50);
  }
}

function rirPump() {
  if (rirDrawing) {
    return;
  }
  const next = rirNextChart();
  if (!next.target) {
    return;
  }
  rirDrawing = true;
  const draw = function () {
    const chosen = rirNextChart().target || next.target;
    rirDrawChart(chosen).then(function () {
      rirDrawing = false;
      rirPump();
    });
  };
  if (next.near) {
    draw();
  } else {
    rirWhenIdle(draw);
  }
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
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", rirStart);
} else {
  rirStart();
}
