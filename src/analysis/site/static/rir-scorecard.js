// The scorecard's filters (written by analysis.claims.scorecard_block).
//
// The page holds a hidden form with one group of radio buttons per filter
// (fieldset[data-filter="verdict" | "basis" | "phase"]), a hidden count line
// (role="status", aria-live="polite") and the claim cards, each carrying
// data-verdict, data-basis and data-phase. This script shows the form and the
// count line; a choice hides the cards that do not match every chosen value
// and the count line says "Showing 4 of 30 claims (verdict: contradicted)."
// Without this script the form stays hidden and every card shows.
(function () {
  "use strict";

  function chosen(form) {
    const picked = {};
    form.querySelectorAll("fieldset[data-filter]").forEach(function (group) {
      const checked = group.querySelector("input:checked");
      if (checked && checked.value) {
        picked[group.dataset.filter] = checked;
      }
    });
    return picked;
  }

  function labelOf(input) {
    // The button's text without its count: "contradicted (1)" -> "contradicted".
    return input.parentElement.textContent.replace(/\s*\(\d+\)\s*$/, "").trim();
  }

  function enhance(block) {
    const form = block.querySelector("form.rir-claim-filters");
    const count = block.querySelector(".rir-claim-count");
    const cards = Array.prototype.slice.call(block.querySelectorAll("li.rir-claim"));
    if (!form || !count) {
      return;
    }

    function update() {
      const picked = chosen(form);
      const keys = Object.keys(picked);
      let shown = 0;
      cards.forEach(function (card) {
        const keep = keys.every(function (key) {
          return card.dataset[key] === picked[key].value;
        });
        card.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      const noun = cards.length === 1 ? "claim" : "claims";
      const named = keys.map(function (key) {
        const legend = picked[key].closest("fieldset").querySelector("legend");
        return legend.textContent.trim().toLowerCase() + ": " + labelOf(picked[key]);
      });
      count.textContent = "Showing " + shown + " of " + cards.length + " " + noun +
        (named.length ? " (" + named.join("; ") + ")" : "") + ".";
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.hidden = false;
    count.hidden = false;
    block.classList.add("rir-enhanced");
    update();
  }

  function enhanceAll() {
    document.querySelectorAll(".rir-scorecard-block").forEach(function (block) {
      if (!block.classList.contains("rir-enhanced")) {
        enhance(block);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
