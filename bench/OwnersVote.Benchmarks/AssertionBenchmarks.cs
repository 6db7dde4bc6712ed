using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Benchmarks;

/// <summary>
/// Verifying a WebAuthn ES256 assertion over a ballot challenge (Web Authentication §7.2) against
/// the bound it cannot beat: one raw ECDSA P-256 verification with a key already imported.
/// </summary>
[MemoryDiagnoser]
public class AssertionBenchmarks
{
    private BallotFixture? _fixture;
    private StoredCredential? _credential;
    private ECDsa? _key;
    private byte[] _signed = [];

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new BallotFixture();
        _credential = _fixture.Authenticator.ToStoredCredential();
        _key = ECDsa.Create();
        _key.ImportPkcs8PrivateKey(_fixture.Authenticator.ExportPkcs8PrivateKey(), out _);

        // WebAuthn §7.2 steps 20-21: the signature covers authenticatorData ‖ SHA-256(clientDataJSON).
        ReadOnlySpan<byte> authData = _fixture.Assertion.AuthenticatorData.Span;
        _signed = new byte[authData.Length + 32];
        authData.CopyTo(_signed);
        SHA256.HashData(_fixture.Assertion.ClientDataJson.Span, _signed.AsSpan(authData.Length));
        if (!Raw_ecdsa_p256_verify() || !Assertion_verify())
        {
            throw new InvalidOperationException("The fixture assertion does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key?.Dispose();
        _fixture?.Dispose();
    }

    /// <summary>ECDSA P-256 with SHA-256 over the same bytes, DER signature, key imported once.</summary>
    [Benchmark(Baseline = true)]
    public bool Raw_ecdsa_p256_verify() =>
        _key!.VerifyData(_signed, _fixture!.Assertion.Signature.Span, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>The signature check alone as the verifier makes it: the COSE key is imported for each call.</summary>
    [Benchmark]
    public bool Cose_key_verify() => _credential!.PublicKey.Verify(_signed, _fixture!.Assertion.Signature.Span);

    /// <summary>The whole §7.2 procedure: client data, RP ID hash, flags, counter and signature.</summary>
    [Benchmark]
    public bool Assertion_verify() =>
        AssertionVerifier.Verify(_fixture!.Assertion, _fixture.Challenge, _credential!, _fixture.RelyingParty).IsAccepted;
}
