// The explorer page's script (the page is adapters/web/page.py). The page works
// without it; with it, the sliders move the view without a reload, the address
// bar always holds the view's permalink, and the view follows what is
// recorded: it is asked for again every second with its ETag, and swapped in
// only when the server answers with something new rather than 304.
//
// Whatever the server sends is parsed as a document of its own (DOMParser,
// where nothing runs) and its <main> moved into this page: no markup is ever
// built from text here.
"use strict";

(() => {
  const DAY = 86400000;
  const form = document.getElementById("controls");
  const atSlider = document.getElementById("at-slider");
  const atText = document.getElementById("at");
  const knownSlider = document.getElementById("known-at-slider");
  const knownText = document.getElementById("known-at");
  const reportedSlider = document.getElementById("reported-slider");
  const reportedText = document.getElementById("reported");
  if (
    !form ||
    !atSlider ||
    !atText ||
    !knownSlider ||
    !knownText ||
    !reportedSlider ||
    !reportedText
  ) {
    return;
  }

  let asked = 0; // the number of the last request sent
  let waiting = null; // the timer of a change not asked for yet
  let busy = false; // whether a request is out

  const main = () => document.querySelector("main");

  // The address of the view the form is set to.
  function address() {
    const query = new URLSearchParams();
    const at = atText.value.trim();
    const known = knownText.value.trim();
    if (at) {
      query.set("at", at);
    }
    if (known) {
      query.set("known_at", known);
    }
    const reported = reportedText.value.trim();
    if (reported) {
      query.set("reported", reported);
    }
    const text = query.toString();
    return text ? `/?${text}` : "/";
  }

  // The permalink of the view shown, if it is a view (not a refusal).
  function permalink() {
    const link = document.getElementById("permalink");
    return link ? link.getAttribute("href") : null;
  }

  // The stops of a slider (the times of recording the known-at slider stops
  // at, before "now"; the days of publication, before "all").
  function stops(slider = knownSlider) {
    try {
      const found = JSON.parse(slider.dataset.stops || "[]");
      return Array.isArray(found) ? found : [];
    } catch {
      return [];
    }
  }

  // A day counted from 1 January 1970, as YYYY-MM-DD.
  function isoDay(days) {
    return new Date(days * DAY).toISOString().slice(0, 10);
  }

  // Ask for the view the form is set to once it has stopped changing.
  function ask(delay) {
    clearTimeout(waiting);
    waiting = setTimeout(() => {
      waiting = null;
      load(address(), null);
    }, delay);
  }

  // Ask for a view (`held`: the ETag of the one shown, to be told 304 if it
  // has not changed), and show it if it is still the one wanted.
  async function load(url, held) {
    const number = ++asked;
    busy = true;
    try {
      const headers = held ? { "If-None-Match": held } : {};
      const answer = await fetch(url, { headers, cache: "no-store" });
      if (answer.status === 304) {
        return;
      }
      const html = await answer.text();
      if (number === asked && waiting === null) {
        show(html, url);
      }
    } catch {
      // The server is away: the next poll asks again.
    } finally {
      if (number === asked) {
        busy = false;
      }
    }
  }

  // Swap in the <main> of a page the server sent, and set the form and the
  // address bar to its view.
  function show(html, url) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const next = page.querySelector("main");
    if (!next) {
      return;
    }
    main().replaceWith(document.adoptNode(next));
    document.title = page.title;
    follow(atSlider, page.getElementById("at-slider"));
    follow(knownSlider, page.getElementById("known-at-slider"));
    follow(reportedSlider, page.getElementById("reported-slider"));
    const texts = [
      [atText, "at"],
      [knownText, "known-at"],
      [reportedText, "reported"],
    ];
    for (const [mine, id] of texts) {
      const theirs = page.getElementById(id);
      if (theirs && document.activeElement !== mine) {
        mine.value = theirs.getAttribute("value") || "";
      }
    }
    history.replaceState(null, "", permalink() || url);
  }

  // Give a slider the reach, stops and place the server gave it.
  function follow(slider, theirs) {
    if (!theirs) {
      return;
    }
    for (const name of ["min", "max", "data-stops", "aria-valuetext"]) {
      const value = theirs.getAttribute(name);
      if (value !== null) {
        slider.setAttribute(name, value);
      }
    }
    slider.value = theirs.getAttribute("value");
  }

  function poll() {
    const shown = main();
    const tag = shown ? shown.dataset.etag : null;
    if (!tag || busy || waiting !== null || document.hidden) {
      return;
    }
    load(location.pathname + location.search, tag);
  }

  atSlider.addEventListener("input", () => {
    atText.value = isoDay(Number(atSlider.value));
    atSlider.setAttribute("aria-valuetext", atText.value);
    ask(150);
  });
  knownSlider.addEventListener("input", () => {
    const all = stops();
    const stop = Number(knownSlider.value);
    knownText.value = stop < all.length ? all[stop] : "";
    knownSlider.setAttribute("aria-valuetext", knownText.value || "now");
    ask(150);
  });
  reportedSlider.addEventListener("input", () => {
    const all = stops(reportedSlider);
    const stop = Number(reportedSlider.value);
    reportedText.value = stop < all.length ? all[stop] : "";
    reportedSlider.setAttribute("aria-valuetext", reportedText.value || "all");
    ask(150);
  });
  atText.addEventListener("change", () => ask(0));
  knownText.addEventListener("change", () => ask(0));
  reportedText.addEventListener("change", () => ask(0));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(0);
  });

  atSlider.disabled = false;
  knownSlider.disabled = false;
  reportedSlider.disabled = false;
  const link = permalink();
  if (link) {
    history.replaceState(null, "", link);
  }
  setInterval(poll, 1000);
})();
