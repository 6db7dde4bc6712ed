using OwnersVote.Ledger;

namespace OwnersVote.Cli.Tests;

public sealed class KeygenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ov-keygen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keygen_writes_the_signer_key_with_mode_0600_and_prints_the_verifier_key()
    {
        string file = Path.Combine(_dir, "log.key");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Ov.Run(["keygen", "--name", "ownersvote.example/log", "--out", file], TextReader.Null, stdout, stderr);

        Assert.Equal(0, code);
        Assert.Equal("", stderr.ToString());
        string signerKey = File.ReadAllText(file);
        Assert.StartsWith("PRIVATE+KEY+ownersvote.example/log+", signerKey, StringComparison.Ordinal);
        Assert.EndsWith("\n", signerKey, StringComparison.Ordinal);
        Assert.Single(signerKey.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        string verifierKey = stdout.ToString().TrimEnd('\n');
        Assert.Equal(stdout.ToString(), verifierKey + Environment.NewLine);
        Assert.StartsWith("ownersvote.example/log+", verifierKey, StringComparison.Ordinal);

        // The two keys are a pair: a note signed with the file opens with the printed key.
        using NoteSigner signer = NoteSigner.Parse(signerKey.TrimEnd('\n'));
        byte[] note = Note.Sign("ownersvote.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", signer);
        OpenedNote opened = Note.Open(note, NoteVerifier.Parse(verifierKey));
        Assert.Equal(signer.KeyId, Assert.Single(opened.Signatures).Signature.KeyId);
        Assert.Equal(verifierKey, signer.VerifierKey);
    }

    [Fact]
    public void Keygen_refuses_to_overwrite_an_existing_file_with_exit_2_and_one_line()
    {
        string file = Path.Combine(_dir, "existing.key");
        File.WriteAllText(file, "keep me\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Ov.Run(["keygen", "--name", "log", "--out", file], TextReader.Null, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Equal("keep me\n", File.ReadAllText(file));
        Assert.Equal("", stdout.ToString());
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("already exists", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--name", "has space")]
    [InlineData("--name", "has+plus")]
    [InlineData("--name", "")]
    public void Keygen_rejects_invalid_names_without_writing(string option, string name)
    {
        string file = Path.Combine(_dir, "bad.key");
        var stderr = new StringWriter();
        int code = Ov.Run(["keygen", option, name, "--out", file], TextReader.Null, new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.False(File.Exists(file));
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keygen")]
    [InlineData("keygen --name log")]
    [InlineData("keygen --out")]
    [InlineData("keygen --name log --out x --force")]
    public void Keygen_with_missing_or_unknown_options_exits_2(string commandLine)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, Ov.Run(commandLine.Split(' '), TextReader.Null, new StringWriter(), stderr));
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Keygen_into_a_missing_directory_exits_2_with_one_line()
    {
        var stderr = new StringWriter();
        int code = Ov.Run(["keygen", "--name", "log", "--out", Path.Combine(_dir, "no", "such", "dir", "k")], TextReader.Null, new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Keygen_type_cosignature_makes_a_witness_key_pair()
    {
        string file = Path.Combine(_dir, "witness.key");
        var stdout = new StringWriter();
        int code = Ov.Run(["keygen", "--type", "cosignature", "--name", "yeweihui.example/witness", "--out", file], TextReader.Null, stdout, new StringWriter());

        Assert.Equal(0, code);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        // c2sp.org/tlog-cosignature: a type 0x04 key, and the printed verifier checks its cosignatures.
        CosignatureVerifier verifier = CosignatureVerifier.Parse(stdout.ToString().Trim());
        using CosignatureSigner signer = CosignatureSigner.Parse(File.ReadAllText(file).TrimEnd('\n'), TimeProvider.System);
        Assert.Equal(verifier.VerifierKey, signer.VerifierKey);
        byte[] text = "vote.example.cn/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"u8.ToArray();
        Assert.True(verifier.Verify(text, signer.Sign(text)));
        Assert.Throws<NoteKeyFormatException>(() => NoteVerifier.Parse(verifier.VerifierKey));
    }

    [Fact]
    public void Keygen_rejects_an_unknown_type_without_writing()
    {
        string file = Path.Combine(_dir, "bad.key");
        var stderr = new StringWriter();
        Assert.Equal(2, Ov.Run(["keygen", "--type", "rsa", "--name", "log", "--out", file], TextReader.Null, new StringWriter(), stderr));
        Assert.False(File.Exists(file));
        Assert.Contains("--type must be note or cosignature", stderr.ToString(), StringComparison.Ordinal);
    }
}
