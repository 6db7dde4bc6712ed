// The live count (issue 4: "updating as ballots arrive"): while a vote is open, the result page
// fetches itself every 10 seconds and swaps in the new count. The page is the same server-rendered
// HTML as without JavaScript, where the "refresh" link does the same by hand.
"use strict";
(function () {
  var article = document.getElementById("result");
  if (!article || article.getAttribute("data-live") !== "true") { return; }
  var every = parseInt(article.getAttribute("data-every"), 10) || 10000;
  var rounds = 0;

  async function refresh() {
    rounds++;
    try {
      var response = await fetch(window.location.href, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        var page = new DOMParser().parseFromString(await response.text(), "text/html");
        var fresh = page.getElementById("result");
        if (fresh) {
          article.innerHTML = fresh.innerHTML;
          article.setAttribute("data-live", fresh.getAttribute("data-live"));
        }
      }
    } catch (e) {
      // Offline for a moment: the next round tries again.
    }
    // A page left open stops polling after a day; the vote closes long before most do.
    if (article.getAttribute("data-live") === "true" && rounds * every < 86400000) { window.setTimeout(refresh, every); }
  }

  window.setTimeout(refresh, every);
})();
