// Print buttons on QR sheets and worksheets: <button data-sam-print> prints the page,
// <a href="#oefening-2" data-sam-print> only that part (print CSS hides the others via :target).
document.addEventListener("click", function (event) {
  const button = event.target.closest && event.target.closest("[data-sam-print]");
  if (!button) return;
  const hash = button.getAttribute("href");
  if (hash && hash.startsWith("#")) {
    event.preventDefault();
    location.hash = hash;
  } else if (location.hash) {
    location.hash = ""; // the whole page again
  }
  window.print();
});

// "Druk deze selectie af als QR-blad" on /zoeken/: the link carries the page's current
// query (the search term and filters facets.js keeps in the address), however it is used.
function withSelection(event) {
  const link = event.target.closest && event.target.closest("a[data-sam-selectie]");
  if (link) link.search = location.search;
}
for (const type of ["pointerdown", "focusin", "click", "auxclick", "contextmenu"]) {
  document.addEventListener(type, withSelection, true);
}
