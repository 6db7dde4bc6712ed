using OwnersVote.Ledger;

namespace OwnersVote.Cli.Commands;

/// <summary>Reading note keys given on the command line, as files or strings.</summary>
public static class KeyFile
{
    /// <summary>The signer key in <paramref name="path"/> (as written by <c>ov keygen</c>).</summary>
    /// <exception cref="UsageException">The file cannot be read or holds no valid signer key.</exception>
    public static NoteSigner ReadSigner(string path)
    {
        string text = System.Text.Encoding.UTF8.GetString(InputFile.ReadAllBytes(path)).TrimEnd('\n', '\r');
        try
        {
            return NoteSigner.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{path}: not a signer key ({InputFile.OneLine(e.Message)})", e);
        }
    }

    /// <summary>
    /// The witness (cosigner) key in <paramref name="path"/>, as written by
    /// <c>ov keygen --type cosignature</c>: type 0x04, or an Ed25519 (0x01) signer key, which
    /// c2sp.org/tlog-cosignature allows to cosign as well.
    /// </summary>
    /// <exception cref="UsageException">The file cannot be read or holds no valid cosigner key.</exception>
    public static CosignatureSigner ReadCosigner(string path, TimeProvider time)
    {
        string text = System.Text.Encoding.UTF8.GetString(InputFile.ReadAllBytes(path)).TrimEnd('\n', '\r');
        try
        {
            return CosignatureSigner.Parse(text, time);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{path}: not a cosigner key ({InputFile.OneLine(e.Message)})", e);
        }
    }

    /// <summary>
    /// A verifier key given as the key string itself or as a file holding it. Type 0x01 keys are
    /// note (log) keys; with <paramref name="cosignature"/>, type 0x04 witness keys are accepted too.
    /// </summary>
    /// <exception cref="UsageException">Neither a valid key string nor a file with one.</exception>
    public static INoteVerifier ReadVerifier(string keyOrPath, bool cosignature)
    {
        string text = keyOrPath;
        if (File.Exists(keyOrPath))
        {
            text = System.Text.Encoding.UTF8.GetString(InputFile.ReadAllBytes(keyOrPath)).Trim();
        }

        try
        {
            return NoteVerifier.Parse(text);
        }
        catch (FormatException) when (cosignature)
        {
            // Witnesses' keys have type 0x04 (c2sp.org/tlog-cosignature).
        }
        catch (FormatException e)
        {
            throw new UsageException($"'{keyOrPath}' is not a verifier key ({InputFile.OneLine(e.Message)})", e);
        }

        try
        {
            return CosignatureVerifier.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"'{keyOrPath}' is not a note or cosignature verifier key ({InputFile.OneLine(e.Message)})", e);
        }
    }
}
