using System.Security.Cryptography;
using System.Text;

namespace OwnersVote.Voting.Signing;

/// <summary>
/// Verifies the response of <c>navigator.credentials.create</c> (Web Authentication Level 3 §7.1,
/// "Registering a New Credential") for attestation conveyance <c>none</c>: the relying party trusts
/// the key because two officers checked the owner in person, not because of the authenticator's make.
/// </summary>
public static class RegistrationVerifier
{
    /// <summary>
    /// Checks a registration and returns the credential to enrol, or why not. Never throws for bad
    /// input from the wire.
    /// </summary>
    /// <param name="attestationObject">The response's <c>attestationObject</c> (CBOR).</param>
    /// <param name="clientDataJson">The response's <c>clientDataJSON</c>.</param>
    /// <param name="expectedChallenge">The challenge the server issued for this registration.</param>
    /// <param name="relyingParty">RP ID, allowed origins and the user-verification requirement.</param>
    public static RegistrationResult Verify(ReadOnlySpan<byte> attestationObject, ReadOnlySpan<byte> clientDataJson, ReadOnlySpan<byte> expectedChallenge, RelyingParty relyingParty)
    {
        ArgumentNullException.ThrowIfNull(relyingParty);

        // §7.1 steps 5–6: decode and parse the client data.
        if (!CollectedClientData.TryParse(clientDataJson, out CollectedClientData c))
        {
            return Reject(RegistrationFailure.Malformed);
        }

        // Step 7: "Verify that the value of C.type is webauthn.create."
        if (c.Type != "webauthn.create")
        {
            return Reject(RegistrationFailure.WrongType);
        }

        // Step 8: "Verify that the value of C.challenge equals the base64url encoding of pkOptions.challenge."
        if (!string.Equals(c.Challenge, Base64UrlText.Encode(expectedChallenge), StringComparison.Ordinal))
        {
            return Reject(RegistrationFailure.ChallengeMismatch);
        }

        // Step 9: "Verify that the value of C.origin is an origin expected by the Relying Party."
        if (!relyingParty.AllowedOrigins.Contains(c.Origin))
        {
            return Reject(RegistrationFailure.OriginNotAllowed);
        }

        // Steps 10–11: enrolment happens on our own pages, never in another site's iframe.
        if (c.CrossOrigin || c.TopOrigin is not null)
        {
            return Reject(RegistrationFailure.CrossOrigin);
        }

        // CBOR-decode the attestation object into fmt, attStmt and authData.
        if (!TryReadAttestationObject(attestationObject, out string? fmt, out bool emptyStatement, out byte[]? authDataBytes)
            || !AuthenticatorData.TryParse(authDataBytes, out AuthenticatorData? authData))
        {
            return Reject(RegistrationFailure.Malformed);
        }

        // rpIdHash must be SHA-256 of the RP ID.
        if (!CryptographicOperations.FixedTimeEquals(authData!.RpIdHash.Span, SHA256.HashData(Encoding.UTF8.GetBytes(relyingParty.RpId))))
        {
            return Reject(RegistrationFailure.RpIdMismatch);
        }

        if (!authData.UserPresent)
        {
            return Reject(RegistrationFailure.UserNotPresent);
        }

        if (relyingParty.RequireUserVerification && !authData.UserVerified)
        {
            return Reject(RegistrationFailure.UserNotVerified);
        }

        // "If the BE bit of the flags in authData is not set, verify that the BS bit is not set."
        if (!authData.Flags.HasFlag(AuthenticatorFlags.BackupEligible) && authData.Flags.HasFlag(AuthenticatorFlags.BackupState))
        {
            return Reject(RegistrationFailure.Malformed);
        }

        if (authData.CredentialId is not { } credentialId || authData.CredentialPublicKey is not { } publicKey)
        {
            return Reject(RegistrationFailure.NoCredential);
        }

        // §8.7 None Attestation Statement Format: fmt "none" and attStmt the empty map. Other
        // formats are refused: the server must request attestation "none".
        if (fmt != "none" || !emptyStatement)
        {
            return Reject(RegistrationFailure.UnsupportedAttestation);
        }

        return new RegistrationResult.Accepted(credentialId, publicKey, authData.SignCount, authData.UserVerified);
    }

    private static RegistrationResult.Rejected Reject(RegistrationFailure reason) => new(reason);

    private static bool TryReadAttestationObject(ReadOnlySpan<byte> cbor, out string? fmt, out bool emptyStatement, out byte[]? authData)
    {
        fmt = null;
        emptyStatement = false;
        authData = null;
        var reader = new CborReader(cbor);
        try
        {
            int count = reader.ReadMapHeader();
            if (count != 3)
            {
                return false;
            }

            bool hasStatement = false;
            for (int i = 0; i < count; i++)
            {
                switch (reader.ReadTextString())
                {
                    case "fmt" when fmt is null:
                        fmt = reader.ReadTextString();
                        break;
                    case "attStmt" when !hasStatement:
                        hasStatement = true;
                        int before = reader.Position;
                        bool isMap = reader.PeekMajorType() == CborMajorType.Map;
                        reader.SkipValue();
                        // An empty map is the single byte 0xA0.
                        emptyStatement = isMap && reader.Position - before == 1;
                        break;
                    case "authData" when authData is null:
                        authData = reader.ReadByteString().ToArray();
                        break;
                    default:
                        return false;
                }
            }

            return reader.AtEnd && fmt is not null && hasStatement && authData is not null;
        }
        catch (FormatException)
        {
            // Malformed CBOR from the wire is a rejection, not a crash.
            return false;
        }
    }
}
