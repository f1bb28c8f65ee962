// The QR sheet of a search selection: /zoeken/afdrukken/?q=…&strategy=…&sector=…
//
// The query string is the one /zoeken/ keeps in its address. The cards come from
// kaarten.json (hooks/samsite/printed/selection_sheet.py): per practice the QR code the
// build drew, so nothing is drawn here. Filters: any checked term within a facet, every
// facet (as on /zoeken/). A search term: Pagefind, with the same filters.
// The cards are the same markup as the other sheets (hooks/samsite/printed/qr_sheets.py).

import { loadPagefind } from "./header.js";

const sheet = document.getElementById("sam-selectie");
const status = document.getElementById("sam-selectie-status");
const heading = document.getElementById("sam-selectie-titel");
const back = document.getElementById("sam-selectie-terug");

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The address without 'https://', with a line-break opportunity after each '/'. */
function typedAddress(url) {
  const span = element("span", "sam-short");
  url.split("://").pop().split("/").forEach((part, index) => {
    if (index) span.append("/", document.createElement("wbr"));
    span.append(part);
  });
  return span;
}

function card(entry, number, root) {
  const figure = element("figure", "sam-qr-card");
  const image = element("img", "sam-qr");
  const pixels = Math.round((entry.mm * 96) / 25.4);
  Object.assign(image, { src: new URL(entry.qr, root).href, alt: `QR-code: ${entry.titel}`, width: pixels, height: pixels });
  image.dataset.qr = entry.adres;
  image.style.width = image.style.height = `${entry.mm}mm`;
  const caption = element("figcaption");
  caption.append(element("span", "sam-num", String(number)), " ", element("strong", "sam-card-title", entry.titel));
  if (entry.organisatie && entry.organisatie !== entry.titel) caption.append(element("span", "sam-card-meta", entry.organisatie));
  caption.append(typedAddress(entry.adres));
  figure.append(image, caption);
  return figure;
}

function selectionName(q, selected, facets) {
  const parts = q ? [`‘${q}’`] : [];
  for (const [facet, values] of Object.entries(selected)) {
    parts.push(values.map((id) => facets[facet]?.termen[id] ?? id).join(" of "));
  }
  return parts.join(" · ");
}

async function searchPaths(q, selected) {
  const pagefind = await loadPagefind();
  const filters = Object.fromEntries(Object.entries(selected).map(([facet, values]) => [facet, { any: values }]));
  const search = await pagefind.search(q, { filters });
  const data = await Promise.all(search.results.map((result) => result.data()));
  // 'praktijken/<slug>/' from the result's address, wherever the site is hosted
  return new Set(data.map((item) => new URL(item.url, location.href).pathname.split("/").filter(Boolean).slice(-2).join("/") + "/"));
}

async function show() {
  const params = new URLSearchParams(location.search);
  const url = new URL("kaarten.json", location.href);
  const root = new URL("../../", location.href); // the site root, from /zoeken/afdrukken/
  const { facetten: facets, kaarten: cards } = await (await fetch(url)).json();
  const q = (params.get("q") || "").trim();
  const selected = {};
  for (const facet of Object.keys(facets)) {
    const values = params.getAll(facet).filter(Boolean);
    if (values.length) selected[facet] = values;
  }
  back.search = location.search;
  if (!q && !Object.keys(selected).length) {
    status.textContent = "Er is nog niets geselecteerd. Kies op de zoekpagina een zoekterm of filters " +
      "en gebruik daar de link ‘Druk deze selectie af als QR-blad’.";
    return;
  }
  const name = selectionName(q, selected, facets);
  heading.textContent = `QR-blad: ${name}`;
  document.title = `QR-blad: ${name} - ${document.title.split(" - ").pop()}`;
  let chosen = cards.filter((entry) => Object.entries(selected).every(
    ([facet, values]) => values.some((value) => (entry.termen[facet] || []).includes(value))));
  if (q) {
    const found = await searchPaths(q, selected);
    chosen = chosen.filter((entry) => found.has(entry.pagina));
  }
  sheet.replaceChildren(...chosen.map((entry, index) => card(entry, index + 1, root)));
  sheet.hidden = !chosen.length;
  await Promise.all([...sheet.querySelectorAll("img")].map((image) => image.decode().catch(() => {})));
  status.textContent = chosen.length
    ? `${chosen.length} ${chosen.length === 1 ? "praktijk" : "praktijken"}: ${name}.`
    : `Geen praktijken voor ${name}.`;
}

show().catch(() => {
  status.textContent = "Het blad kon niet geladen worden. Probeer opnieuw of ga terug naar de zoekpagina.";
}).finally(() => { sheet.dataset.klaar = ""; }); // tests and print wait for this
