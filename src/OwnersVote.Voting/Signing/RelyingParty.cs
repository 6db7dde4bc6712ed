namespace OwnersVote.Voting.Signing;

/// <summary>
/// The relying party an assertion must have been made for (WebAuthn §5.1.3 / §7.2): its RP ID (a
/// registrable domain, e.g. <c>vote.example.cn</c>), the exact origins the voting pages are served
/// from, and whether user verification (PIN, biometrics) is required.
/// </summary>
/// <param name="RpId">The RP ID; the authenticator data must carry SHA-256 of its UTF-8 bytes.</param>
/// <param name="AllowedOrigins">Origins accepted in client data, compared exactly (e.g. <c>https://vote.example.cn</c>).</param>
/// <param name="RequireUserVerification">Whether the UV flag must be set.</param>
public sealed record RelyingParty(string RpId, IReadOnlySet<string> AllowedOrigins, bool RequireUserVerification);
