using Microsoft.Data.Sqlite;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Projections;

/// <summary>
/// Issue 10: a run of online ballots projected without EF Core's change tracker, on the projector
/// thread's own SQLite connection. Measured under load, the change tracker was most of that
/// thread's CPU: materialising and tracking the preloaded rows, finding each ballot's credential
/// and matter, adding each row, then listing and accepting the changes at the save. Here the rows
/// are read and written with <see cref="ProjectionConnection"/>'s prepared statements; the checks
/// and codes are the same methods the general path calls (<see cref="CheckAsync"/>), so the
/// tables count what <see cref="VoteReplay"/> recounts.
/// </summary>
public sealed partial class Projector
{
    // Returns false, having written nothing, for a run this path does not take: any event that is
    // not an online ballot, a ballot whose signer is not the roll's owner (the proxy rule reads the
    // mandates and the principal's history), or tables not where the run begins (the general path
    // says why). The caller then applies the run the general way, in the same transaction.
    private async Task<bool> TryApplyOnlineRunAsync(List<LoggedEvent> run, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (_dedicated is not { } connection || run.Count == 0 || !run.TrueForAll(e => e.Event is BallotCast))
        {
            return false;
        }

        long? applied = connection.ReadAppliedSize(transaction);
        for (int i = 0; i < run.Count; i++)
        {
            if (run[i].Index != applied + i)
            {
                return false;
            }
        }

        List<BallotCast> ballots = [.. run.Select(e => (BallotCast)e.Event)];
        string[] credentialIds = [.. ballots.Select(b => Base64UrlText.Encode(b.Assertion.CredentialId.Span))];
        Dictionary<string, CredentialRow> credentials = connection.ReadCredentials(new HashSet<string>(credentialIds, StringComparer.Ordinal), transaction);
        var signers = new CredentialRow?[ballots.Count];
        for (int i = 0; i < ballots.Count; i++)
        {
            signers[i] = credentials.GetValueOrDefault(credentialIds[i]);
            // Reads the vote's matter and roll (RollOfAsync), which the checks read again from memory.
            if (signers[i] is { } signer && await OwnerOtherThanSignerAsync(ballots[i], signer, cancellationToken) is not null)
            {
                return false;
            }
        }

        foreach ((string matter, string ballot) in connection.ReadKnownBallots(new HashSet<string>(ballots.Select(b => b.BallotId), StringComparer.Ordinal), transaction))
        {
            _known.Add((matter, ballot));
        }

        // The ballot that counts now for each (vote, principal) of the run: its log index and
        // channel if the tables hold it, the run's new row once one takes its place.
        HashSet<(string Matter, string Principal)> wanted = [.. ballots.Select(b => (b.Vote, b.Ballot.Principal))];
        Dictionary<(string Matter, string Principal), CountedNow> counted = [];
        foreach ((string matter, string principal, long logIndex, string channel) in connection.ReadCountedBallots(
            new HashSet<string>(wanted.Select(w => w.Matter), StringComparer.Ordinal), new HashSet<string>(wanted.Select(w => w.Principal), StringComparer.Ordinal), transaction))
        {
            if (wanted.Contains((matter, principal)))
            {
                counted[(matter, principal)] = new CountedNow(logIndex, channel, null);
            }
        }

        List<BallotRow> rows = new(ballots.Count);
        HashSet<long> uncounted = [];
        HashSet<CredentialRow> signed = [];
        for (int i = 0; i < ballots.Count; i++)
        {
            BallotCast e = ballots[i];
            MatterRow matter = await RequireMatterAsync(e.Vote, cancellationToken);
            CredentialRow? credential = signers[i];
            long signCount = credential?.SignCount ?? 0;
            string? rejection = await CheckAsync(e, matter, credential, s_ownBallot, cancellationToken);
            if (credential is not null && credential.SignCount != signCount)
            {
                signed.Add(credential);
            }

            BallotRow row = OnlineRow(e, run[i].Index, matter, rejection, mandate: null);
            rows.Add(row);
            _addedByIndex[row.LogIndex] = row;
            _known.Add((row.MatterId, row.BallotId));
            (string, string) key = (e.Vote, e.Ballot.Principal);
            CountedNow? now = counted.TryGetValue(key, out CountedNow? found) ? found : null;
            if (rejection is null && ReplacesCounted(matter, now?.Channel))
            {
                if (now?.Added is { } earlier)
                {
                    earlier.Counts = false;
                }
                else if (now is not null)
                {
                    uncounted.Add(now.LogIndex);
                }

                row.Counts = true;
                counted[key] = new CountedNow(row.LogIndex, Online, row);
            }
        }

        // The rows that stop counting first, then the new ones with their final Counts.
        foreach (long logIndex in uncounted)
        {
            connection.SetCounts(logIndex, counts: false, transaction);
        }

        foreach (BallotRow row in rows)
        {
            connection.Insert(row, transaction);
        }

        foreach (CredentialRow credential in signed)
        {
            connection.SetSignCount(credential.Id, credential.SignCount, transaction);
        }

        connection.SetAppliedSize(checked(run[^1].Index + 1), transaction);
        return true;
    }

    // The ballot that counts now for a (vote, principal): its log index and channel, and the row
    // if the run added it (not saved yet, so its Counts can still change in memory).
    private sealed record CountedNow(long LogIndex, string Channel, BallotRow? Added);
}
