using System.Security.Cryptography;
using OwnersVote.Voting.Signing;
using OwnersVote.Voting.Tests.Signing;

namespace OwnersVote.Voting.Tests.Fuzzing;

/// <summary>
/// Mutated WebAuthn structures (W3C WebAuthn Level 3 §7.1, §7.2; RFC 9052/9053 COSE keys): the
/// parsers and verifiers answer with values and never throw, and an assertion is accepted only
/// when the signed data — authenticator data and client data — is unchanged. An accepted mutated
/// signature over unchanged data is ECDSA malleability (s → n − s) or another encoding, not a forgery.
/// </summary>
public sealed class WebAuthnFuzzTests
{
    private static readonly string[] s_jsonTokens = ["\"", ",", ":", "{}", "null", "true", "false", "\"webauthn.get\"", "\"webauthn.create\"", "\"crossOrigin\":true", "\"topOrigin\":\"x\"", "\\u0000", "\\ud800", "é"];

    private static readonly string[] s_fields = ["authenticatorData", "clientDataJSON", "signature", "COSE key", "credentialId"];

    private static readonly byte[] s_cose = FixedPasskey.Authenticator().CosePublicKey;

    /// <summary>Seeds for the COSE parser: the passkey's ES256 key, an Ed25519 key and an RS256 key.</summary>
    private static List<byte[]> CoseKeys()
    {
        byte[] modulus = [0xC0, .. Enumerable.Range(1, 254).Select(i => (byte)(i * 7)), 0x01];
        return
        [
            s_cose,
            [0xA4, 0x01, 0x01, 0x03, 0x27, 0x20, 0x06, 0x21, 0x58, 0x20, .. SHA256.HashData("ed25519"u8)],
            [0xA4, 0x01, 0x03, 0x03, 0x39, 0x01, 0x00, 0x20, 0x59, 0x01, 0x00, .. modulus, 0x21, 0x43, 0x01, 0x00, 0x01],
        ];
    }

    [Fact]
    public async Task A_mutated_assertion_is_accepted_only_over_unchanged_signed_data()
    {
        WebAuthnAssertion original = FixedPasskey.Assertion;
        byte[][] fields = [original.AuthenticatorData.ToArray(), original.ClientDataJson.ToArray(), original.Signature.ToArray(), s_cose, original.CredentialId.ToArray()];
        Mutator[] mutators = [.. fields.Select((f, i) => new Mutator([f], i == 1 ? s_jsonTokens : null))];
        FuzzReport report = await Fuzzer.RunAsync(
            "AssertionVerifier.Verify",
            (random, index) =>
            {
                byte[][] mutant = [.. fields];
                if (index > 0)
                {
                    // Usually one field, sometimes two at once.
                    for (int n = random.Next(4) == 0 ? 2 : 1; n > 0; n--)
                    {
                        int field = random.Next(fields.Length);
                        mutant[field] = mutators[field].Mutate(random, mutant[field]);
                    }
                }

                return mutant;
            },
            m => string.Join(", ", m.Select((f, i) => $"{s_fields[i]} {Convert.ToBase64String(f)}")),
            (m, _) =>
            {
                if (!CoseKey.TryParse(m[3], out CoseKey? key))
                {
                    return ValueTask.FromResult("key refused");
                }

                var assertion = new WebAuthnAssertion(m[4], m[0], m[1], m[2]);
                AssertionResult result = AssertionVerifier.Verify(assertion, FixedPasskey.Challenge, new StoredCredential(fields[4], key!, 0), BallotFixtures.RelyingParty);
                if (result is AssertionResult.Rejected rejected)
                {
                    return ValueTask.FromResult($"rejected {rejected.Reason}");
                }

                Assert.IsType<AssertionResult.Accepted>(result);
                Assert.True(m[0].AsSpan().SequenceEqual(fields[0]), "forgery: accepted with changed authenticator data");
                Assert.True(m[1].AsSpan().SequenceEqual(fields[1]), "forgery: accepted with changed client data");
                Assert.True(m[4].AsSpan().SequenceEqual(fields[4]), "accepted under another credential id");
                // A re-encoded COSE key must still be the passkey's key: it verifies the original signature.
                Assert.True(key!.Verify([.. fields[0], .. SHA256.HashData(fields[1])], fields[2]), "accepted under another public key");
                return ValueTask.FromResult(m[2].AsSpan().SequenceEqual(fields[2]) && m[3].AsSpan().SequenceEqual(fields[3]) ? "accepted" : "accepted, equivalent signature or key encoding");
            });

        report.AssertReached(r => r.Count("accepted") >= 1 && r.Count($"rejected {AssertionFailure.BadSignature}") > 0);
    }

