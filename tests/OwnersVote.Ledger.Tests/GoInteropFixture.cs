using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OwnersVote.Ledger.Tests;

/// <summary>
/// Runs interop/note/main.go once (golang.org/x/mod/sumdb/note and sumdb/tlog v0.7.0 from the
/// Debian package, see scripts/install-test-deps.sh) on notes, a checkpoint, a cosignature and a
/// receipt made by our code, and keeps what Go produced for the tests to check.
/// </summary>
public sealed class GoInteropFixture : IAsyncLifetime
{
    public const string TextToSign = "业主大会表决结果\n同意 57 户，面积 95.91%\n";
    public const long CosignatureTime = 1_764_115_200;
    public const int TreeSize = 37;
    public const int ReceiptIndex = 11;

    private readonly string _work = Directory.CreateTempSubdirectory("ov-go-interop-").FullName;

    public GoInteropFixture()
    {
        Keys = NoteSigner.Generate("ownersvote.example/interop");
        Signer = NoteSigner.Parse(Keys.SignerKey);
    }

    public NoteKeyPair Keys { get; }

    public NoteSigner Signer { get; }

    public CosignatureSigner Cosigner { get; } = CosignatureSigner.FromSeed("witness.example/业委会", Enumerable.Range(7, 32).Select(i => (byte)i).ToArray(), new FixedTimeProvider(CosignatureTime));

    public IReadOnlyList<byte[]> Entries { get; } = [.. Enumerable.Range(0, TreeSize).Select(i => Encoding.UTF8.GetBytes($"ballot {i}"))];

    public Checkpoint OurCheckpoint { get; private set; } = null!;

    public GoOutput Go { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var tree = new MerkleTree();
        foreach (byte[] entry in Entries)
        {
            tree.Append(Merkle.HashLeaf(entry));
        }

        // "go.sum database tree" is the origin Go's tlog.FormatTree writes and ParseTree requires.
        OurCheckpoint = new Checkpoint("go.sum database tree", tree.Size, tree.Root);
        byte[] checkpointNote = OurCheckpoint.Sign(Signer);
        var hashes = new TreeFixture([.. Entries.Select(e => Merkle.HashLeaf(e))]);
        var receipt = new Receipt(ReceiptIndex, InclusionProof.Create(ReceiptIndex, TreeSize, hashes), checkpointNote, [0x2a]);

        var input = new
        {
            ourSignerKey = Keys.SignerKey,
            ourVerifierKey = Signer.VerifierKey,
            ourSignedNote = Encoding.UTF8.GetString(Note.Sign(TextToSign, Signer)),
            ourCheckpointNote = Encoding.UTF8.GetString(checkpointNote),
            cosignerName = Cosigner.Name,
            cosignerPublicKey = Cosigner.PublicKey,
            cosignerKeyId = Cosigner.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            cosignedNote = Encoding.UTF8.GetString(Note.AddSignatures(checkpointNote, Cosigner)),
            entries = Entries,
            receipt = Encoding.UTF8.GetString(receipt.Format()),
            receiptEntry = Entries[ReceiptIndex],
            textToSign = TextToSign,
        };
        string inputPath = Path.Combine(_work, "input.json");
        await File.WriteAllTextAsync(inputPath, JsonSerializer.Serialize(input), TestContext.Current.CancellationToken);
        Go = JsonSerializer.Deserialize<GoOutput>(await RunGoAsync(inputPath))!;
    }

    public ValueTask DisposeAsync()
    {
        Signer.Dispose();
        Cosigner.Dispose();
        Directory.Delete(_work, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task<string> RunGoAsync(string inputPath) =>
        GoProgram.RunAsync("note", _work, [inputPath], TestContext.Current.CancellationToken);
}

/// <summary>What the Go program reports.</summary>
public sealed record GoOutput(
    [property: JsonPropertyName("ourNoteText")] string OurNoteText,
    [property: JsonPropertyName("ourVerifierKeyHash")] string OurVerifierKeyHash,
    [property: JsonPropertyName("ourSignerKeyHash")] string OurSignerKeyHash,
    [property: JsonPropertyName("ourCheckpointSize")] long OurCheckpointSize,
    [property: JsonPropertyName("ourCheckpointRoot")] string OurCheckpointRoot,
    [property: JsonPropertyName("cosignatureTimestamp")] long CosignatureTimestamp,
    [property: JsonPropertyName("receiptIndex")] long ReceiptIndex,
    [property: JsonPropertyName("goSignerKey")] string GoSignerKey,
    [property: JsonPropertyName("goVerifierKey")] string GoVerifierKey,
    [property: JsonPropertyName("goSignedNote")] string GoSignedNote,
    [property: JsonPropertyName("goTreeText")] string GoTreeText,
    [property: JsonPropertyName("goTreeNote")] string GoTreeNote);
