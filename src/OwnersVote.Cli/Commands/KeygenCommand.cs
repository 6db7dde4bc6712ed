using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov keygen [--type note|cosignature] --name NAME --out FILE</c>: generates an Ed25519 key,
/// writes the signer key string and a newline to FILE (mode 0600, never overwriting) and prints the
/// verifier key string on stdout. <c>note</c> (the default) is a log key (c2sp.org/signed-note,
/// type 0x01); <c>cosignature</c> is a witness key for <c>ov witness</c> (c2sp.org/tlog-cosignature,
/// cosignature/v1, type 0x04).
/// </summary>
internal static class KeygenCommand
{
    private const string Synopsis = "usage: ov keygen [--type note|cosignature] --name NAME --out FILE";
    private static readonly string[] s_single = ["--name", "--out", "--type"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string name;
        string outPath;
        string type;
        try
        {
            CommandLine line = CommandLine.Parse(args, s_single, []);
            if (line.Positional.Count > 0)
            {
                throw new UsageException($"unexpected argument '{line.Positional[0]}'");
            }

            name = line.Required("--name");
            outPath = line.Required("--out");
            type = line.Optional("--type") ?? "note";
            if (type is not ("note" or "cosignature"))
            {
                throw new UsageException($"--type must be note or cosignature, not '{type}'");
            }
        }
        catch (UsageException e)
        {
            return Fail(stderr, $"{e.Message} ({Synopsis})");
        }

        NoteKeyPair pair;
        try
        {
            pair = type == "note" ? NoteSigner.Generate(name) : CosignatureSigner.Generate(name);
        }
        catch (NoteKeyFormatException e)
        {
            return Fail(stderr, $"invalid key name '{name}': {e.Message}");
        }

        if (File.Exists(outPath) || Directory.Exists(outPath))
        {
            return Fail(stderr, $"{outPath} already exists; refusing to overwrite a key");
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // The signer key is secret: readable and writable by its owner only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(outPath, new System.Text.UTF8Encoding(false), options);
            writer.Write(pair.SignerKey + "\n");
        }
        catch (IOException e)
        {
            // CreateNew also fails here if the file appeared since the check above.
            return Fail(stderr, $"cannot create {outPath}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(stderr, $"cannot create {outPath}: {e.Message}");
        }

        stdout.WriteLine(pair.VerifierKey);
        return Ov.Ok;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"ov keygen: {message.ReplaceLineEndings(" ")}");
        return Ov.BadInput;
    }
}
