// The not-voted sheet's print button (CSP: no inline script). Without JavaScript the browser's own
// print command prints the same sheet.
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
