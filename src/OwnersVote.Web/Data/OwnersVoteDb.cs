using Microsoft.EntityFrameworkCore;

namespace OwnersVote.Web.Data;

/// <summary>
/// The projection store. Tables are derived from the log and can be dropped and rebuilt by
/// replaying it through the Projector (DESIGN.md §2: nothing that changes a vote's outcome lives
/// only in a table), so the schema is created from the model rather than migrated. No names and
/// no ID numbers are stored: owners are keyed-hash ids (PIPL; DESIGN.md §1). Tables not
/// derived from the log, carried over by a rebuild: <see cref="Invitations"/> (invitation codes are
/// secrets, their hashes here, so a rebuilt store gets them back from whoever issued them; the demo
/// seeder re-adds its own), the desk's pending requests (<see cref="DeskEnrolments"/>,
/// <see cref="CustodialRequests"/>), which reach the log once a second officer confirms them,
/// <see cref="VoteDrafts"/> (drafts are private and change nothing until announced), the editable
/// roll and the owners' sign-in particulars.
/// </summary>
public sealed class OwnersVoteDb(DbContextOptions<OwnersVoteDb> options) : DbContext(options)
{
    public DbSet<CompoundRow> Compounds => Set<CompoundRow>();

    public DbSet<BuildingRow> Buildings => Set<BuildingRow>();

    public DbSet<UnitRow> Units => Set<UnitRow>();

    public DbSet<OwnerRow> Owners => Set<OwnerRow>();

    public DbSet<MatterRow> Matters => Set<MatterRow>();

    public DbSet<MatterScopeRow> MatterScopes => Set<MatterScopeRow>();

    public DbSet<BallotRow> Ballots => Set<BallotRow>();

    public DbSet<PaperSerialRow> PaperSerials => Set<PaperSerialRow>();

    public DbSet<InvitationRow> Invitations => Set<InvitationRow>();

    public DbSet<PaperScanRow> PaperScans => Set<PaperScanRow>();

    public DbSet<CredentialRow> Credentials => Set<CredentialRow>();

    public DbSet<DeskEnrolmentRow> DeskEnrolments => Set<DeskEnrolmentRow>();

    /// <summary>Credential revocations asked at the desk, waiting for a second officer (<see cref="Features.Desk.CredentialRevocations"/>).</summary>
    public DbSet<CredentialRevocationRow> CredentialRevocations => Set<CredentialRevocationRow>();

    public DbSet<ProjectionStateRow> ProjectionState => Set<ProjectionStateRow>();

    public DbSet<ProxyRow> Proxies => Set<ProxyRow>();

    public DbSet<CustodialRequestRow> CustodialRequests => Set<CustodialRequestRow>();

    /// <summary>The editable roll (issue 6 §1): not derived from the log, carried over by a rebuild.</summary>
    public DbSet<RollUnitRow> RollUnits => Set<RollUnitRow>();

    public DbSet<RollOwnerRow> RollOwners => Set<RollOwnerRow>();

    public DbSet<RollCoOwnerRow> RollCoOwners => Set<RollCoOwnerRow>();

    public DbSet<RollTransferRow> RollTransfers => Set<RollTransferRow>();

    public DbSet<RollHistoryRow> RollHistory => Set<RollHistoryRow>();

    public DbSet<LetterBatchRow> LetterBatches => Set<LetterBatchRow>();

    public DbSet<InvitationLetterRow> InvitationLetters => Set<InvitationLetterRow>();

    public DbSet<VoteDraftRow> VoteDrafts => Set<VoteDraftRow>();

    public DbSet<DeliveryRow> Deliveries => Set<DeliveryRow>();

    public DbSet<ReminderRow> Reminders => Set<ReminderRow>();

    public DbSet<ObjectionRow> Objections => Set<ObjectionRow>();

    public DbSet<NoticeRow> Notices => Set<NoticeRow>();

    public DbSet<NoticeReadRow> NoticeReads => Set<NoticeReadRow>();

    public DbSet<StatementRow> Statements => Set<StatementRow>();

