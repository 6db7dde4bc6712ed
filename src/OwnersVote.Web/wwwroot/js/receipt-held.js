// Step ⑤ while a receipt waits for its compound's witnesses (docs/operations.md "Per-compound
// witnesses"): the ballot is in the log, the receipt page says so. This asks /api/receipts/{index}
// again after each Retry-After (503 while held) and shows the page again once the receipt is given
// (200). Without JavaScript the "check again" link does the same by hand. Not a <meta refresh>: a
// timed reload throws a screen reader back to the top of the page every few seconds (WCAG 2.2.1).
"use strict";
(function () {
  var held = document.querySelector("[data-testid=receipt-held]");
  if (!held) { return; }
  var url = held.getAttribute("data-receipt-url");
  var every = (parseInt(held.getAttribute("data-retry"), 10) || 5) * 1000;
  var started = Date.now();

  async function ask() {
    try {
      var response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        window.location.reload();
        return;
      }
      var after = parseInt(response.headers.get("Retry-After"), 10);
      if (after > 0) { every = after * 1000; }
    } catch (e) {
      // Offline for a moment: the next round asks again.
    }
    // A page left open stops asking after a day; the link still works.
    if (Date.now() - started < 86400000) { window.setTimeout(ask, every); }
  }

  window.setTimeout(ask, every);
})();
