// Print buttons on QR sheets: <button data-sam-print>.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-sam-print]")) {
    window.print();
  }
});
