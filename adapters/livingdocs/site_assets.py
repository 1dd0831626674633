"""The living documentation's style sheet and search script, inlined in every page.

The pages' Content-Security-Policy allows these two by their SHA-256 digests and
nothing else: no other script, style, font, frame or fetch, whatever a feature
file holds.
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """
:root {
  --bg: #f7f7f5; --card: #ffffff; --fg: #1f2328; --muted: #59636e;
  --line: #d9dde3; --soft: #f1f3f5; --accent: #0a58a8; --mark: #7a3e9d;
  --pass-fg: #0f5c25; --pass-bg: #dcf5e3; --pass-line: #3fa763;
  --fail-fg: #9b1023; --fail-bg: #fde8ea; --fail-line: #e5484d;
  --skip-fg: #4b5563; --skip-bg: #eceff2; --skip-line: #a9b1bb;
  --mono: ui-monospace, "SFMono-Regular", "Cascadia Mono", Menlo, Consolas,
    "DejaVu Sans Mono", monospace;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171b; --card: #1c2026; --fg: #e6e8eb; --muted: #a0a8b3;
    --line: #343a42; --soft: #242a31; --accent: #7cb4ff; --mark: #d2a8ff;
    --pass-fg: #8ee0a6; --pass-bg: #173322; --pass-line: #2f8f4e;
    --fail-fg: #ffaab0; --fail-bg: #3d1a1e; --fail-line: #e5484d;
    --skip-fg: #c4cad2; --skip-bg: #2a3038; --skip-line: #5d6670;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
    "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible, input:focus-visible, summary:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px;
}
code, pre, .tag, .path { font-family: var(--mono); font-size: 0.875em; }
code { background: var(--soft); border-radius: 4px; padding: 0.05em 0.3em; }
.wrap { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
.top { background: var(--card); border-bottom: 1px solid var(--line); }
.top .wrap {
  display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline;
  justify-content: space-between; padding-top: 0.7rem; padding-bottom: 0.7rem;
}
.brand { font-weight: 650; color: var(--fg); text-decoration: none; }
.brand span { color: var(--muted); font-weight: 400; }
.run { color: var(--muted); font-size: 0.875rem; }
main { padding-top: 1.75rem; padding-bottom: 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.4rem; letter-spacing: -0.01em; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0; }
h3 { font-size: 1.05rem; line-height: 1.35; margin: 0; }
h4 { font-size: 0.95rem; margin: 1rem 0 0.3rem; }
.kind { color: var(--muted); font-weight: 500; }
.lede { color: var(--muted); max-width: 46rem; }
.prose p { margin: 0.5rem 0; max-width: 46rem; }
.prose pre { margin: 0.6rem 0; }
.totals {
  display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.6rem 0;
}
.badge {
  display: inline-flex; align-items: center; gap: 0.3em; white-space: nowrap;
  border: 1px solid; border-radius: 999px; padding: 0 0.6em;
  font-size: 0.8rem; font-weight: 600; line-height: 1.6; vertical-align: 0.1em;
}
.badge.passed {
  color: var(--pass-fg); background: var(--pass-bg); border-color: var(--pass-line);
}
.badge.failed {
  color: var(--fail-fg); background: var(--fail-bg); border-color: var(--fail-line);
}
.badge.not-run {
  color: var(--skip-fg); background: var(--skip-bg); border-color: var(--skip-line);
}
.tags { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.35rem 0; }
.tag {
  color: var(--mark); background: var(--soft); border-radius: 4px; padding: 0 0.35em;
}
.search { margin: 1.25rem 0 0.75rem; }
.search label { display: block; font-weight: 600; margin-bottom: 0.3rem; }
.search input {
  width: 100%; font: inherit; color: inherit; background: var(--card);
  border: 1px solid var(--line); border-radius: 8px; padding: 0.55rem 0.85rem;
}
.search p {
  color: var(--muted); font-size: 0.875rem; margin: 0.35rem 0 0; min-height: 1.4em;
}
.card {
  background: var(--card); border: 1px solid var(--line); border-left-width: 5px;
  border-radius: 8px; padding: 1rem 1.2rem; margin: 0 0 1rem;
}
.card.passed { border-left-color: var(--pass-line); }
.card.failed { border-left-color: var(--fail-line); }
.card.not-run { border-left-color: var(--skip-line); }
.card > header {
  display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline;
}
.card > header h2, .card > header h3 { flex: 1 1 20rem; }
.card .prose { color: var(--muted); }
.more summary { cursor: pointer; color: var(--accent); font-size: 0.875rem; }
ul.scenarios {
  list-style: none; padding: 0; margin: 0.75rem 0 0;
  border-top: 1px solid var(--line);
}
ul.scenarios li {
  display: flex; gap: 0.75rem; justify-content: space-between; align-items: baseline;
  padding: 0.3rem 0; border-bottom: 1px solid var(--soft);
}
ul.scenarios li.rule-item { display: block; padding-top: 0.5rem; border: 0; }
ul.scenarios li.rule-item > .kind { font-size: 0.875rem; }
ul.scenarios li.rule-item ul {
  list-style: none; padding: 0 0 0 1rem; margin: 0.2rem 0 0;
  border-left: 2px solid var(--line);
}
.path { color: var(--muted); }
.rule { margin: 2.25rem 0 0; }
.rule > h2 {
  padding-bottom: 0.3rem; border-bottom: 2px solid var(--line); margin-bottom: 0.6rem;
}
.background {
  background: var(--soft); border-radius: 8px; padding: 0.8rem 1.2rem;
  margin: 0 0 1rem;
}
.background h3 { font-size: 0.95rem; }
ol.steps { list-style: none; padding: 0; margin: 0.6rem 0 0; }
ol.steps > li {
  display: grid; grid-template-columns: 3.6rem minmax(0, 1fr); column-gap: 0.6rem;
  padding: 0.12rem 0;
}
ol.steps > li > * { grid-column: 2; }
ol.steps > li > .badge { justify-self: start; margin: 0.1rem 0; }
ol.steps > li > .kw {
  grid-column: 1; text-align: right; font-weight: 650; color: var(--accent);
}
ol.steps > li.failed > .text { color: var(--fail-fg); font-weight: 600; }
.placeholder { color: var(--mark); font-family: var(--mono); font-size: 0.9em; }
.table { overflow-x: auto; margin: 0.35rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td {
  border: 1px solid var(--line); padding: 0.2rem 0.55rem; text-align: left;
  vertical-align: top;
}
th { background: var(--soft); font-weight: 600; }
tr.failed td { background: var(--fail-bg); }
pre {
  background: var(--soft); border-radius: 6px; padding: 0.6rem 0.8rem;
  overflow-x: auto; line-height: 1.45; margin: 0.35rem 0;
}
.doc .media { color: var(--muted); font-size: 0.8rem; }
.examples { margin-top: 0.8rem; }
.error summary {
  cursor: pointer; color: var(--fail-fg); font-weight: 600; margin-top: 0.6rem;
}
.anchor { color: var(--muted); text-decoration: none; font-size: 0.9rem; }
footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.6rem; }
  ol.steps > li { grid-template-columns: 3rem minmax(0, 1fr); }
}
@media print {
  .search, .top .run { display: none; }
  .card { break-inside: avoid; }
}
"""

SEARCH = """
(function () {
  "use strict";
  var box = document.getElementById("search");
  var said = document.getElementById("search-said");
  if (!box || !said) {
    return;
  }
  function textOf(node) {
    return (node.getAttribute("data-search") || "").toLowerCase();
  }
  var groups = Array.prototype.map.call(
    document.querySelectorAll("[data-group]"),
    function (node) {
      var items = Array.prototype.map.call(
        node.querySelectorAll("[data-item]"),
        function (item) { return { node: item, text: textOf(item) }; }
      );
      return { node: node, text: textOf(node), items: items };
    }
  );
  var total = groups.reduce(function (sum, g) { return sum + g.items.length; }, 0);
  var nouns = box.getAttribute("data-groups");
  function node(group, selector) {
    return group.node.querySelectorAll(selector);
  }
  function has(text, terms) {
    return terms.every(function (term) { return text.indexOf(term) !== -1; });
  }
  function filter() {
    var terms = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var items = 0;
    var shownGroups = 0;
    groups.forEach(function (group) {
      var any = false;
      group.items.forEach(function (item) {
        var hit = has(group.text + " " + item.text, terms);
        item.node.hidden = !hit;
        if (hit) {
          items += 1;
          any = true;
        }
      });
      Array.prototype.forEach.call(node(group, "[data-sub]"), function (sub) {
        sub.hidden = sub.querySelector("[data-item]:not([hidden])") === null;
      });
      var shown = any || (group.text !== "" && has(group.text, terms));
      group.node.hidden = !shown && terms.length > 0;
      shownGroups += shown ? 1 : 0;
    });
    if (terms.length === 0) {
      said.textContent = "";
    } else if (items === 0 && shownGroups === 0) {
      said.textContent = "Nothing matches \\u201c" + box.value.trim() + "\\u201d.";
    } else {
      said.textContent = (nouns ? shownGroups + " of " + groups.length + " " +
        nouns + ", " : "") + items + " of " + total + " scenarios match.";
    }
  }
  box.addEventListener("input", filter);
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== box) {
      event.preventDefault();
      box.focus();
    } else if (event.key === "Escape" && document.activeElement === box) {
      box.value = "";
      filter();
    }
  });
  filter();
})();
"""


def digest(text: str) -> str:
    """The CSP source that allows an inline style or script of exactly this text."""
    hashed = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{hashed}'"


#: No fetch, frame, font, form or image beyond the inline icon; only our style
#: and script.
POLICY = (
    "default-src 'none'; "
    f"style-src {digest(STYLE)}; script-src {digest(SEARCH)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
