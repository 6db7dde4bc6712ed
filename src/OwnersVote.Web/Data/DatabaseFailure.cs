using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace OwnersVote.Web.Data;

/// <summary>
/// Tells a database that is away (stopped, restarting, its connections cut) from a bug, for the
/// background services that must outlive an outage: an exception a <c>BackgroundService</c> lets
/// escape stops the whole host (<c>HostOptions.BackgroundServiceExceptionBehavior.StopHost</c>).
/// </summary>
public static class DatabaseFailure
{
    /// <summary>
    /// True for the provider's own error (<see cref="DbException"/>: Npgsql's and SQLite's), for EF's
    /// wrapping of it (the PostgreSQL execution strategy raises an <see cref="InvalidOperationException"/>
    /// "likely due to a transient failure" around it), and for a retrying strategy giving up.
    /// </summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        DbException => true,
        RetryLimitExceededException => true,
        InvalidOperationException { InnerException: DbException } => true,
        _ => false,
    };
}
