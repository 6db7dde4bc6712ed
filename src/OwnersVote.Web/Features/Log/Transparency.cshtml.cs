using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnersVote.Ledger;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Log;

/// <summary>One witness as the page shows it, with whether its cosignature on the served checkpoint verified.</summary>
/// <param name="Witness">The witness.</param>
/// <param name="CosignedLatest">Whether the served checkpoint carries its verified cosignature.</param>
public sealed record WitnessStatus(PublishedWitness Witness, bool CosignedLatest);

/// <summary>
/// The public page about the log (DESIGN.md §2 "Why a transparency log"): the log's key, the
/// latest checkpoint, and the witnesses with their keys and the quorum — so that people can find
/// the keys that <c>ov verify</c> and the receipt check rely on.
/// </summary>
[AllowAnonymous]
public sealed class TransparencyModel(EventLog log) : PageModel
{
    public string LogKey { get; private set; } = "";

    public Checkpoint Checkpoint { get; private set; } = null!; // Set by OnGet before the page renders.

    public int Quorum { get; private set; }

    public IReadOnlyList<WitnessStatus> Witnesses { get; private set; } = [];

    /// <summary>The compound asked about (<c>?compound=</c>), when it has witnesses of its own.</summary>
    public string? Compound { get; private set; }

    /// <summary>How many of the compound's own witnesses must cosign before its receipts are given.</summary>
    public int CompoundQuorum { get; private set; }

    /// <summary>The compound's own witnesses (docs/operations.md "Per-compound witnesses").</summary>
    public IReadOnlyList<WitnessStatus> CompoundWitnesses { get; private set; } = [];

    public void OnGet(string? compound)
    {
        LogKey = log.VerifierKey;
        Quorum = log.Witnesses.Quorum;
        IReadOnlyList<PublishedWitness> witnesses = log.Witnesses.All;

        // The log's own signature always verifies, so Open succeeds; each witness key that
        // verified a cosignature is one that cosigned this very checkpoint.
        OpenedNote opened = Note.Open(log.LatestCheckpoint, [log.Verifier, .. witnesses.Select(w => w.Key)]);
        Checkpoint = Checkpoint.Parse(opened.Text);
        HashSet<string> cosigned = [.. opened.Signatures.Select(s => s.Verifier).OfType<CosignatureVerifier>().Select(v => v.VerifierKey)];
        Witnesses = [.. witnesses.Select(w => new WitnessStatus(w, cosigned.Contains(w.Key.VerifierKey)))];

        if (compound is { Length: > 0 } && log.Witnesses.Of(compound) is { Quorum: > 0 } own)
        {
            OpenedNote byOwn = Note.Open(log.LatestCheckpoint, [log.Verifier, .. own.Witnesses.Select(w => w.Key)]);
            HashSet<string> ownCosigned = [.. byOwn.Signatures.Select(s => s.Verifier).OfType<CosignatureVerifier>().Select(v => v.VerifierKey)];
            Compound = compound;
            CompoundQuorum = own.Quorum;
            CompoundWitnesses = [.. own.Witnesses.Select(w => new WitnessStatus(w, ownCosigned.Contains(w.Key.VerifierKey)))];
        }
    }
}
