using BenchmarkDotNet.Attributes;
using OwnersVote.Voting.Events;

namespace OwnersVote.Benchmarks;

/// <summary>
/// JCS (RFC 8785) of a signed ballot and of the <see cref="BallotCast"/> event that carries it
/// into the log, and decoding that entry back (strict: it must be its own JCS form). Ratio is the
/// cost in SHA-256s of 65 bytes.
/// </summary>
[MemoryDiagnoser]
public class EventEncodingBenchmarks : Sha256Bound
{
    private BallotFixture? _fixture;
    private byte[] _entry = [];

    [GlobalSetup(Targets = [nameof(Jcs_of_an_owner_ballot), nameof(Encode_a_BallotCast_event), nameof(Decode_a_BallotCast_entry)])]
    public void Setup()
    {
        _fixture = new BallotFixture();
        _entry = EventCodec.Encode(_fixture.Event);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture?.Dispose();

    /// <summary>The bytes the WebAuthn challenge commits to.</summary>
    [Benchmark]
    public byte[] Jcs_of_an_owner_ballot() => _fixture!.Ballot.ToCanonicalJson();

    /// <summary>The log entry of a cast ballot.</summary>
    [Benchmark]
    public byte[] Encode_a_BallotCast_event() => EventCodec.Encode(_fixture!.Event);

    [Benchmark]
    public LedgerEvent Decode_a_BallotCast_entry() => EventCodec.Decode(_entry);
}
