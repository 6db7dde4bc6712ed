using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OwnersVote.Voting.Events;
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
