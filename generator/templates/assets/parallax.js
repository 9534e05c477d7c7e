/* Parallax: conveniences on top of pages that work without this script. Without it every fact's
   citation is text inside its <details>, each outlet's version is cited on the story's citations
   page, filters are :target links and links are plain links. With it: (1) copy buttons and outlet
   citations are made on demand, (2) site-relative permalinks become full addresses, (3) filters
   combine instantly, (4) a folded group opens when a link points into it, (5) folder links work
   from disk (file://). */
(function () {
  "use strict";

  var LQ = "\u201c", RQ = "\u201d";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { if (document.execCommand("copy")) resolve(); else reject(new Error("copy refused")); }
      catch (err) { reject(err); }
      finally { document.body.removeChild(area); }
    });
  }

  function isAbsolute(url) { return /^[a-z][a-z0-9+.-]*:/i.test(url); }
  function pageAddress() { return window.location.href.split("#")[0]; }
  function today() { return new Date().toISOString().slice(0, 10); }
  function wiki(value) { return String(value).split("|").join("{{!}}").split("}}").join("} }").split("{{").join("{ {"); }
  function squash(text) { return String(text).replace(/\s+/g, " ").trim(); }
  function endSentence(text) {
    text = squash(text);
    return /[.!?\u2026]["'\u201d\u2019)\]]*$/.test(text) ? text : text + ".";
  }

  var data = null;
  function citeData() {
    if (data === null) {
      var el = document.getElementById("px-cite-data");
      data = el ? JSON.parse(el.textContent) : {};
    }
    return data;
  }
  function stamp(d) { return d.site + " " + d.version + " comparison" + (d.compared ? " of " + d.compared : ""); }
  function permalinkFor(anchor) {
    var d = citeData();
    return d.base ? d.base + "/" + d.storyUrl + "#" + anchor : pageAddress() + "#" + anchor;
  }

  /* A fact's citation, as the build writes it (for facts whose citation is not in the page). */
  function factCitation(label, verdict, anchor) {
    var d = citeData(), link = permalinkFor(anchor), acc = today();
    return {
      link: link,
      plain: d.site + ", " + LQ + label + RQ + ", in " + LQ + d.story + RQ + " (" + stamp(d) + "). " + endSentence(verdict) +
        " " + link + " (accessed " + acc + ").",
      wiki: "{{cite news |url=" + link + " |title=" + wiki(label) + " |work=" + d.site + ": " + wiki(d.story) +
        " |publisher=" + d.site + " " + d.version + (d.compared ? " |date=" + d.compared : "") + " |quote=" + wiki(verdict) +
        " |access-date=" + acc + "}}"
    };
  }

  /* One outlet's version of a fact, made on demand from the page and the story's source list. */
  function versionCitation(sourceId, sentence, anchor) {
    var d = citeData(), s = (d.sources || {})[sourceId] || {}, link = permalinkFor(anchor), acc = today();
    var title = endSentence(s.title || "").replace(/\.$/, "");
    var head = s.outlet + ", " + LQ + title + RQ + (s.published ? ", " + s.published : "");
    var fields = [];
    if (s.url) fields.push("url=" + s.url);
    fields.push("title=" + wiki(s.title || ""), "work=" + wiki(s.outlet || ""));
    if (s.published) fields.push("date=" + s.published);
    if (s.author) fields.push("author=" + wiki(s.author));
    fields.push("quote=" + wiki(squash(sentence)), "via=" + wiki(stamp(d)) + ", " + link, "access-date=" + acc);
    return {
      link: link,
      plain: head + ": " + LQ + endSentence(sentence) + RQ + " Compared in the " + stamp(d) + ": " + link + " (accessed " + acc + ").",
      wiki: "{{cite news |" + fields.join(" |") + "}}"
    };
  }

  function button(label, text, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "px-copy " + cls;
    b.textContent = label;
    b.setAttribute("data-copy", text);
    b.addEventListener("click", function () {
      copyText(b.getAttribute("data-copy")).then(function () {
        b.setAttribute("data-copied", "1");
        b.textContent = "Copied";
        setTimeout(function () { b.textContent = label; }, 2000);
      }, function () { b.textContent = "Select the text to copy"; });
    });
    return b;
  }

  function panel(rows) {
    var box = document.createElement("div");
    box.className = "px-cite-panel";
    rows.forEach(function (row) {
      var p = document.createElement("p");
      if (row.title) { var t = document.createElement("b"); t.textContent = row.title + " "; p.appendChild(t); }
      p.appendChild(button("Copy citation", row.cite.plain, "px-copy-citation"));
      p.appendChild(button("Copy link", row.cite.link, "px-copy-link"));
      p.appendChild(button("Copy {{cite news}}", row.cite.wiki, "px-copy-wiki"));
      box.appendChild(p);
    });
    return box;
  }

  /* Items name their outlet by its place in the story's list (data-o, or a px-oN class). */
  function sourceOf(li) {
    var n = li.getAttribute("data-o");
    if (n === null) {
      var m = /(?:^|\s)px-o(\d+)(?:\s|$)/.exec(li.className);
      n = m ? m[1] : null;
    }
    return n === null ? null : (citeData().order || [])[Number(n)];
  }

  function sentenceOf(li) {
    var q = li.querySelector("q");
    return q ? q.textContent : "";
  }

  /* "Cite this fact" opened: the fact's buttons, then one row per outlet's version. */
  function onCiteToggle(details) {
    if (!details.open || details.getAttribute("data-px-ready")) return;
    details.setAttribute("data-px-ready", "1");
    var anchor = details.getAttribute("data-anchor");
    var text = details.querySelector(".px-cite-text");
    var plain = text ? squash(text.textContent) : "";
    var fact = factCitation("", "", anchor);
    var rows = [{ title: "This fact", cite: { link: fact.link, plain: plain, wiki: wikiOfFact(details, anchor) } }];
    var section = details.closest(".px-fact");
    if (section) {
      section.querySelectorAll("ul.px-versions > li[id]").forEach(function (li) {
        var sid = sourceOf(li);
        var outlet = li.querySelector("a") ? li.querySelector("a").textContent : "";
        rows.push({ title: outlet + "\u2019s version", cite: versionCitation(sid, sentenceOf(li), li.id) });
      });
    }
    details.appendChild(panel(rows));
  }

  function wikiOfFact(details, anchor) {
    var section = details.closest(".px-fact");
    var h = section ? section.querySelector(".px-fact-title") : null;
    var label = h ? squash(h.textContent.replace("\u00b6", "")) : "";
    var verdictEl = section ? section.querySelector(".px-verdict") : null;
    var verdict = verdictEl ? squash(verdictEl.textContent) : "";
    return factCitation(label, verdict, anchor).wiki;
  }

  /* A single-outlet fact's citation button appears when its group is opened. */
  function onGroupToggle(group) {
    if (!group.open || group.getAttribute("data-px-ready")) return;
    group.setAttribute("data-px-ready", "1");
    group.querySelectorAll("li.px-single").forEach(function (li) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "px-cite-version";
      b.textContent = "cite";
      b.addEventListener("click", function () {
        if (li.querySelector(".px-cite-panel")) return;
        var label = squash(li.querySelector("a.headerlink").textContent.replace("\u00b6", ""));
        var q = li.querySelector("q");
        var outlet = li.querySelectorAll("a")[1].textContent;
        li.appendChild(panel([
          { title: "This fact", cite: factCitation(label, "Only " + outlet + " reports this", li.id) },
          { title: outlet + "\u2019s version", cite: versionCitation(sourceOf(li), q.textContent, q.id) }
        ]));
      });
      li.appendChild(document.createTextNode(" "));
      li.appendChild(b);
    });
  }

  /* Site-relative permalinks in citations become the address the reader has open. */
  function absolutise(box) {
    var rel = box.getAttribute("data-permalink"), anchor = box.getAttribute("data-anchor");
    if (!rel || !anchor || isAbsolute(rel)) return;
    var full = pageAddress() + "#" + anchor;
    box.querySelectorAll(".px-fill").forEach(function (el) { el.textContent = el.textContent.split(rel).join(full); });
  }

  /* Filters: kind, status and outlet combine; the address keeps the last one for a no-script reload. */
  var state = { kind: "", st: "", o: "" };
  function applyFilters(area) {
    var shown = 0, total = 0;
    area.querySelectorAll(".px-item").forEach(function (item) {
      var ok = (!state.kind || item.classList.contains("px-kind-" + state.kind)) &&
        (!state.st || item.classList.contains("px-st-" + state.st)) &&
        (state.o === "" || item.classList.contains("px-o" + state.o));
      item.hidden = !ok;
      total += 1;
      if (ok) shown += 1;
    });
    area.querySelectorAll("details.px-group").forEach(function (g) {
      var any = g.querySelector(".px-item:not([hidden])");
      g.hidden = !any;
      if (any && (state.kind || state.st || state.o !== "") && !g.open) g.open = true;
    });
    document.querySelectorAll("a.px-f").forEach(function (a) {
      a.setAttribute("aria-pressed", String(state[a.getAttribute("data-dim")] === a.getAttribute("data-val")));
    });
    var note = document.querySelector(".px-filter-state");
    if (note) note.textContent = shown === total ? "" : "Showing " + shown + " of " + total + " facts.";
  }
  function initFilters() {
    var area = document.querySelector(".px-area");
    if (!area) return;
    area.classList.add("px-js");
    var m = /^#only-(kind|st)-(\w+)$|^#only-o(\d+)$/.exec(window.location.hash);
    if (m) { if (m[3] !== undefined) state.o = m[3]; else state[m[1]] = m[2]; }
    document.querySelectorAll("a.px-f").forEach(function (a) {
      a.setAttribute("role", "button");
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        state[a.getAttribute("data-dim")] = a.getAttribute("data-val");
        applyFilters(area);
      });
    });
    applyFilters(area);
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
      if (p.hidden) { p.hidden = false; opened = true; }
    }
    if (el.hidden) { el.hidden = false; opened = true; }
    if (opened) el.scrollIntoView();
  }

  /* Opened from disk there is no server to turn a folder into its index.html. */
  function fixFolderLinks() {
    if (window.location.protocol !== "file:") return;
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (isAbsolute(href) || href.charAt(0) === "#") return;
      var parts = href.split("#");
      if (parts[0] === "" || /\/$/.test(parts[0]) || parts[0] === ".") {
        parts[0] = (parts[0] === "." ? "./" : parts[0]) + "index.html";
        a.setAttribute("href", parts.join("#"));
      }
    });
  }

  /* The theme's search dialog has no name of its own: give it one for assistive technology. */
  function nameDialogs() {
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "Search");
    });
  }

  function init() {
    nameDialogs();
    fixFolderLinks();
    document.querySelectorAll("details.px-cite").forEach(function (d) {
      absolutise(d);
      d.addEventListener("toggle", function () { onCiteToggle(d); });
    });
    document.querySelectorAll("details.px-group").forEach(function (g) {
      g.addEventListener("toggle", function () { onGroupToggle(g); });
    });
    initFilters();
    revealTarget();
  }

  window.addEventListener("hashchange", revealTarget);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); /* mkdocs-material instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
