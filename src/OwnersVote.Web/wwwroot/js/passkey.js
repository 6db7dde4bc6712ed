// Passkey ceremonies for /signin and /signin/passkey (WebAuthn Level 3 §5.1.3 create, §5.1.4 get).
// Challenges come from the server and are checked there; this file only carries bytes.
"use strict";
(function () {
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

  async function post(url, body) {
    var response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {})
    });
    if (!response.ok) { throw new Error(url + ": " + response.status); }
    return response.json();
  }

  function showError() {
    var error = document.querySelector("[data-testid=passkey-error]");
    if (error) { error.hidden = false; }
  }

  async function register(button) {
    button.disabled = true;
    try {
      var options = await post("/api/passkey/registration/options");
      var credential = await navigator.credentials.create({
        publicKey: {
          challenge: toBytes(options.challenge),
          rp: { id: options.rpId, name: options.rpName },
          user: { id: toBytes(options.userId), name: options.userName, displayName: options.userName },
          // ES256 (-7), Ed25519 (-8), RS256 (-257): the COSE algorithms the server verifies.
          pubKeyCredParams: [{ type: "public-key", alg: -7 }, { type: "public-key", alg: -8 }, { type: "public-key", alg: -257 }],
          authenticatorSelection: { residentKey: "required", userVerification: "required" },
          attestation: "none",
          timeout: 120000
        }
      });
      var done = await post("/api/passkey/registration", {
        handle: options.handle,
        attestationObject: toBase64Url(credential.response.attestationObject),
        clientDataJson: toBase64Url(credential.response.clientDataJSON)
      });
      window.location.assign(done.redirect);
    } catch (e) {
      showError();
      button.disabled = false;
    }
  }

  async function signIn(button) {
    button.disabled = true;
    try {
      var options = await post("/api/passkey/signin/options");
      var assertion = await navigator.credentials.get({
        publicKey: {
          challenge: toBytes(options.challenge),
          rpId: options.rpId,
          userVerification: "required",
          timeout: 120000
        }
      });
      var done = await post("/api/passkey/signin", {
        handle: options.handle,
        credentialId: toBase64Url(assertion.rawId),
        authenticatorData: toBase64Url(assertion.response.authenticatorData),
        clientDataJson: toBase64Url(assertion.response.clientDataJSON),
        signature: toBase64Url(assertion.response.signature)
      });
      window.location.assign(done.redirect);
    } catch (e) {
      showError();
      button.disabled = false;
    }
  }

  var registerButton = document.getElementById("passkey-register");
  if (registerButton) { registerButton.addEventListener("click", function () { register(registerButton); }); }
  var signInButton = document.getElementById("passkey-signin");
  if (signInButton) { signInButton.addEventListener("click", function () { signIn(signInButton); }); }
})();
