/* The few things the book's pages used the theme's bootstrap.js (81 KB) for,
   in our own small script:
   - header menus (the download menu): open on click or Enter, close on Escape,
     on a click elsewhere or when focus leaves; arrow keys move through items;
   - button hints: the theme writes some hints as data-bs-title only; they
     become the button's title, which the browser shows on hover;
   - the "back to top" button: shown when the reader scrolls up below the header;
   - the sidebar buttons of the article's header (see setUpSidebarToggles).
   No library, no outside request. */
(function () {
  "use strict";

  function menuOf(toggle) {
    var box = toggle.closest(".dropdown");
    return box ? box.querySelector(".dropdown-menu") : null;
  }

  function items(menu) {
    return Array.prototype.slice.call(menu.querySelectorAll(".dropdown-item"));
  }

  function setOpen(toggle, open) {
    var menu = menuOf(toggle);
    if (!menu) return;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.classList.toggle("show", open);
    menu.classList.toggle("show", open);
  }

  function closeAll(except) {
    document.querySelectorAll('[data-bs-toggle="dropdown"][aria-expanded="true"]').forEach(function (toggle) {
      if (toggle !== except) setOpen(toggle, false);
    });
  }

  // Below its button, right edges aligned (header menus sit at the right of the page),
  // whether opened by a click or shown by the theme while the pointer is on the button.
  function place(toggle, menu) {
    toggle.closest(".dropdown").style.position = "relative";
    menu.style.top = "100%";
    menu.style.right = "0";
    menu.style.left = "auto";
    menu.style.transform = "none";
  }

  function setUpMenus() {
    document.querySelectorAll('[data-bs-toggle="dropdown"]').forEach(function (toggle) {
      var menu = menuOf(toggle);
      if (!menu) return;
      place(toggle, menu);
      toggle.addEventListener("click", function (event) {
        event.preventDefault();
        var open = toggle.getAttribute("aria-expanded") !== "true";
        closeAll(toggle);
        setOpen(toggle, open);
      });
      toggle.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown") {
          event.preventDefault();
          closeAll(toggle);
          setOpen(toggle, true);
          var first = items(menu)[0];
          if (first) first.focus();
        }
      });
      menu.addEventListener("keydown", function (event) {
        var list = items(menu);
        var at = list.indexOf(document.activeElement);
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          var next = event.key === "ArrowDown" ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0);
          if (list[next]) list[next].focus();
        }
      });
      toggle.closest(".dropdown").addEventListener("focusout", function (event) {
        if (event.relatedTarget && !toggle.closest(".dropdown").contains(event.relatedTarget)) {
          setOpen(toggle, false);
        }
      });
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest || !event.target.closest(".dropdown")) closeAll(null);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = document.querySelector('[data-bs-toggle="dropdown"][aria-expanded="true"]');
      if (open) {
        setOpen(open, false);
        open.focus();
      }
    });
  }

  function setUpHints() {
    document.querySelectorAll("[data-bs-title]").forEach(function (element) {
      if (!element.getAttribute("title")) element.setAttribute("title", element.getAttribute("data-bs-title"));
    });
  }

  function setUpBackToTop() {
    var button = document.getElementById("pst-back-to-top");
    var header = document.querySelector(".bd-header");
    if (!button || !header) return;
    var below = header.getBoundingClientRect().bottom;
    var last = window.scrollY;
    button.addEventListener("click", function () {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
    window.addEventListener("scroll", function () {
      var now = window.scrollY;
      button.style.display = last > now && now > below ? "block" : "none";
      last = now;
    }, { passive: true });
  }

  // pydata-sphinx-theme 0.17 binds its sidebar handlers (the phone's menu and "on this
  // page" dialogs, the wide screen's collapsible sidebar) to the first .primary-toggle and
  // .secondary-toggle of the page: the buttons it adds to the top bar, which
  // sphinx-book-theme hides (pydata-sphinx-theme issue 2451). The buttons the reader sees,
  // in the article's header, had no handler and did nothing: they pass their click on.
  function setUpSidebarToggles() {
    [".primary-toggle", ".secondary-toggle"].forEach(function (selector) {
      var all = Array.prototype.slice.call(document.querySelectorAll(selector));
      var bound = all[0];
      all.slice(1).forEach(function (button) {
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          bound.click();
        });
      });
    });
  }

  function start() {
    setUpSidebarToggles();
    setUpMenus();
    setUpHints();
    setUpBackToTop();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
