using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Demo;

/// <summary>
/// <c>Demo:Synthetic:*</c>: synthetic compounds for load and crash tests, never for people.
/// </summary>
public sealed class SyntheticOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Demo:Synthetic";

    /// <summary>How many synthetic owners to seed; 0 (the default) seeds nothing.</summary>
    public int Owners { get; set; }

    /// <summary>
    /// Owners per compound: 250 by default, so the roll is one <c>RollFrozen</c> entry and load
    /// figures compare with the runs before rolls could be split; more makes one large compound
    /// whose roll is logged in parts.
    /// </summary>
    public int OwnersPerCompound { get; set; } = 250;

    /// <summary>Where to write the owners' invitation codes, one <c>vote code</c> pair per line.</summary>
    public string CodesFile { get; set; } = "data/synthetic-codes.txt";
}

/// <summary>
/// Seeds synthetic compounds for the load generator and the crash test (issue 10): owners with one
/// unit each, each owner invited by a random one-time code written to
/// <see cref="SyntheticOptions.CodesFile"/>, and in each compound one open, compound-wide ordinary
/// matter that allows changes. Owners enrol their own passkeys by signing in, as real owners do;
/// nothing here signs a ballot. Runs only when <c>Demo:Seed</c> is on and
/// <see cref="SyntheticOptions.Owners"/> is positive, once per log.
/// </summary>
public sealed class SyntheticCompounds(OwnersVoteDb db, EventLog log, TimeProvider time, IOptions<SyntheticOptions> options, IOptions<DemoOptions> demo, IHostEnvironment environment)
{
    /// <summary>The id prefix of the synthetic compounds: <c>synthetic-00000</c>, …</summary>
    public const string CompoundPrefix = "synthetic-";

    private const string Officer = "officer:synthetic-1";
    private const string SecondOfficer = "officer:synthetic-2";

    /// <summary>The vote id of synthetic compound <paramref name="compound"/>.</summary>
    public static string VoteOf(string compound) => compound + "-vote";

    /// <summary>Seeds the compounds unless the log already has them; returns how many owners were seeded.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        int owners = options.Value.Owners;
        int perCompound = Math.Max(1, options.Value.OwnersPerCompound);
        if (owners <= 0 || await db.Compounds.AnyAsync(c => c.Id.StartsWith(CompoundPrefix), cancellationToken))
        {
            return 0;
        }

        DateTimeOffset now = EventTime.Truncate(time.GetUtcNow());
        string origin = new Uri(demo.Value.PublicUrl).GetLeftPart(UriPartial.Authority);
        string[] origins = [.. demo.Value.Origins.Append(origin).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        byte[] codeKey = RandomNumberGenerator.GetBytes(32);
        var codes = new StringBuilder();
        for (int c = 0; (long)c * perCompound < owners; c++)
        {
            string compound = CompoundPrefix + c.ToString("D5", CultureInfo.InvariantCulture);
            string vote = VoteOf(compound);
            int count = Math.Min(perCompound, owners - (c * perCompound));

            // PIPL: owners appear only as keyed hashes; a fresh random key per compound.
            byte[] key = RandomNumberGenerator.GetBytes(OwnerKey.MinimumKeyLength);
            string[] hashes = [.. Enumerable.Range(0, count).Select(i => OwnerKey.Hash(key, $"owner|{i}"))];
            List<LedgerEvent> events =
            [
                // Electronic Signature Law art. 13: ballots need user verification.
                new CompoundRegistered(compound, now.AddHours(-2), "admin:synthetic", $"合成小区 {c}", "上海市闵行区", DemoSeeder.RpId, origins, RequireUserVerification: true),
                // A roll of more than about 300 units is logged in parts, appended with the rest as one group.
                .. new RollFrozen(compound, vote, now.AddHours(-2), Officer, [.. Enumerable.Range(0, count).Select(i => new RollEntry(
                    new UnitId($"1-{i + 1:D4}"), new BuildingId("1"), Area.FromHundredths(6_000 + (i * 7_919 % 9_000)), AreaSource.Registry, hashes[i], new OwnerId(hashes[i])))]).Split(),
                new MatterPublished(
                    compound, vote, now.AddHours(-2), "committee:synthetic", "合成表决", "负载与崩溃测试用的表决，不是真实事项。",
                    [new MatterQuestion("q1", "是否同意？")], [Choice.Yes, Choice.No, Choice.Abstain], [], ThresholdClass.Ordinary,
                    now.AddHours(-1), now.AddDays(30), AllowChange: true, InvalidBallotRule.Participating, []),
            ];
            await log.AppendManyAsync(events, cancellationToken);

            for (int i = 0; i < count; i++)
            {
                string code = InvitationCode.Derive(codeKey, $"synthetic|{compound}|{i}");
                db.Invitations.Add(new InvitationRow
                {
                    CodeHash = InvitationCode.Hash(code),
                    CompoundId = compound,
                    Role = "owner",
                    OwnerId = hashes[i],
                    IssuedBy = Officer + "\n" + SecondOfficer,
                    ExpiresAt = now.AddDays(30),
                });
                codes.Append(vote).Append(' ').Append(code).Append('\n');
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        string file = Path.GetFullPath(options.Value.CodesFile, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, codes.ToString(), cancellationToken);
        return owners;
    }
}
