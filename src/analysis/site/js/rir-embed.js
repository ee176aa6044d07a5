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
  axis: { labelFontSize: 10, titleFontSize: 11, titleLimit: 200 },
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
  if (target.clientWidth > 0 && target.clientWidth < 560) {
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

window.rirViews = window.rirViews || {};
window.rirDrawCharts = rirDrawCharts;
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", rirDrawCharts);
} else {
  rirDrawCharts();
}
