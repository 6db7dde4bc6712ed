using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger.Tests;

/// <summary>Both directions against golang.org/x/mod/sumdb/note and sumdb/tlog v0.7.0.</summary>
public sealed class GoNoteInteropTests(GoInteropFixture fixture) : IClassFixture<GoInteropFixture>
{
    private readonly GoOutput _go = fixture.Go;

    [Fact]
    public void Go_opens_our_note_and_computes_our_key_ids()
    {
        string keyId = fixture.Signer.KeyId.ToString("x8", CultureInfo.InvariantCulture);
        Assert.Equal(GoInteropFixture.TextToSign, _go.OurNoteText);
        Assert.Equal(keyId, _go.OurVerifierKeyHash);
        Assert.Equal(keyId, _go.OurSignerKeyHash);
    }

    [Fact]
    public void We_open_a_note_signed_by_a_key_go_generated_and_agree_on_its_key_id()
    {
        NoteVerifier verifier = NoteVerifier.Parse(_go.GoVerifierKey);
        OpenedNote opened = Note.Open(Encoding.UTF8.GetBytes(_go.GoSignedNote), verifier);
        Assert.Equal(GoInteropFixture.TextToSign, opened.Text);

        // Ed25519 is deterministic: with Go's key our note is byte for byte Go's.
        using NoteSigner goKey = NoteSigner.Parse(_go.GoSignerKey);
        Assert.Equal(_go.GoVerifierKey, goKey.VerifierKey);
        Assert.Equal(verifier.KeyId, goKey.KeyId);
        Assert.Equal(_go.GoSignedNote, Encoding.UTF8.GetString(Note.Sign(GoInteropFixture.TextToSign, goKey)));
    }

    [Fact]
    public void A_checkpoint_of_a_real_tree_is_byte_for_byte_what_go_formats_for_the_same_entries()
    {
        // Known answer: Go's tlog computed the RFC 6962 root of the same 37 entries independently.
        Assert.Equal(_go.GoTreeText, fixture.OurCheckpoint.Format());
        SignedCheckpoint goCheckpoint = Checkpoint.Open(Encoding.UTF8.GetBytes(_go.GoTreeNote), NoteVerifier.Parse(_go.GoVerifierKey));
        Assert.Equal(fixture.OurCheckpoint, goCheckpoint.Checkpoint);

        Assert.Equal(GoInteropFixture.TreeSize, _go.OurCheckpointSize);
        Assert.Equal(fixture.OurCheckpoint.Root.ToBase64(), _go.OurCheckpointRoot);
    }

    [Fact]
    public void Go_verifies_our_cosignature_against_the_spec_message_and_our_receipt_with_tlog()
    {
        Assert.Equal(GoInteropFixture.CosignatureTime, _go.CosignatureTimestamp);
        Assert.Equal(GoInteropFixture.ReceiptIndex, _go.ReceiptIndex);
    }
}
