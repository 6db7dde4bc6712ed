using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Log;

/// <summary>
/// Serves the demo's own witnesses as real c2sp.org/tlog-witness witnesses:
/// <c>POST /witness/committee/add-checkpoint</c> (业委会) and
/// <c>POST /witness/neighbourhood/add-checkpoint</c> (居委会), answered by the same
/// <see cref="Witness"/> and state the server's sequencer uses. 404 when the server runs no
/// witness of that name (it does only for the demo).
/// </summary>
public static partial class WitnessEndpoints
{
    /// <summary>Maps <c>/witness/{slug}/add-checkpoint</c>.</summary>
    public static void MapWitnessEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // tlog-witness: "The request MUST be an HTTP POST."
        // Public: the request is authenticated by the log's signature on the checkpoint, not by a session.
        app.MapPost("/witness/{slug}/add-checkpoint", AddCheckpointAsync).AllowAnonymous();
    }

    private static async Task AddCheckpointAsync(string slug, HttpContext context, LogWitnesses witnesses, ILogger<LogWitnesses> logger)
    {
        if (witnesses.Local(slug) is not Witness witness)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        WitnessExchange exchange = await WitnessHttpHandler.AddCheckpointAsync(context, witness);
        if (exchange.StorageFailure is Exception failure)
        {
            LogStorageFailure(logger, failure, slug);
        }

        LogExchange(logger, slug, exchange.Summary);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Witness {Slug}: state store failed; answered 500")]
    private static partial void LogStorageFailure(ILogger logger, Exception exception, string slug);

    [LoggerMessage(Level = LogLevel.Information, Message = "Witness {Slug}: {Exchange}")]
    private static partial void LogExchange(ILogger logger, string slug, string exchange);
}
