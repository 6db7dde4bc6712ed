using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>
/// <c>ov keygen --name NAME --out FILE</c>: generates an Ed25519 note key (c2sp.org/signed-note),
/// writes the signer key string and a newline to FILE (mode 0600, never overwriting) and prints the
/// verifier key string on stdout.
/// </summary>
internal static class KeygenCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? name = null;
        string? outPath = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--name" or "--out" && i + 1 < args.Length)
            {
                if (args[i] == "--name")
                {
                    name = args[++i];
                }
                else
                {
                    outPath = args[++i];
                }
            }
            else
            {
                return Fail(stderr, $"unexpected argument '{args[i]}' (usage: ov keygen --name NAME --out FILE)");
            }
        }

        if (name is null || outPath is null)
        {
            return Fail(stderr, "--name and --out are required (usage: ov keygen --name NAME --out FILE)");
        }

        NoteKeyPair pair;
        try
        {
            pair = NoteSigner.Generate(name);
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
