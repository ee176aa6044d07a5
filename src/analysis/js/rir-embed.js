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
  legend: { labelFontSize: 10, titleFontSize: 10, labelLimit: 150 },
};

function rirDrawCharts() {
  document.querySelectorAll("div.rir-vega").forEach(function (target) {
    if (target.dataset.rirDrawn) {
      return;
    }
    const source = document.querySelector('script.rir-spec[data-for="' + target.id + '"]');
    if (!source) {
      rirFail(target, new Error("its specification is missing from the page"));
      return;
    }
    let spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      rirFail(target, error);
      return;
    }
    target.dataset.rirDrawn = "pending";
    // On narrow screens (phones) smaller type keeps titles and legends inside the chart.
    if (target.clientWidth > 0 && target.clientWidth < 560) {
      spec.config = spec.config || {};
      Object.keys(RIR_NARROW_CONFIG).forEach(function (key) {
        spec.config[key] = Object.assign({}, spec.config[key] || {}, RIR_NARROW_CONFIG[key]);
      });
    }
    vegaEmbed(target, spec, { renderer: "svg", actions: false, mode: "vega-lite" })
      .then(function (result) {
        // Brush rectangles are interaction handles, not content: hide them from
        // assistive technology (Vega gives them an img role without a label).
        target
          .querySelectorAll('[class*="_brush"]')
          .forEach(function (element) {
            element.setAttribute("aria-hidden", "true");
          });
        window.rirViews[target.id] = result.view;
        target.dataset.rirDrawn = "yes";
      })
      .catch(function (error) {
        rirFail(target, error);
      });
  });
}

window.rirViews = window.rirViews || {};
window.rirDrawCharts = rirDrawCharts;
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", rirDrawCharts);
} else {
  rirDrawCharts();
}
