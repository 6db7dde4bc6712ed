using System.Globalization;
using System.Text;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;

// usage: CrashHost DIR SIGNERKEY ORIGIN START COUNT
// Appends entries "entry-<i>" for i in [START, START+COUNT) from 8 concurrent writers and prints
// "ACK <i> <index>" once each append is acknowledged. The crash test kills this process at random
// moments (SIGKILL) and checks that every acknowledged entry survives.
string dir = args[0];
using NoteSigner signer = NoteSigner.Parse(args[1]);
string origin = args[2];
long start = long.Parse(args[3], CultureInfo.InvariantCulture);
long count = long.Parse(args[4], CultureInfo.InvariantCulture);

var options = new LogAppenderOptions { SyncInterval = TimeSpan.FromMilliseconds(50), MaxBatchSize = 64 };
LogAppender appender = await LogAppender.OpenAsync(dir, origin, signer, signer.Verifier, options);
Console.Out.Flush();
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
var gate = new object();
long next = start;
await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
{
    while (true)
    {
        long i = Interlocked.Increment(ref next) - 1;
        if (i >= start + count)
        {
            return;
        }

        AppendResult result = await appender.AppendAsync(Encoding.UTF8.GetBytes($"entry-{i}"));
        lock (gate)
        {
            output.WriteLine($"ACK {i} {result.Index}");
        }
    }
}));
await appender.DisposeAsync();
output.WriteLine("DONE");
