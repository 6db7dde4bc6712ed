using OwnersVote.Ledger;

namespace OwnersVote.Web.Ledger;

/// <summary>A witness of this log, as <c>/log/witnesses</c> and the transparency page publish it.</summary>
/// <param name="Name">Who runs it (configured), or for a demo witness its slug (<c>committee</c>, <c>neighbourhood</c>).</param>
/// <param name="Key">Its cosignature/v1 verifier key.</param>
/// <param name="Address">Its submission prefix: an absolute URL, or for a demo witness the path below this site.</param>
/// <param name="IsDemo">Whether it is one of the demo's own witnesses, run by this server.</param>
public sealed record PublishedWitness(string Name, CosignatureVerifier Key, string Address, bool IsDemo);
