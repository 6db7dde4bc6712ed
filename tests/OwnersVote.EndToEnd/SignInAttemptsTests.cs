using Microsoft.Extensions.Time.Testing;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.EndToEnd;

/// <summary>
/// The invitation-code limiter (<see cref="SignInAttempts"/>): 5 refused codes per 10 minutes per
/// client address, attempts in progress reserved, codes that sign someone in not counted — many
/// owners behind one address (a compound's Wi-Fi, a carrier's NAT) all get in.
/// </summary>
public sealed class SignInAttemptsTests
{
    private const string Nat = "203.0.113.7";

    [Fact]
    public void Owners_behind_one_address_all_sign_in_while_refusals_still_stop_at_five()
    {
        var attempts = new SignInAttempts(new FakeTimeProvider());
        for (int owner = 0; owner < 200; owner++)
        {
            Assert.True(attempts.TryBegin(Nat));
            attempts.End(Nat, refused: false);
        }

        for (int guess = 0; guess < SignInAttempts.PermitLimit; guess++)
        {
            Assert.True(attempts.TryBegin(Nat));
            attempts.End(Nat, refused: true);
        }

        Assert.False(attempts.TryBegin(Nat));
        // Another address is counted on its own.
        Assert.True(attempts.TryBegin("198.51.100.1"));
    }

    [Fact]
    public void Attempts_in_progress_are_reserved_so_parallel_guesses_get_no_more_than_five()
    {
        var attempts = new SignInAttempts(new FakeTimeProvider());
        Assert.Equal(SignInAttempts.PermitLimit, Enumerable.Range(0, 50).Count(_ => attempts.TryBegin(Nat)));

        // One ends as a sign-in: its reservation is freed for the next attempt, and only that one.
        attempts.End(Nat, refused: false);
        Assert.True(attempts.TryBegin(Nat));
        Assert.False(attempts.TryBegin(Nat));
    }

    [Fact]
    public void A_window_of_refusals_passes_after_ten_minutes_and_not_a_moment_before()
    {
        var clock = new FakeTimeProvider();
        var attempts = new SignInAttempts(clock);
        for (int guess = 0; guess < SignInAttempts.PermitLimit; guess++)
        {
            Assert.True(attempts.TryBegin(Nat));
            attempts.End(Nat, refused: true);
        }

        clock.Advance(SignInAttempts.Window - TimeSpan.FromTicks(1));
        Assert.False(attempts.TryBegin(Nat));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(attempts.TryBegin(Nat));
    }

    [Fact]
    public void An_end_without_a_begin_changes_nothing()
    {
        var attempts = new SignInAttempts(new FakeTimeProvider());
        attempts.End(Nat, refused: true);
        Assert.Equal(SignInAttempts.PermitLimit, Enumerable.Range(0, 10).Count(_ => attempts.TryBegin(Nat)));
    }
}
