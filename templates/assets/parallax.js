/* Parallax: copy-citation buttons. The page works without this script: the
   citation text is always shown inside its <details>; the buttons only appear
   when copying is possible. */
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
        document.execCommand("copy") ? resolve() : reject(new Error("copy refused"));
      } catch (err) {
        reject(err);
      } finally {
        document.body.removeChild(area);
      }
    });
  }
  function init() {
    document.querySelectorAll("button.px-copy").forEach(function (button) {
      if (button.dataset.pxReady) return;
      button.dataset.pxReady = "1";
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        copyText(button.getAttribute("data-copy")).then(function () {
          button.textContent = "Copied";
          button.setAttribute("data-copied", button.getAttribute("data-copy"));
          setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          button.textContent = "Select the text below to copy";
        });
      });
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); /* mkdocs-material instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
