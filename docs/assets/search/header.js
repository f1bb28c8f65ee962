// SAM search, part 1: the search field in the header, on every page.
//
// This file is small on purpose. Pagefind (its JS, WebAssembly and index chunks) is
// imported only when a reader focuses or types in a search field, so a page view
// downloads nothing of the search. On /zoeken/ it also loads facets.js.

const BUNDLE = new URL("../../pagefind/pagefind.js", import.meta.url).href;
const SEARCH_PAGE = new URL("../../zoeken/", import.meta.url);
// Each shown result downloads its page's fragment: a phone screen holds five anyway.
const HEADER_RESULTS = 5;
// One letter matches almost every word: its index chunks are large and its results useless.
const MIN_QUERY = 2;

let loading = null;

/** Pagefind, imported and initialised once, on first use. */
export function loadPagefind() {
  if (!loading) {
    loading = import(BUNDLE).then(async (pagefind) => {
      // From the header: on the main thread, one request less than Pagefind's web worker.
      // On /zoeken/ (filter counts: several searches at once) the worker keeps the page responsive.
      const worker = Boolean(document.getElementById("sam-zoeken"));
      await pagefind.options({ noWorker: !worker, excerptLength: 22 });
      await pagefind.init();
      return pagefind;
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Pagefind's excerpt as safe HTML: only its <mark> highlights survive. */
export function excerptHtml(data) {
  const plain = data.excerpt ?? "";
  return escapeHtml(plain).replace(/&lt;(\/?)mark&gt;/g, "<$1mark>");
}

/** 'Praktijk · organisatie · regio · strategieën' from the metadata the pages carry
 * (the facts card itself is not indexed: hooks/samsite/pages/fragments.py). */
export function metaLine(data) {
  const meta = data.meta || {};
  return [meta.soort, meta.organisatie, meta.regio, meta.strategie].filter(Boolean).join(" · ");
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Move focus between the links of a result list with the arrow keys. */
export function arrowKeys(list, onEscape, before) {
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const index = links.indexOf(document.activeElement);
    if (index < 0) return;
    if (event.key === "ArrowDown" && index < links.length - 1) {
      links[index + 1].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp") {
      (index > 0 ? links[index - 1] : before).focus();
      event.preventDefault();
    } else if (event.key === "Escape" && onEscape) {
      onEscape();
      event.preventDefault();
    }
  });
}

function headerSearch(box) {
  const form = box.querySelector("form");
  const input = form.elements.q;
  const list = box.querySelector(".md-search-result__list");
  const meta = box.querySelector(".md-search-result__meta");
  const toggle = document.getElementById("__search");
  let current = 0;

  const open = () => { if (toggle && !toggle.checked) toggle.checked = true; };
  const close = () => {
    if (toggle) toggle.checked = false;
    list.replaceChildren(); // hidden results must not stay in the tab order
  };
  const idle = () => {
    list.replaceChildren();
    meta.textContent = "Typ om te zoeken";
  };

  async function run() {
    const query = input.value.trim();
    const seq = ++current;
    if (!query) return idle();
    open();
    if (query.length < MIN_QUERY) {
      list.replaceChildren();
      meta.textContent = "Typ minstens twee letters";
      return;
    }
    meta.textContent = "Zoeken…";
    try {
      const pagefind = await loadPagefind();
      const search = await pagefind.search(query);
      const top = await Promise.all(search.results.slice(0, HEADER_RESULTS).map((r) => r.data()));
      if (seq !== current) return;
      const total = search.results.length;
      meta.textContent = total ? plural(total, "resultaat", "resultaten") : "Geen resultaten";
      const items = top.map((data) => {
        const item = document.createElement("li");
        item.className = "md-search-result__item";
        const line = metaLine(data);
        item.innerHTML =
          `<a class="md-search-result__link" href="${escapeHtml(data.url)}">` +
          `<div class="md-search-result__article md-typeset">` +
          `<div class="md-search-result__icon md-icon"></div>` +
          `<p class="sam-result__title">${escapeHtml(data.meta?.title)}</p>` +
          (line ? `<p class="sam-result__meta">${escapeHtml(line)}</p>` : "") +
          `<p>${excerptHtml(data)}</p></div></a>`;
        return item;
      });
      const all = document.createElement("li");
      all.className = "md-search-result__item";
      const target = new URL(SEARCH_PAGE);
      target.searchParams.set("q", query);
      all.innerHTML = `<a class="md-search-result__link sam-search-all" href="${escapeHtml(target.href)}">` +
        `${total > HEADER_RESULTS ? "Alle resultaten" : "Verder zoeken"}, met filters${FILTERS ? ` op ${escapeHtml(FILTERS)}` : ""}</a>`;
      list.replaceChildren(...items, all);
    } catch (error) {
      if (seq === current) meta.textContent = "Zoeken lukt nu niet. Probeer het opnieuw.";
      throw error;
    }
  }

  input.addEventListener("focus", () => { open(); loadPagefind(); });
  input.addEventListener("input", debounce(run, 200));
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      const first = list.querySelector("a");
      if (first) { first.focus(); event.preventDefault(); }
    } else if (event.key === "Escape") {
      close();
      input.blur();
    }
  });
  arrowKeys(list, () => { close(); input.focus(); }, input);
  form.addEventListener("reset", () => { idle(); setTimeout(() => input.focus()); });
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget)) close();
  });
  toggle?.addEventListener("change", () => {
    if (toggle.checked) {
      input.focus();
      if (input.value.trim()) run();
    } else {
      close();
    }
  });
  // On a phone the header shows only a search button (a link to /zoeken/): open the field instead.
  document.querySelector(".sam-search-button")?.addEventListener("click", (event) => {
    if (getComputedStyle(box).display === "none") return;
    event.preventDefault();
    open();
    input.focus();
  });
}

const box = document.querySelector("[data-sam-search]");
// The taxonomies as one Dutch phrase ('strategie, sector en niveau'), from vocabulaire.yml via the theme.
const FILTERS = box?.dataset.samSearch;
if (box) headerSearch(box);
if (document.getElementById("sam-zoeken")) import("./facets.js");
if (document.getElementById("sam-selectie")) import("./selection.js");
