namespace OwnersVote.Ledger;

/// <summary>A witness as a log sees it: its submission prefix and its cosigner public key.</summary>
/// <param name="SubmissionPrefix">Requests go to <c>&lt;prefix&gt;/add-checkpoint</c>.</param>
/// <param name="Key">The witness's cosignature/v1 public key; its name names the witness.</param>
public sealed record WitnessEndpoint(Uri SubmissionPrefix, CosignatureVerifier Key)
{
    /// <summary>The witness's key name.</summary>
    public string Name => Key.Name;
}
