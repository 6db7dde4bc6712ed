// Step ④ of the owner flow: the passkey signs the ballot (DESIGN.md "Ballot signing").
// The server prepares the exact ballot and its challenge, SHA-256("OV-BALLOT-v1\0" || JCS(ballot));
// the browser only asks the authenticator for an assertion over it (WebAuthn §5.1.4) and posts it
// back. Needs webauthn.js first; devicekey.js and handwriting.js when present (issue 11).
"use strict";
(function () {
  var webauthn = window.OwnersVoteWebAuthn;
  var button = document.getElementById("ballot-sign");
  if (!button) { return; }
  // Issue 11: neither WebAuthn nor WebCrypto — this browser cannot sign; say where it can.
  if (typeof window.PublicKeyCredential === "undefined" && !(window.OwnersVoteDeviceKey && window.OwnersVoteDeviceKey.cryptoAvailable())) {
    window.location.assign("/open-in-browser?from=" + encodeURIComponent(window.location.pathname + window.location.search));
    return;
  }

  // The ballot is in the log but its receipt waits for the compound's witnesses (503,
  // docs/operations.md "Per-compound witnesses"): not a failure — casting again would add a second
  // ballot. The receipt page says so in words and shows the receipt once it is given.
  function held(e) {
    var problem = e && e.problem;
    if (!problem || problem.type !== "urn:ownersvote:problem:receipt-awaiting-witnesses" || !problem.receiptUrl) { return false; }
    window.location.assign(problem.receiptUrl + "?cast=true");
    return true;
  }

  function fail(code) {
    // Back to this page with the reason, so the message is the server's, in the page's language.
    var url = new URL(window.location.href);
    url.searchParams.set("error", code || "not-signed");
    window.location.assign(url.toString());
  }

  async function sign() {
    button.disabled = true;
    var vote = button.getAttribute("data-vote");
    var base = "/api/votes/" + encodeURIComponent(vote) + "/ballot";
    var pad = window.OwnersVoteHandwriting;
    var handwriting = pad ? pad.png() : null;
    if (pad && pad.required && !handwriting) {
      var missing = document.querySelector("[data-testid=handwriting-missing]");
      if (missing) { missing.hidden = false; }
      button.disabled = false;
      return;
    }

    var options;
    try {
      options = await webauthn.post(base + "/options", { answers: JSON.parse(button.getAttribute("data-answers")), handwriting: handwriting });
    } catch (e) {
      fail(e.code);
      return;
    }

    // Issue 11: a device key kept in this browser signs when the server lists it.
    var deviceKey = window.OwnersVoteDeviceKey;
    if (deviceKey) {
      var signed;
      try {
        signed = await deviceKey.signBallot(options);
      } catch (e) {
        fail("not-signed");
        return;
      }
      if (signed) {
        try {
          signed.handle = options.handle;
          var deviceReceipt = await webauthn.post(base, signed);
          window.location.assign(deviceReceipt.receiptUrl + "?cast=true");
        } catch (e) {
          if (!held(e)) { fail(e.code); }
        }
        return;
      }
    }

    var assertion;
    try {
      assertion = await navigator.credentials.get({
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
    } catch (e) {
      fail("not-signed");
      return;
    }

    try {
      var receipt = await webauthn.post(base, {
        handle: options.handle,
        credentialId: webauthn.toBase64Url(assertion.rawId),
        authenticatorData: webauthn.toBase64Url(assertion.response.authenticatorData),
        clientDataJson: webauthn.toBase64Url(assertion.response.clientDataJSON),
        signature: webauthn.toBase64Url(assertion.response.signature)
      });
      window.location.assign(receipt.receiptUrl + "?cast=true");
    } catch (e) {
      if (!held(e)) { fail(e.code); }
    }
  }

  button.addEventListener("click", sign);
})();