    public DbSet<StatementLineRow> StatementLines => Set<StatementLineRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<CompoundRow>(e =>
        {
            e.ToTable("compounds");
            e.HasKey(x => x.Id);
        });
        modelBuilder.Entity<BuildingRow>(e =>
        {
            e.ToTable("buildings");
            e.HasKey(x => new { x.CompoundId, x.Id });
        });
        modelBuilder.Entity<UnitRow>(e =>
        {
            e.ToTable("units");
            e.HasKey(x => new { x.VoteId, x.Id });
            e.HasIndex(x => x.CompoundId);
            e.HasIndex(x => new { x.VoteId, x.OwnerId });
        });
        modelBuilder.Entity<OwnerRow>(e =>
        {
            e.ToTable("owners");
            e.HasKey(x => new { x.CompoundId, x.Id });
        });
        modelBuilder.Entity<MatterRow>(e =>
        {
            e.ToTable("matters");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CompoundId);
        });
        modelBuilder.Entity<MatterScopeRow>(e =>
        {
            e.ToTable("matter_scopes");
            e.HasKey(x => new { x.MatterId, x.BuildingId });
        });
        modelBuilder.Entity<BallotRow>(e =>
        {
            e.ToTable("ballots");
            e.HasKey(x => x.LogIndex);
            e.Property(x => x.LogIndex).ValueGeneratedNever();
            e.HasIndex(x => x.BallotId);
            e.HasIndex(x => new { x.MatterId, x.OwnerId });
            // The ballot that counts for each (vote, principal), and only it: the projector looks it
            // up for every ballot, and results read a vote's counted ballots. Through the index
            // above, each lookup walked the principal's whole history of changes of mind, a table
            // read per earlier ballot (issue 10). Existing databases get it at start
            // (ProjectionSchema). Unique: of a principal's ballots in a vote exactly one counts
            // (DESIGN.md "Ballot signing"), and the table refuses a projection that counts two.
            e.HasIndex(x => new { x.MatterId, x.OwnerId }, ProjectionSchema.CountedBallotsIndex).IsUnique().HasFilter("\"Counts\"");
            // Only paper ballots have a scan (RetentionSweep looks them up by it): online ballots,
            // nearly every row, stay out of the index, one B-tree insert less per ballot (issue 10).
            e.HasIndex(x => x.Scan).HasFilter("\"Scan\" IS NOT NULL");
        });
        modelBuilder.Entity<PaperSerialRow>(e =>
        {
            e.ToTable("paper_serials");
            e.HasKey(x => new { x.MatterId, x.Serial });
            e.HasIndex(x => new { x.MatterId, x.OwnerId });
        });
        modelBuilder.Entity<PaperScanRow>(e =>
        {
            e.ToTable("paper_scans");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.MatterId, x.State });
            // One approval per serial and matter; NULLs (unclaimed rows) never collide.
            e.HasIndex(x => new { x.MatterId, x.ClaimedSerial }).IsUnique();
        });
        modelBuilder.Entity<InvitationRow>(e =>
        {
            e.ToTable("invitations");
            e.HasKey(x => x.CodeHash);
        });
        modelBuilder.Entity<CredentialRow>(e =>
        {
            e.ToTable("credentials");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.OwnerHash });
        });
        modelBuilder.Entity<DeskEnrolmentRow>(e =>
        {
            e.ToTable("desk_enrolments");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.ApprovedAt });
        });
        modelBuilder.Entity<CredentialRevocationRow>(e =>
        {
            e.ToTable("credential_revocations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.ApprovedAt });
        });
        modelBuilder.Entity<ProxyRow>(e =>
        {
            e.ToTable("proxies");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.ProxyHash });
            e.HasIndex(x => new { x.CompoundId, x.OwnerHash });
        });
        modelBuilder.Entity<CustodialRequestRow>(e =>
        {
            e.ToTable("custodial_requests");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.ConfirmedBy });
        });
        modelBuilder.Entity<VoteDraftRow>(e =>
        {
            e.ToTable("vote_drafts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CompoundId);
        });
        modelBuilder.Entity<DeliveryRow>(e =>
        {
            e.ToTable("deliveries");
            e.HasKey(x => x.LogIndex);
            e.Property(x => x.LogIndex).ValueGeneratedNever();
            e.HasIndex(x => new { x.MatterId, x.OwnerId });
        });
        modelBuilder.Entity<ReminderRow>(e =>
        {
            e.ToTable("reminders");
            e.HasKey(x => x.LogIndex);
            e.Property(x => x.LogIndex).ValueGeneratedNever();
            e.HasIndex(x => new { x.MatterId, x.OwnerId });
        });
        modelBuilder.Entity<ObjectionRow>(e =>
        {
            e.ToTable("objections");
            e.HasKey(x => new { x.MatterId, x.Id });
        });
        // Issue 7: notices and money statements (Features/Notices, Features/Money).
        modelBuilder.Entity<NoticeRow>(e =>
        {
            e.ToTable("notices");
            e.HasKey(x => new { x.CompoundId, x.Id });
        });
        modelBuilder.Entity<NoticeReadRow>(e =>
        {
            e.ToTable("notice_reads");
            e.HasKey(x => new { x.CompoundId, x.NoticeId, x.OwnerHash });
        });
        modelBuilder.Entity<StatementRow>(e =>
        {
            e.ToTable("statements");
            e.HasKey(x => new { x.CompoundId, x.Id });
            e.HasIndex(x => new { x.CompoundId, x.Kind, x.BuildingId });
        });
        modelBuilder.Entity<StatementLineRow>(e =>
        {
            e.ToTable("statement_lines");
            e.HasKey(x => new { x.CompoundId, x.StatementId, x.Number });
            e.HasIndex(x => x.VoteId);
        });
        modelBuilder.Entity<ProjectionStateRow>(e =>
        {
            e.ToTable("projection_state");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<RollUnitRow>(e =>
        {
            e.ToTable("roll_units");
            e.HasKey(x => new { x.CompoundId, x.Id });
            e.HasIndex(x => new { x.CompoundId, x.BuildingId });
        });
        modelBuilder.Entity<RollOwnerRow>(e =>
        {
            e.ToTable("roll_owners");
            e.HasKey(x => new { x.CompoundId, x.Id });
            e.HasIndex(x => new { x.CompoundId, x.OwnerHash });
        });
        modelBuilder.Entity<RollCoOwnerRow>(e =>
        {
            e.ToTable("roll_co_owners");
            e.HasKey(x => new { x.CompoundId, x.UnitId, x.OwnerId });
        });
        modelBuilder.Entity<RollTransferRow>(e =>
        {
            e.ToTable("roll_transfers");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.UnitId });
        });
        modelBuilder.Entity<RollHistoryRow>(e =>
        {
            e.ToTable("roll_history");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.UnitId });
        });
        modelBuilder.Entity<LetterBatchRow>(e =>
        {
            e.ToTable("letter_batches");
            e.HasKey(x => x.Id);
        });
        modelBuilder.Entity<InvitationLetterRow>(e =>
        {
            e.ToTable("invitation_letters");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CompoundId, x.BatchId });
        });
    }
}
