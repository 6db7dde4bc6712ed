// Passkey ceremonies for /signin and /signin/passkey (WebAuthn Level 3 §5.1.3 create, §5.1.4 get).
// Needs webauthn.js first.
// Challenges come from the server and are checked there; this file only carries bytes.
"use strict";
(function () {
  var toBytes = window.OwnersVoteWebAuthn.toBytes;
  var toBase64Url = window.OwnersVoteWebAuthn.toBase64Url;
  var post = window.OwnersVoteWebAuthn.post;

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

  // Issue 11: without WebAuthn (or a platform authenticator) offer a device key; with neither
  // WebAuthn nor WebCrypto, the guidance page (open in the system browser, the desk, paper).
  async function offerDeviceKey() {
    var deviceKey = window.OwnersVoteDeviceKey;
    var section = document.getElementById("device-key");
    if (!deviceKey || !section || await deviceKey.webAuthnAvailable()) { return; }
    if (!deviceKey.cryptoAvailable()) {
      window.location.assign("/open-in-browser?from=" + encodeURIComponent(window.location.pathname));
      return;
    }
    document.getElementById("passkey-actions").hidden = true;
    section.hidden = false;
    var button = document.getElementById("device-key-register");
    button.addEventListener("click", async function () {
      button.disabled = true;
      try {
        window.location.assign(await deviceKey.enrol());
      } catch (e) {
        showError();
        button.disabled = false;
      }
    });
  }

  var registerButton = document.getElementById("passkey-register");
  if (registerButton) { offerDeviceKey(); }
  if (registerButton) { registerButton.addEventListener("click", function () { register(registerButton); }); }
  var signInButton = document.getElementById("passkey-signin");
  if (signInButton) { signInButton.addEventListener("click", function () { signIn(signInButton); }); }
})();
