// The receipt's print button (supervision/admin/receipt_print.html). Without JavaScript the
// button stays hidden and the page says how to print from the browser's menu.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
