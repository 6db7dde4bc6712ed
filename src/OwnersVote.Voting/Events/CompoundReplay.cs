namespace OwnersVote.Voting.Events;

/// <summary>
/// Replays every vote of one compound as its events arrive, one at a time in log order, so a
/// verifier need not hold the log (docs/benchmarks.md, design problem 4). Each vote gets the same
/// replay <see cref="VoteReplay.Replay(IEnumerable{LedgerEvent}, string)"/> gives it: the compound's
/// own events (registration, credentials, mandates, public information) and that vote's events,
/// in log order, from the first <c>CompoundRegistered</c>. The compound's own events are kept to
/// start the replay of a vote that appears later; a vote's events are applied and dropped. Its
/// credentials are kept once for all its votes, not once per vote: a compound with years of votes
/// and thousands of credentials would otherwise hold votes × credentials.
/// </summary>
public sealed class CompoundReplay
{
    private readonly string? _only;
    private readonly List<(int Position, LedgerEvent Event)> _shared = [];
    private readonly Dictionary<string, Slot> _votes = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly VoteReplay.CredentialBook _credentials = new();
    private Signing.RelyingParty? _relyingParty;

    // Where the credentials' own events broke (enrolled twice, revoked unenrolled): every vote's
    // replay stops there, as it would have applying that event itself.
    private (int Position, VoteReplayException Problem)? _credentialsBroken;

    // The first of the compound's own events to come before CompoundRegistered: every vote's
    // replay stops there, as it would reading the log from the start.
    private VoteReplayException? _early;

    /// <summary>Replays every vote whose events are applied.</summary>
    public CompoundReplay()
    {
    }

    /// <summary>Replays one vote only; other votes' events are skipped as they arrive.</summary>
    public CompoundReplay(string vote)
    {
        ArgumentException.ThrowIfNullOrEmpty(vote);
        _only = vote;
    }

    /// <summary>The votes seen so far, in order of their first event.</summary>
    public IReadOnlyList<string> Votes => _order;

    /// <summary>The compound's own events (not of one vote) from its <c>CompoundRegistered</c> on, with their positions.</summary>
    public IReadOnlyList<(int Position, LedgerEvent Event)> Shared => _shared;

    /// <summary>
    /// The enrolment of a credential (by base64url id) among the events applied so far, or null.
    /// Every vote this replay finishes was replayed against these same enrolments.
    /// </summary>
    public CredentialEnrolled? Enrolled(string credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return _credentials.Enrolled(credentialId);
    }

    /// <summary>
    /// Applies the next event. A vote whose log is inconsistent stops being replayed here; the
    /// reason is thrown by <see cref="Finish"/>, so one broken vote does not stop the others.
    /// </summary>
    /// <param name="e">The event, of this compound.</param>
    /// <param name="position">Its position, named in the replay's messages and results (ov verify passes the entry index).</param>
    public void Apply(LedgerEvent e, int position)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is VoteEvent ve)
        {
            if (_only is not null && ve.Vote != _only)
            {
                return;
            }

            Slot slot = SlotOf(ve.Vote, e, position);
            slot.Apply(e, position);
            return;
        }

        if (e is CompoundRegistered registered && _relyingParty is null && _early is null)
        {
            _relyingParty = registered.RelyingParty;
        }

        if (_relyingParty is null)
        {
            _early ??= VoteReplay.BeforeRegistration(e, position);
            return;
        }

        _shared.Add((position, e));
        foreach (string vote in _order)
        {
            _votes[vote].Apply(e, position);
        }

        if (e is CredentialEnrolled or CredentialRevoked && _credentialsBroken is null)
        {
            try
            {
                _credentials.Apply(e, position);
            }
            catch (VoteReplayException problem)
            {
                _credentialsBroken = (position, problem);
                foreach (string vote in _order)
                {
                    _votes[vote].Fail(problem);
                }
            }
        }
    }

    /// <summary>The vote's result, from every event applied so far.</summary>
    /// <exception cref="VoteReplayException">The vote's log is inconsistent, as <see cref="VoteReplay.Replay(IEnumerable{LedgerEvent}, string)"/> would say.</exception>
    public VoteReplayResult Finish(string vote)
    {
        ArgumentException.ThrowIfNullOrEmpty(vote);
        if (!_votes.TryGetValue(vote, out Slot? slot))
        {
            if (_early is not null)
            {
                throw _early;
            }

            slot = _relyingParty is null
                ? throw new VoteReplayException("The log has no CompoundRegistered.")
                : Start(vote);
        }

        return slot.Finish();
    }

    private Slot SlotOf(string vote, LedgerEvent first, int position)
    {
        if (_votes.TryGetValue(vote, out Slot? slot))
        {
            return slot;
        }

        if (_early is not null || _relyingParty is null)
        {
            slot = new Slot(_early ?? VoteReplay.BeforeRegistration(first, position));
            _votes.Add(vote, slot);
            _order.Add(vote);
            return slot;
        }

        return Start(vote);
    }

    // A vote first seen now: its replay starts at CompoundRegistered, as if read from the start.
    private Slot Start(string vote)
    {
        var slot = new Slot(new VoteReplay.ReplayState(_relyingParty!, _credentials));
        foreach ((int position, LedgerEvent e) in _shared)
        {
            slot.Apply(e, position);
            if (_credentialsBroken is { } broken && broken.Position == position)
            {
                slot.Fail(broken.Problem);
                break;
            }
        }

        _votes.Add(vote, slot);
        _order.Add(vote);
        return slot;
    }

    private sealed class Slot
    {
        private VoteReplay.ReplayState? _state;
        private VoteReplayException? _failure;

        public Slot(VoteReplay.ReplayState state) => _state = state;

        public Slot(VoteReplayException failure) => _failure = failure;

        public void Apply(LedgerEvent e, int position)
        {
            if (_state is null)
            {
                return;
            }

            try
            {
                _state.Apply(e, position);
            }
            catch (VoteReplayException problem)
            {
                _failure = problem;
                _state = null;
            }
        }

        // Stops the replay here, unless it stopped earlier.
        public void Fail(VoteReplayException problem)
        {
            if (_state is not null)
            {
                _failure = problem;
                _state = null;
            }
        }

        public VoteReplayResult Finish() => _failure is not null ? throw _failure : _state!.Finish();
    }
}
