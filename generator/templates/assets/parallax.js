/* Parallax: copy-citation buttons and small conveniences. The pages work without this
   script: every citation is shown as text inside its <details>, and links are plain links.
   The script only (1) shows the copy buttons, (2) turns site-relative permalinks into full
   addresses, (3) opens a folded group when a link points into it, and (4) unfolds
   everything for printing. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try {
        if (document.execCommand("copy")) resolve(); else reject(new Error("copy refused"));
      } catch (err) {
        reject(err);
      } finally {
        document.body.removeChild(area);
      }
    });
  }

  /* A permalink written relative to the site root ("stories/x/#id") becomes this page's full address. */
  function absolutise(box) {
    var rel = box.getAttribute("data-permalink");
    var anchor = box.getAttribute("data-anchor");
    if (!rel || !anchor || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return;
    var here = window.location.href.split("#")[0];
    var full = here + "#" + anchor;
    function swap(s) { return s.split(rel).join(full); }
    box.querySelectorAll(".px-fill").forEach(function (el) { el.textContent = swap(el.textContent); });
    box.querySelectorAll("button.px-copy").forEach(function (b) { b.setAttribute("data-copy", swap(b.getAttribute("data-copy"))); });
  }

  function initCopy(button) {
    if (button.dataset.pxReady) return;
    button.dataset.pxReady = "1";
    var label = button.textContent;
    button.addEventListener("click", function () {
      copyText(button.getAttribute("data-copy")).then(function () {
        button.textContent = "Copied";
        button.setAttribute("data-copied", "1");
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        button.textContent = "Select the text below to copy";
      });
    });
  }

  /* Open every closed <details> around the element the address points to, then show it. */
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    var opened = false;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) { p.open = true; opened = true; }
    }
    if (opened) el.scrollIntoView();
  }

  var printOpened = [];
  function openAllForPrint() {
    printOpened = [];
    document.querySelectorAll(".px-page details:not([open])").forEach(function (d) { d.open = true; printOpened.push(d); });
  }
  function restoreAfterPrint() {
    printOpened.forEach(function (d) { d.open = false; });
    printOpened = [];
  }

  function init() {
    document.querySelectorAll("details.px-cite").forEach(absolutise);
    document.querySelectorAll("button.px-copy").forEach(initCopy);
    document.querySelectorAll(".px-copy-row").forEach(function (row) { row.hidden = false; });
    document.querySelectorAll(".px-print-url[data-anchor]").forEach(function (el) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(el.textContent)) {
        el.textContent = window.location.href.split("#")[0] + "#" + el.getAttribute("data-anchor");
      }
    });
    revealTarget();
  }

  window.addEventListener("hashchange", revealTarget);
  window.addEventListener("beforeprint", openAllForPrint);
  window.addEventListener("afterprint", restoreAfterPrint);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); /* mkdocs-material instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
