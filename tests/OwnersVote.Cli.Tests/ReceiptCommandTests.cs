using System.Text;
using OwnersVote.Ledger;

namespace OwnersVote.Cli.Tests;

public sealed class ReceiptCommandTests : IDisposable
{
    private const string Origin = "receipts.test/log";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // A log of 300 entries made with ov log append, and a tlog-proof receipt for entry 123.
    private async Task<(string VerifierKey, string ReceiptFile, string EntryFile)> LogWithReceiptAsync()
    {
        string keyFile = Path.Combine(_temp.Path, "log.key");
        string verifierKey = OvRun.Of("keygen", "--name", Origin, "--out", keyFile).Stdout.Trim();
        string log = Path.Combine(_temp.Path, "log");
        string lines = string.Concat(Enumerable.Range(0, 300).Select(i => $"ballot {i}\n"));
        Assert.Equal(0, OvRun.WithStdin(Encoding.UTF8.GetBytes(lines), "log", "append", "--dir", log, "--key", keyFile, "--origin", Origin).ExitCode);

        var store = new FileTileStore(log);
        byte[] checkpoint = File.ReadAllBytes(Path.Combine(log, "checkpoint"));
        TileHashSource source = await TileHashSource.LoadAsync(store, 300, s => InclusionProof.Create(123, 300, s), TestContext.Current.CancellationToken);
        var receipt = new Receipt(123, InclusionProof.Create(123, 300, source), checkpoint);
        return (verifierKey, _temp.Write("receipt.txt", receipt.Format()), _temp.Write("entry.txt", "ballot 123"));
    }

    [Fact]
    public async Task A_receipt_proves_its_entry_offline()
    {
        (string key, string receipt, string entry) = await LogWithReceiptAsync();
        OvRun run = OvRun.Of("verify", "--receipt", receipt, "--key", key, "--entry", entry);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("OK entry 123 in tree 300 ", run.Stdout, StringComparison.Ordinal);

        string leaf = Merkle.HashLeaf(Encoding.UTF8.GetBytes("ballot 123")).ToHex();
        Assert.Equal(run.Stdout, OvRun.Of("verify", "--receipt", receipt, "--key", key, "--leaf-hash", leaf).Stdout);
    }

    [Fact]
    public async Task A_receipt_carrying_its_entry_as_extra_proves_it_alone_and_a_changed_extra_fails()
    {
        (string key, string receiptFile, string _) = await LogWithReceiptAsync();
        Receipt plain = Receipt.Parse(File.ReadAllBytes(receiptFile));
        var carrying = new Receipt(plain.Index, plain.InclusionProof, plain.Checkpoint, Encoding.UTF8.GetBytes("ballot 123"));
        var changed = new Receipt(plain.Index, plain.InclusionProof, plain.Checkpoint, Encoding.UTF8.GetBytes("ballot 124"));

        OvRun run = OvRun.Of("verify", "--receipt", _temp.Write("carrying.txt", carrying.Format()), "--key", key);
        OvRun forged = OvRun.Of("verify", "--receipt", _temp.Write("changed.txt", changed.Format()), "--key", key);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("OK entry 123 in tree 300 ", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, forged.ExitCode);
    }

    [Fact]
    public async Task A_receipt_does_not_prove_another_entry_a_changed_proof_or_another_key()
    {
        (string key, string receipt, string _) = await LogWithReceiptAsync();
        OvRun other = OvRun.Of("verify", "--receipt", receipt, "--key", key, "--entry", _temp.Write("other.txt", "ballot 124"));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains(receipt, other.Stderr, StringComparison.Ordinal);

        string otherKey = OvRun.Of("keygen", "--name", Origin, "--out", Path.Combine(_temp.Path, "other.key")).Stdout.Trim();
        Assert.Equal(1, OvRun.Of("verify", "--receipt", receipt, "--key", otherKey, "--entry", _temp.Write("e.txt", "ballot 123")).ExitCode);

        Assert.Equal(1, OvRun.Of("verify", "--receipt", receipt, "--key", key, "--entry", _temp.Write("e2.txt", "ballot 123"), "--origin", "elsewhere/log").ExitCode);
    }

    [Fact]
    public async Task Bad_usage_is_one_line_and_exit_2()
    {
        (string key, string receipt, string entry) = await LogWithReceiptAsync();
        Assert.Contains("one of --entry FILE or --leaf-hash HEX, not both",
            OvRun.Of("verify", "--receipt", receipt, "--key", key, "--entry", entry, "--leaf-hash", "00").AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.Contains("the receipt carries no entry",
            OvRun.Of("verify", "--receipt", receipt, "--key", key).AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.Contains("64 hex digits", OvRun.Of("verify", "--receipt", receipt, "--key", key, "--leaf-hash", "zz").AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.Contains("not a tlog-proof receipt", OvRun.Of("verify", "--receipt", entry, "--key", key, "--entry", entry).AssertOneLineBadInput(), StringComparison.Ordinal);
    }
}
