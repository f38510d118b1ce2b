// The receipt's print button: shown only when scripts run (without them the page says how to
// print from the browser's menu). No inline script: the public CSP forbids it.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  if (!buttons.length || typeof window.print !== "function") return;
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".print-hint"), function (hint) {
    hint.hidden = true;
  });
})();
