// SAM search, part 2: the search page /zoeken/ with facets.
//
// The state lives in the query string, in the same form a plain GET submit of the
// form produces: ?q=woning&strategy=agenderen&strategy=collectiviseren&sector=wonen.
// Within one facet a result needs any of the checked terms; across facets all of them.
// Counts show, per term, how many results checking it would give with the other facets.

import { arrowKeys, debounce, escapeHtml, excerptHtml, loadPagefind, metaLine, plural } from "./header.js";

const form = document.getElementById("sam-zoeken");
const input = form.elements.q;
const status = document.getElementById("sam-status");
const list = document.getElementById("sam-resultaten");
const more = document.getElementById("sam-meer");
const details = form.querySelector(".sam-filters");
const summary = details.querySelector("summary");
const jump = form.querySelector(".sam-naar-resultaten");
const pageSize = Number(form.closest("[data-page-size]")?.dataset.pageSize) || 20;
const facets = [...form.querySelectorAll("fieldset[data-facet]")].map((fieldset) => fieldset.dataset.facet);
const boxes = (facet) => [...form.querySelectorAll(`input[type=checkbox][name="${facet}"]`)];

let current = 0;
let results = [];
let shown = 0;

// keepTyped: on a slow phone a reader may type before this script runs; keep that text.
function readUrl(keepTyped = false) {
  const params = new URLSearchParams(location.search);
  if (!(keepTyped && input.value)) input.value = params.get("q") || "";
  for (const facet of facets) {
    const wanted = new Set(params.getAll(facet));
    for (const box of boxes(facet)) box.checked = wanted.has(box.value);
  }
}

function state() {
  const selected = {};
  for (const facet of facets) {
    const values = boxes(facet).filter((box) => box.checked).map((box) => box.value);
    if (values.length) selected[facet] = values;
  }
  return { q: input.value.trim(), selected };
}

function writeUrl({ q, selected }) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const facet of facets) for (const value of selected[facet] || []) params.append(facet, value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

const pagefindFilters = (selected, without) => Object.fromEntries(
  Object.entries(selected).filter(([facet]) => facet !== without).map(([facet, values]) => [facet, { any: values }]));

function showCounts(facet, counts) {
  for (const box of boxes(facet)) {
    const count = counts?.[box.value] ?? 0;
    const label = form.querySelector(`label[for="${box.id}"] [data-count]`);
    if (label) label.textContent = `(${count})`;
    box.closest("li").classList.toggle("sam-facet--leeg", count === 0 && !box.checked);
  }
}

function resultItem(data) {
  const item = document.createElement("li");
  const line = metaLine(data);
  const text = data.meta?.samenvatting && !input.value.trim() ? escapeHtml(data.meta.samenvatting) : excerptHtml(data);
  item.innerHTML =
    `<a href="${escapeHtml(data.url)}">${escapeHtml(data.meta?.title)}</a>` +
    (line ? ` <span class="sam-meta">${escapeHtml(line)}</span>` : "") +
    `<br>${text}`;
  return item;
}

// Without a search term there is no relevance: list the practices A to Z, like the
// strategy, sector and level pages. The order is a small file next to the index
// (hooks/samsite/search/search_index.py), fetched only here.
const ORDER = new URL("../../pagefind/sam-volgorde.json", import.meta.url);
let titleRanks = null;

async function byTitle(found) {
  titleRanks ??= fetch(ORDER).then((response) => (response.ok ? response.json() : []))
    .catch(() => []).then((ids) => new Map(ids.map((id, rank) => [id, rank])));
  const ranks = await titleRanks;
  const rank = (result) => ranks.get(result.id) ?? ranks.size;
  return [...found].sort((a, b) => rank(a) - rank(b));
}

async function showMore(focusFirst) {
  const seq = current;
  const batch = results.slice(shown, shown + pageSize);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (seq !== current) return;
  const items = data.map(resultItem);
  list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.length;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

// Give the browser a turn (paint, input) between steps: no step is one long task.
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function update() {
  const now = state();
  writeUrl(now);
  const active = Object.values(now.selected).reduce((sum, values) => sum + values.length, 0);
  summary.textContent = active ? `Filters (${active} actief)` : "Filters";
  const seq = ++current;
  if (!now.q && !active) {
    results = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Typ een zoekterm of kies een filter.";
    if (jump) jump.hidden = true;
  } else {
    status.textContent = "Zoeken…";
  }
  const pagefind = await loadPagefind();
  // Loads every facet's filter chunk, so each search reports counts for all facets.
  const totals = await pagefind.filters();
  if (!now.q && !active) {
    if (seq === current) for (const facet of facets) showCounts(facet, totals[facet]);
    return;
  }
  const term = now.q || null;
  const search = await pagefind.search(term, { filters: pagefindFilters(now.selected) });
  const ordered = term ? search.results : await byTitle(search.results);
  if (seq !== current) return;
  // The results first; the counts next to the filters after them (more searches).
  results = ordered;
  shown = 0;
  list.replaceChildren();
  await showMore(false);
  if (seq !== current) return;
  const found = results.length ? plural(results.length, "resultaat", "resultaten") : "Geen resultaten";
  if (jump) {
    jump.firstElementChild.textContent = `Naar de resultaten (${results.length})`;
    jump.hidden = false;
  }
  const quoted = now.q.length > 60 ? `${now.q.slice(0, 60)}…` : now.q; // a pasted page stays one line
  status.textContent = found + (now.q ? ` voor ‘${quoted}’` : "") +
    (active ? ` met ${plural(active, "filter", "filters")}` : "") + ".";
  // Counts of a facet with checked terms come from a search without that facet.
  const counts = {};
  for (const facet of facets) {
    if (!now.selected[facet]) {
      counts[facet] = search.filters?.[facet];
      continue;
    }
    const others = pagefindFilters(now.selected, facet);
    if (term || Object.keys(others).length) {
      await nextTask();
      counts[facet] = (await pagefind.search(term, { filters: others })).filters?.[facet];
    } else {
      counts[facet] = totals[facet];
    }
    if (seq !== current) return;
  }
  for (const facet of facets) showCounts(facet, counts[facet]);
}

readUrl(true);
if (!matchMedia("(min-width: 45em)").matches && !Object.keys(state().selected).length) details.open = false;
form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
form.addEventListener("change", (event) => { if (event.target.type === "checkbox") update(); });
input.addEventListener("input", debounce(update, 200));
input.addEventListener("focus", () => loadPagefind(), { once: true });
form.querySelector(".sam-reset")?.addEventListener("click", (event) => {
  event.preventDefault();
  for (const facet of facets) for (const box of boxes(facet)) box.checked = false;
  update();
});
more.addEventListener("click", () => showMore(true));
arrowKeys(list, null, input);
window.addEventListener("popstate", () => { readUrl(); update(); });
// A shared link with a query, or text typed before this script ran: search once the page
// has painted (its text first, then the results).
const start = state();
if (start.q || Object.keys(start.selected).length) requestAnimationFrame(() => setTimeout(update, 0));
