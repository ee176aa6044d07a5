// Draws every chart block of a page with the Vega libraries bundled around
// this snippet (vegaEmbed, vegaLite and vega are in scope here). Specs are read
// from inert <script type="application/json"> elements, never evaluated.
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
  let spec;
  try {
    spec = JSON.parse(source.textContent);
  } catch (error) {
    rirFail(target, error);
    return Promise.resolve();
  }
  target.dataset.rirDrawn = "pending";
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
  return vegaEmbed(target, spec, { renderer: "svg", actions: false, mode: "vega-lite" })
    .then(function (result) {
      // Brush rectangles are interaction handles, not content: hide them from
      // assistive technology (Vega gives them an img role without a label).
      target.querySelectorAll('[class*="_brush"]').forEach(function (element) {
        element.setAttribute("aria-hidden", "true");
      });
      window.rirViews[target.id] = result.view;
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
  rirDrawCharts();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", rirStart);
} else {
  rirStart();
}
