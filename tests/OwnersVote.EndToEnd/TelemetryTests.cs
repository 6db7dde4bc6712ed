using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Voting.Events;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Paper;
using OwnersVote.Web.Hosting;
using OwnersVote.Web.Ledger;

namespace OwnersVote.EndToEnd;

/// <summary>Issue 8 §4: the <c>OwnersVote</c> meter's instruments, read in process with a <see cref="MeterListener"/>.</summary>
public sealed class TelemetryTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_append_is_counted_by_event_type_and_its_batch_size_and_latencies_are_recorded()
    {
        var measured = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, double Value, string? EventType)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OwnersVoteTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add((i.Name, v, EventType(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measured.Add((i.Name, v, EventType(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add((i.Name, v, EventType(tags))));
        listener.Start();

        string compound = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        using (IServiceScope scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<EventLog>().AppendAsync(
                new CompoundRegistered(compound, EventTime.Truncate(DateTimeOffset.UtcNow), "admin:test", "遥测小区", "上海市闵行区", "t.localhost", ["http://t.localhost"], RequireUserVerification: true),
                TestContext.Current.CancellationToken);
        }

        Assert.Contains(measured, m => m.Instrument == "ownersvote.log.entries" && m.Value == 1 && m.EventType == "CompoundRegistered");
        Assert.Contains(measured, m => m.Instrument == "ownersvote.log.batch.size" && m.Value >= 1);
        Assert.Contains(measured, m => m.Instrument == "ownersvote.log.batch.duration" && m.Value > 0);
        Assert.Contains(measured, m => m.Instrument == "ownersvote.log.append.duration" && m.Value > 0);
    }

    [Fact]
    public async Task The_scan_queue_gauge_counts_pages_waiting_for_a_first_and_a_second_officer()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        ScanQueueMonitor monitor = app.Services.GetRequiredService<ScanQueueMonitor>();
        await monitor.RefreshAsync(cancel);
        (long pending, long confirmed) before = ReadScanGauge();

        // Three pages uploaded, one of them confirmed by a first officer, one already recorded.
        string batch = Guid.NewGuid().ToString("N")[..8];
        PaperScanRow[] rows =
        [
            Scan(batch, 1, PaperScanStates.Pending),
            Scan(batch, 2, PaperScanStates.Confirmed),
            Scan(batch, 3, PaperScanStates.Refused),
        ];
        using (IServiceScope scope = app.Services.CreateScope())
        {
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            db.PaperScans.AddRange(rows);
            await db.SaveChangesAsync(cancel);
        }

        try
        {
            await monitor.RefreshAsync(cancel);
            Assert.Equal((before.pending + 1, before.confirmed + 1), ReadScanGauge());
        }
        finally
        {
            using IServiceScope scope = app.Services.CreateScope();
            OwnersVoteDb db = scope.ServiceProvider.GetRequiredService<OwnersVoteDb>();
            string[] ids = [.. rows.Select(r => r.Id)];
            await db.PaperScans.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancel);
        }

        // Gone from the table (as retention removes them): gone from the gauge.
        await monitor.RefreshAsync(cancel);
        Assert.Equal(before, ReadScanGauge());
    }

    // Reads the observable gauge as an exporter would: one measurement per paper.state.
    private static (long Pending, long Confirmed) ReadScanGauge()
    {
        long pending = -1, confirmed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OwnersVoteTelemetry.Name && instrument.Name == "ownersvote.paper.scans.waiting")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "paper.state" && tag.Value is "pending")
                {
                    pending = v;
                }
                else if (tag.Key == "paper.state" && tag.Value is "confirmed")
                {
                    confirmed = v;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return (pending, confirmed);
    }

    private static PaperScanRow Scan(string batch, int page, string state) => new()
    {
        Id = $"{batch}{page:x2}",
        CompoundId = DemoSeeder.CompoundId,
        MatterId = DemoSeeder.LiftVoteId,
        FileName = $"telemetry-{batch}.pdf",
        Page = page,
        ImageSha256 = new string('0', 64),
        UploadSha256 = new string('1', 64),
        UploadedBy = "officer:demo-1",
        UploadedAt = DateTimeOffset.UtcNow,
        State = state,
        Reading = "{}",
    };

    private static string? EventType(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "event.type")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
