// The handwritten signature pad (签名, issue 11): pointer events (finger, stylus, mouse) draw
// strokes kept as compact integer vectors [[x,y,x,y,...], ...] in the canvas's own 600×200 space,
// so undo redraws without the last stroke and any width (360 px phones) scales the same drawing.
// The PNG rendered from the strokes is what the ballot's "handwriting" hash covers.
"use strict";
window.OwnersVoteHandwriting = (function () {
  var canvas = document.getElementById("handwriting-pad");
  if (!canvas) { return null; }
  var context = canvas.getContext("2d");
  var strokes = [];
  var current = null;

  function point(event) {
    var box = canvas.getBoundingClientRect();
    return [
      Math.round((event.clientX - box.left) * canvas.width / box.width),
      Math.round((event.clientY - box.top) * canvas.height / box.height)
    ];
  }

  function redraw() {
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.strokeStyle = "#000000";
    context.lineWidth = 4;
    context.lineCap = "round";
    context.lineJoin = "round";
    strokes.forEach(function (s) {
      context.beginPath();
      context.moveTo(s[0], s[1]);
      for (var i = 2; i < s.length; i += 2) { context.lineTo(s[i], s[i + 1]); }
      if (s.length === 2) { context.lineTo(s[0] + 0.5, s[1] + 0.5); }
      context.stroke();
    });
    canvas.setAttribute("data-strokes", String(strokes.length));
  }

  canvas.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    current = point(event);
    strokes.push(current);
    redraw();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!current) { return; }
    event.preventDefault();
    var p = point(event);
    current.push(p[0], p[1]);
    redraw();
  });
  function end() { current = null; }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  var undo = document.getElementById("handwriting-undo");
  if (undo) { undo.addEventListener("click", function () { strokes.pop(); redraw(); }); }
  var clear = document.getElementById("handwriting-clear");
  if (clear) { clear.addEventListener("click", function () { strokes = []; redraw(); }); }
  redraw();

  // The PNG as unpadded base64url, or null when nothing is drawn.
  function png() {
    if (strokes.length === 0) { return null; }
    var data = canvas.toDataURL("image/png").split(",")[1];
    return data.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  return {
    png: png,
    strokes: function () { return strokes.map(function (s) { return s.slice(); }); },
    required: canvas.getAttribute("data-required") === "true"
  };
})();
