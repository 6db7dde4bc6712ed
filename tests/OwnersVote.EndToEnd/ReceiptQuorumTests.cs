using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using OwnersVote.Ledger;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>
/// <see cref="LogWitnesses.Shortfall(string, byte[])"/>, the rule a receipt is given by (DESIGN.md
/// §2 "Witnesses"): the deployment's k cosignatures and the compound's own k, on checkpoints
/// signed here with real keys. A compound may list one of the deployment's witnesses among its own
/// (it is asked once); the answer is the same whether the note is opened or a round's verified
/// cosigners are taken, and one answer per checkpoint serves every compound.
/// </summary>
public sealed class ReceiptQuorumTests : IAsyncLifetime
{
    private const string Origin = "localhost/log";
    private const string Compound = "c1";

    private readonly NoteSigner _log = NoteSigner.Parse(NoteSigner.Generate(Origin).SignerKey);
    private readonly CosignatureSigner _shared = CosignatureSigner.Parse(CosignatureSigner.Generate("street.example/witness").SignerKey, TimeProvider.System);
    private readonly CosignatureSigner _own = CosignatureSigner.Parse(CosignatureSigner.Generate("committee.example/witness").SignerKey, TimeProvider.System);
    private LogWitnesses _witnesses = null!; // Set by InitializeAsync.

    public async ValueTask InitializeAsync()
    {
        var options = new WitnessesOptions { Quorum = 1 };
        options.List.Add(Configured("street", _shared));
        var own = new CompoundWitnessesOptions { Quorum = 2 };
        own.List.Add(Configured("street", _shared));
        own.List.Add(Configured("committee", _own));
        options.Compounds[Compound] = own;
        _witnesses = new LogWitnesses(
            Options.Create(options),
            Options.Create(new DemoOptions()),
            Options.Create(new LogOptions()),
            new HostingEnvironment { ContentRootPath = Path.GetTempPath() },
            TimeProvider.System);
        await _witnesses.OpenAsync(Origin, _log.Verifier, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _witnesses.DisposeAsync();
        _log.Dispose();
        _shared.Dispose();
        _own.Dispose();
    }

    [Fact]
    public void A_compound_listing_a_deployment_witness_needs_both_quorums_and_the_note_is_opened_once_per_key()
    {
        // Asked once, though listed twice.
        Assert.Equal(2, _witnesses.Client!.Witnesses.Count);
        byte[] both = Signed(7, _log, _shared, _own);
        byte[] sharedOnly = Signed(8, _log, _shared);
        byte[] none = Signed(9, _log);

        Assert.Null(_witnesses.Shortfall(string.Empty, both));
        Assert.Null(_witnesses.Shortfall(Compound, both));
        Assert.Null(_witnesses.Shortfall(string.Empty, sharedOnly));
        Assert.Equal(
            "1 of compound c1's 2 required witness cosignatures (not cosigned: committee)",
            _witnesses.Shortfall(Compound, sharedOnly));
        Assert.Equal(
            "0 of the deployment's 1 required witness cosignatures; 0 of compound c1's 2 required witness cosignatures (not cosigned: street, committee)",
            _witnesses.Shortfall(Compound, none));
        // Asked again (the answers are remembered per checkpoint), the same.
        Assert.Equal(
            "1 of compound c1's 2 required witness cosignatures (not cosigned: committee)",
            _witnesses.Shortfall(Compound, sharedOnly));
        Assert.Null(_witnesses.Shortfall(string.Empty, sharedOnly));
    }

    [Fact]
    public void A_rounds_verified_cosigners_give_the_answer_opening_the_note_gives()
    {
        byte[] sharedOnly = Signed(10, _log, _shared);
        string? fromRound = _witnesses.Shortfall(Compound, new WitnessedCheckpoint(sharedOnly, [_shared.Verifier.Name], []));
        Assert.Equal("1 of compound c1's 2 required witness cosignatures (not cosigned: committee)", fromRound);
        Assert.Null(_witnesses.Shortfall(string.Empty, sharedOnly));

        // Both cosigners from the round: no shortfall, and the same answer remembered for the note's bytes.
        byte[] both = Signed(11, _log, _shared, _own);
        Assert.Null(_witnesses.Shortfall(Compound, new WitnessedCheckpoint(both, [_shared.Verifier.Name, _own.Verifier.Name], [])));
        Assert.Null(_witnesses.Shortfall(Compound, both));
    }

    [Fact]
    public void A_cosignature_the_note_carried_before_the_round_counts_once_verified()
    {
        // A receipt's second asking: the note already carries the compound's own cosignature, and
        // only the shared witness answers this time.
        byte[] carried = Signed(13, _log, _shared, _own);
        Assert.Null(_witnesses.Shortfall(Compound, new WitnessedCheckpoint(carried, [_shared.Verifier.Name], [])));

        // The carried cosignature is verified, not taken on trust.
        byte[] forged = Tampered(Signed(14, _log, _shared, _own), "— committee.example/witness ");
        Assert.Throws<InvalidNoteSignatureException>(() => _witnesses.Shortfall(Compound, new WitnessedCheckpoint(forged, [_shared.Verifier.Name], [])));
    }

    [Fact]
    public void A_cosignature_that_does_not_verify_is_refused_not_counted()
    {
        byte[] forged = Tampered(Signed(12, _log, _shared, _own), "— committee.example/witness ");
        Assert.Throws<InvalidNoteSignatureException>(() => _witnesses.Shortfall(Compound, forged));
    }

    // One character of the signature line starting with the prefix, flipped.
    private static byte[] Tampered(byte[] note, string linePrefix)
    {
        string text = System.Text.Encoding.UTF8.GetString(note);
        string line = text.Split('\n').Single(l => l.StartsWith(linePrefix, StringComparison.Ordinal));
        char[] chars = line.ToCharArray();
        chars[^20] = chars[^20] == 'A' ? 'B' : 'A';
        return System.Text.Encoding.UTF8.GetBytes(text.Replace(line, new string(chars), StringComparison.Ordinal));
    }

    private static ConfiguredWitness Configured(string name, CosignatureSigner signer) =>
        new() { Name = name, Url = $"http://127.0.0.1:9/{name}/", VerifierKey = signer.Verifier.VerifierKey };

    private static byte[] Signed(long size, params INoteSigner[] signers) =>
        new Checkpoint(Origin, size, Merkle.HashLeaf([(byte)size])).Sign(signers);
}
