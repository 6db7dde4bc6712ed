// The owner's online proxy mandate (Shanghai art. 18): the server prepared the exact mandate and
// its challenge, SHA-256("OV-PROXY-v1\0" || JCS(mandate)); the owner's passkey (WebAuthn §5.1.4) or
// device key signs it here, as a ballot is signed, and the assertion goes to /api/proxies/mandate.
// Needs webauthn.js and devicekey.js first.
"use strict";
(function () {
  var webauthn = window.OwnersVoteWebAuthn;
  var button = document.getElementById("mandate-sign");
  if (!button) { return; }

  async function submit(body) {
    body.handle = button.getAttribute("data-handle");
    var done = await webauthn.post("/api/proxies/mandate", body);
    window.location.assign(done.redirect);
  }

  async function sign() {
    button.disabled = true;
    var options = {
      challenge: button.getAttribute("data-challenge"),
      rpId: button.getAttribute("data-rp-id"),
      allowCredentials: button.getAttribute("data-credentials").split(" ").filter(function (id) { return id.length > 0; })
    };
    try {
      var deviceKey = window.OwnersVoteDeviceKey;
      var signed = deviceKey ? await deviceKey.signBallot(options) : null;
      if (signed) {
        await submit(signed);
        return;
      }

      var assertion = await navigator.credentials.get({
        publicKey: {
          challenge: webauthn.toBytes(options.challenge),
          rpId: options.rpId,
          allowCredentials: options.allowCredentials.map(function (id) {
            return { type: "public-key", id: webauthn.toBytes(id) };
          }),
          userVerification: "required",
          timeout: 120000
        }
      });
      await submit({
        credentialId: webauthn.toBase64Url(assertion.rawId),
        authenticatorData: webauthn.toBase64Url(assertion.response.authenticatorData),
        clientDataJson: webauthn.toBase64Url(assertion.response.clientDataJSON),
        signature: webauthn.toBase64Url(assertion.response.signature)
      });
    } catch (e) {
      var error = document.querySelector("[data-testid=mandate-sign-error]");
      if (error) { error.hidden = false; }
      button.disabled = false;
    }
  }

  button.addEventListener("click", sign);
})();
