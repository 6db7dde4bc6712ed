using System.Text;
using System.Text.Json;

namespace OwnersVote.Ledger.Tests;

/// <summary>The vendored tests/testvectors/signed-note.json, read unchanged.</summary>
internal static class SignedNoteVectors
{
    private static readonly Lazy<JsonElement[]> s_vectors = new(() =>
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testvectors", "signed-note.json")));
        return [.. document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone())];
    });

    public static JsonElement Vector(string name) => s_vectors.Value.Single(v => v.GetProperty("name").GetString() == name);

    public static string Get(string vector, string field) => Vector(vector).GetProperty(field).GetString()!;

    public static string SignerKey => Get("sign-and-open", "signerKey");

    public static string VerifierKey => Get("sign-and-open", "verifierKey");

    public static string Text => Get("sign-and-open", "text");

    public static byte[] SignedNote => Encoding.UTF8.GetBytes(Get("sign-and-open", "signedNote"));

    public static byte[] TwiceSignedNote => Encoding.UTF8.GetBytes(Get("second-signature-from-all-zero-seed", "signedNote"));

    public static NoteSigner EnochRoot() => NoteSigner.FromSeed(
        Get("second-signature-from-all-zero-seed", "keyName"),
        Convert.FromHexString(Get("second-signature-from-all-zero-seed", "seedHex")));
}
