// Device keys (issue 11): where WebAuthn is missing (many in-app browsers), a non-extractable
// WebCrypto ECDSA P-256 key kept in IndexedDB signs the same ballot challenge. The signed bytes
// mirror a WebAuthn assertion so the log keeps the same fields and `ov verify` checks it offline
// (OwnersVote.Voting.Signing.DeviceKeyVerifier):
//   clientDataJSON    = {"type":"ov.device-key","challenge":<b64url>,"origin":<origin>}
//                       ("ov.device-key.enrol" for the proof of possession at enrolment)
//   authenticatorData = SHA-256(rpId) || 0x01 (UP) || 00 00 00 00 (no counter)
//   signature         = ECDSA-SHA256 over authenticatorData || SHA-256(clientDataJSON),
//                       IEEE P1363 r||s as crypto.subtle.sign returns it (not DER).
// Needs webauthn.js first.
"use strict";
window.OwnersVoteDeviceKey = (function () {
  var webauthn = window.OwnersVoteWebAuthn;
  var DB = "ownersvote", STORE = "keys", SLOT = "device-key";

  function cryptoAvailable() {
    return !!(window.crypto && window.crypto.subtle && window.indexedDB);
  }

  // WebAuthn with a platform authenticator; false where PublicKeyCredential is missing.
  async function webAuthnAvailable() {
    if (typeof window.PublicKeyCredential === "undefined") { return false; }
    try {
      return await window.PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable();
    } catch (e) {
      return false;
    }
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = window.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  async function withStore(mode, action) {
    var db = await openDb();
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(STORE, mode);
      var request = action(tx.objectStore(STORE));
      tx.oncomplete = function () { db.close(); resolve(request.result); };
      tx.onerror = function () { db.close(); reject(tx.error); };
    });
  }

  function load() {
    if (!cryptoAvailable()) { return Promise.resolve(undefined); }
    return withStore("readonly", function (store) { return store.get(SLOT); });
  }

  function save(record) {
    return withStore("readwrite", function (store) { return store.put(record, SLOT); });
  }

  function concat(a, b) {
    var out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }

  async function sign(privateKey, type, challenge, rpId) {
    var clientData = new TextEncoder().encode(JSON.stringify({ type: type, challenge: challenge, origin: window.location.origin }));
    var rpIdHash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(rpId)));
    var authData = concat(rpIdHash, new Uint8Array([0x01, 0, 0, 0, 0]));
    var clientHash = new Uint8Array(await crypto.subtle.digest("SHA-256", clientData));
    var signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, concat(authData, clientHash));
    return {
      authenticatorData: webauthn.toBase64Url(authData),
      clientDataJson: webauthn.toBase64Url(clientData),
      signature: webauthn.toBase64Url(signature)
    };
  }

  // Makes a new key, proves possession over the server's challenge, enrols it (the server revokes
  // any earlier device key of this owner), then keeps it. Resolves with the redirect.
  async function enrol() {
    var options = await webauthn.post("/api/device-key/options");
    var pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
    var raw = await crypto.subtle.exportKey("raw", pair.publicKey);
    var id = webauthn.toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    var proof = await sign(pair.privateKey, "ov.device-key.enrol", options.challenge, options.rpId);
    var done = await webauthn.post("/api/device-key", {
      handle: options.handle,
      credentialId: id,
      publicKey: webauthn.toBase64Url(raw),
      authenticatorData: proof.authenticatorData,
      clientDataJson: proof.clientDataJson,
      signature: proof.signature
    });
    await save({ id: id, privateKey: pair.privateKey });
    return done.redirect;
  }

  // Signs a ballot challenge with the stored key if the server lists it; null otherwise.
  async function signBallot(options) {
    var record = await load();
    if (!record || options.allowCredentials.indexOf(record.id) < 0) { return null; }
    var signed = await sign(record.privateKey, "ov.device-key", options.challenge, options.rpId);
    signed.credentialId = record.id;
    return signed;
  }

  return { cryptoAvailable: cryptoAvailable, webAuthnAvailable: webAuthnAvailable, enrol: enrol, signBallot: signBallot };
})();