    [Fact]
    public async Task A_mutated_cose_key_is_refused_or_verifies_without_throwing()
    {
        List<byte[]> seeds = CoseKeys();
        byte[] signed = [.. FixedPasskey.Assertion.AuthenticatorData.Span, .. SHA256.HashData(FixedPasskey.Assertion.ClientDataJson.Span)];
        byte[] signature = FixedPasskey.Assertion.Signature.ToArray();
        FuzzReport report = await Fuzzer.RunAsync("CoseKey.TryParse", new Mutator(seeds), seeds, input =>
        {
            if (!CoseKey.TryParse(input, out CoseKey? key))
            {
                Assert.Null(key);
                Assert.Throws<FormatException>(() => CoseKey.Parse(input));
                return "refused";
            }

            Assert.Equal(input, key!.Encoded.ToArray());
            // Verification with any parsed key is a yes or a no, never an exception.
            bool genuine = key.Verify(signed, signature);
            Assert.False(key.Verify(signed, new byte[key.Algorithm == CoseAlgorithm.RS256 ? 256 : 64]));
            return genuine ? $"{key.Algorithm} verifies the passkey signature" : $"{key.Algorithm}";
        });

        report.AssertReached(r => r.Count("refused") > 0 && r.Count("RS256") > 0 && r.Count("EdDSA") > 0);
    }

    [Fact]
    public async Task Mutated_authenticator_data_parses_or_is_refused_without_throwing()
    {
        using SoftwareAuthenticator passkey = FixedPasskey.Authenticator();
        byte[] rpIdHash = SHA256.HashData("vote.example.cn"u8);
        List<byte[]> seeds =
        [
            FixedPasskey.Assertion.AuthenticatorData.ToArray(),
            AuthenticatorData.EncodeWithCredential(rpIdHash, AuthenticatorFlags.UserPresent | AuthenticatorFlags.UserVerified, 0, passkey.CredentialId.Span, passkey.CosePublicKey),
            WithExtensions(AuthenticatorData.Encode(rpIdHash, AuthenticatorFlags.UserPresent, 7)),
        ];
        FuzzReport report = await Fuzzer.RunAsync("AuthenticatorData.TryParse", new Mutator(seeds), seeds, input =>
        {
            if (!AuthenticatorData.TryParse(input, out AuthenticatorData? data))
            {
                return "refused";
            }

            Assert.Equal(32, data!.RpIdHash.Length);
            Assert.True(input.Length >= 37);
            return data.CredentialPublicKey is null ? "parsed" : "parsed with credential";
        });

        report.AssertReached(r => r.Count("refused") > 0 && r.Count("parsed") > 0 && r.Count("parsed with credential") > 0);
    }

    // §6.1: the ED flag and a CBOR map of extensions, {"ext": true}, after the fixed 37 bytes.
    private static byte[] WithExtensions(byte[] data)
    {
        data[32] |= (byte)AuthenticatorFlags.ExtensionData;
        return [.. data, 0xA1, 0x63, .. "ext"u8, 0xF5];
    }

    [Fact]
    public async Task A_mutated_registration_is_rejected_or_yields_a_usable_credential()
    {
        using SoftwareAuthenticator passkey = FixedPasskey.Authenticator();
        (byte[] attestation, byte[] clientData) = passkey.CreateRegistration(FixedPasskey.Challenge, BallotFixtures.Origin);
        var attestationMutator = new Mutator([attestation], ["fmt", "none", "attStmt", "authData"]);
        var clientMutator = new Mutator([clientData], s_jsonTokens);
        FuzzReport report = await Fuzzer.RunAsync(
            "RegistrationVerifier.Verify",
            (random, index) => index == 0 ? new[] { attestation, clientData }
                : random.Next(3) == 0 ? [attestation, clientMutator.Mutate(random, clientData)]
                : [attestationMutator.Mutate(random, attestation), clientData],
            r => $"attestationObject {Convert.ToBase64String(r[0])}, clientDataJSON {Convert.ToBase64String(r[1])}",
            (r, _) =>
            {
                RegistrationResult result = RegistrationVerifier.Verify(r[0], r[1], FixedPasskey.Challenge, BallotFixtures.RelyingParty);
                if (result is RegistrationResult.Rejected rejected)
                {
                    return ValueTask.FromResult($"rejected {rejected.Reason}");
                }

                var accepted = Assert.IsType<RegistrationResult.Accepted>(result);
                Assert.False(accepted.CredentialId.IsEmpty);
                Assert.True(CoseKey.TryParse(accepted.PublicKey.Encoded.Span, out CoseKey? _));
                return ValueTask.FromResult("accepted");
            });

        report.AssertReached(r => r.Count("accepted") > 0 && r.Count($"rejected {RegistrationFailure.Malformed}") > 0);
    }
}
