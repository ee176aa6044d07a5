/* Traced numbers (analysis.site.sphinx_numbers): each number's note is written once, in
   the page's list of notes (the <li> its aria-describedby names). This script copies
   it onto the number as data-note, from which rir-numbers.css draws the card shown on
   hover and keyboard focus; writing it twice in the page would add a fifth to the
   longest pages. Without scripts the list (shown in print) and the screen reader's
   description still give every note. */
(function () {
  "use strict";

  function showNotes() {
    document.querySelectorAll(".rir-fact[aria-describedby]").forEach(function (number) {
      var note = document.getElementById(number.getAttribute("aria-describedby"));
      if (note) number.setAttribute("data-note", note.textContent);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showNotes);
  } else {
    showNotes();
  }
})();
