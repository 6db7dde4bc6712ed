using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace OwnersVote.Web.Cluster;

/// <summary>
/// The cookie and antiforgery keys (ASP.NET Core Data Protection) of a cluster, in PostgreSQL, so a
/// session cookie issued by one node is read by every other. The table is created with the
/// cluster's tables (<see cref="ClusterQueue.EnsureSchemaAsync"/>).
/// </summary>
public sealed class ClusterKeysDb(DbContextOptions<ClusterKeysDb> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <inheritdoc />
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.FriendlyName).HasColumnName("friendly_name");
            key.Property(k => k.Xml).HasColumnName("xml");
        });
    }
}
