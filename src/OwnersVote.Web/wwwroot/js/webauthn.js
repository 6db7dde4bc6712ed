// Shared helpers for the WebAuthn ceremonies (passkey.js, ballot.js): base64url <-> bytes and a
// JSON POST that keeps the server's problem detail. Challenges are made and checked on the server.
"use strict";
window.OwnersVoteWebAuthn = (function () {
  function toBytes(base64url) {
    var b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4 !== 0) { b64 += "="; }
    var text = atob(b64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes;
  }

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // Resolves with the JSON body; rejects with an Error whose .code is the problem's detail and
  // whose .problem is the whole problem (RFC 9457), when the answer is one.
  async function post(url, body) {
    var response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {})
    });
    if (!response.ok) {
      var error = new Error(url + ": " + response.status);
      try {
        error.problem = await response.json();
        error.code = error.problem.detail;
      } catch (e) {
        error.code = "http-" + response.status;
      }
      throw error;
    }
    return response.json();
  }

  return { toBytes: toBytes, toBase64Url: toBase64Url, post: post };
})();
