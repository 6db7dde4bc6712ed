using System.Diagnostics;
using System.Diagnostics.Metrics;
using OwnersVote.Voting.Events;

namespace OwnersVote.Web.Hosting;

/// <summary>
/// The app's OpenTelemetry sources (docs/operations.md "Telemetry"): the meter and activity source
/// named <see cref="Name"/>. Instruments follow the OpenTelemetry semantic-convention style (dotted
/// names, UCUM units); durations are in seconds.
/// </summary>
public static class OwnersVoteTelemetry
{
    /// <summary>The meter and activity source name: <c>OwnersVote</c>.</summary>
    public const string Name = "OwnersVote";

    private static readonly Meter s_meter = new(Name);

    /// <summary>Spans: <c>cluster.append</c> (a node waits for the sequencer), <c>sequencer.batch</c> (the leader appends one batch).</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary><c>ownersvote.log.entries</c>: entries appended to the log, tagged <c>event.type</c> (CompoundRegistered, BallotCast, …).</summary>
    public static readonly Counter<long> Entries = s_meter.CreateCounter<long>("ownersvote.log.entries", "{entry}", "Log entries appended, by event type.");

    /// <summary><c>ownersvote.ballots.appended</c>: ballots (online and paper) appended; its rate is ballots/s.</summary>
    public static readonly Counter<long> Ballots = s_meter.CreateCounter<long>("ownersvote.ballots.appended", "{ballot}", "Ballots appended to the log (BallotCast, PaperBallotRecorded).");

    /// <summary><c>ownersvote.log.batch.size</c>: entries per durable batch (one journal fsync).</summary>
    public static readonly Histogram<int> BatchSize = s_meter.CreateHistogram<int>("ownersvote.log.batch.size", "{entry}", "Entries per durable batch (one fsync).");

    /// <summary><c>ownersvote.log.batch.duration</c>: time to make one batch durable (journal fsync, tiles, checkpoint).</summary>
    public static readonly Histogram<double> BatchDuration = s_meter.CreateHistogram<double>("ownersvote.log.batch.duration", "s", "Time to sequence one batch: journal fsync, tiles, signed checkpoint.");

    /// <summary><c>ownersvote.log.append.duration</c>: a caller's wait from append to durable, projected and witnessed (in a cluster, through the queue).</summary>
    public static readonly Histogram<double> AppendDuration = s_meter.CreateHistogram<double>("ownersvote.log.append.duration", "s", "Append latency seen by a request: durable, projected, witnessed.");

    /// <summary><c>ownersvote.projection.run.size</c>: entries applied to the tables in one transaction.</summary>
    public static readonly Histogram<int> ProjectionRunSize = s_meter.CreateHistogram<int>("ownersvote.projection.run.size", "{entry}", "Entries applied to the projection tables in one transaction.");

    /// <summary><c>ownersvote.projection.run.duration</c>: time to apply one run of entries to the tables and commit.</summary>
    public static readonly Histogram<double> ProjectionRunDuration = s_meter.CreateHistogram<double>("ownersvote.projection.run.duration", "s", "Time to apply one run of log entries to the tables and commit.");

    /// <summary><c>ownersvote.witness.round.duration</c>: time to collect the witnesses' cosignatures on one checkpoint.</summary>
    public static readonly Histogram<double> WitnessRoundDuration = s_meter.CreateHistogram<double>("ownersvote.witness.round.duration", "s", "Time to collect witness cosignatures on one checkpoint.");

    private static long s_queueLength;
    private static int s_leader;
    private static long s_scansPending;
    private static long s_scansConfirmed;

    static OwnersVoteTelemetry()
    {
        s_meter.CreateObservableGauge("ownersvote.cluster.queue.length", () => Volatile.Read(ref s_queueLength), "{entry}", "Entries waiting in the cluster queue for the sequencer, as the leader last saw them.");
        s_meter.CreateObservableGauge("ownersvote.cluster.leader", () => Volatile.Read(ref s_leader), "{node}", "1 on the node that holds the sequencer lock, else 0.");
        s_meter.CreateObservableGauge(
            "ownersvote.paper.scans.waiting",
            () => (Measurement<long>[])
            [
                new(Volatile.Read(ref s_scansPending), new KeyValuePair<string, object?>("paper.state", "pending")),
                new(Volatile.Read(ref s_scansConfirmed), new KeyValuePair<string, object?>("paper.state", "confirmed")),
            ],
            "{page}",
            "Scanned paper-ballot pages waiting for officers: pending (first confirmation) and confirmed (second approval).");
    }

    /// <summary>Counts appended events (<c>ownersvote.log.entries</c>, <c>ownersvote.ballots.appended</c>).</summary>
    public static void Appended(IReadOnlyList<LedgerEvent> events, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (LedgerEvent e in events)
        {
            Entries.Add(1, new KeyValuePair<string, object?>("event.type", e.Type));
            if (e is BallotCast or PaperBallotRecorded)
            {
                Ballots.Add(1);
            }
        }

        AppendDuration.Record(waited.TotalSeconds);
    }

    /// <summary>Records one durable batch (the appender's <c>BatchSequenced</c> callback).</summary>
    public static void Batch(int size, TimeSpan duration)
    {
        BatchSize.Record(size);
        BatchDuration.Record(duration.TotalSeconds);
    }

    /// <summary>The leader's view of the queue length.</summary>
    public static void QueueLength(long length) => Volatile.Write(ref s_queueLength, length);

    /// <summary>The paper-scan review queue as last counted (<see cref="ScanQueueMonitor"/>).</summary>
    public static void ScansWaiting(long pending, long confirmed)
    {
        Volatile.Write(ref s_scansPending, pending);
        Volatile.Write(ref s_scansConfirmed, confirmed);
    }

    /// <summary>Whether this node is the sequencer.</summary>
    public static void Leader(bool leader) => Volatile.Write(ref s_leader, leader ? 1 : 0);
}
