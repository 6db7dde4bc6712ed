// Command note is the Go side of the OwnersVote.Ledger interoperability test. It uses
// golang.org/x/mod/sumdb/note and sumdb/tlog (v0.7.0), an independent implementation of
// c2sp.org/signed-note and RFC 6962, to check notes, checkpoints, cosignatures and receipts made
// by the C# code, and produces a key, a note and a tree checkpoint for the C# code to check.
//
// Usage: go run main.go INPUT.json  (writes OUTPUT JSON on stdout; any failure exits 1)
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type input struct {
	OurSignerKey      string   `json:"ourSignerKey"`
	OurVerifierKey    string   `json:"ourVerifierKey"`
	OurSignedNote     string   `json:"ourSignedNote"`
	OurCheckpointNote string   `json:"ourCheckpointNote"`
	CosignerName      string   `json:"cosignerName"`
	CosignerPublicKey []byte   `json:"cosignerPublicKey"`
	CosignerKeyID     string   `json:"cosignerKeyId"`
	CosignedNote      string   `json:"cosignedNote"`
	Entries           [][]byte `json:"entries"`
	Receipt           string   `json:"receipt"`
	ReceiptEntry      []byte   `json:"receiptEntry"`
	TextToSign        string   `json:"textToSign"`
}

type output struct {
	OurNoteText          string `json:"ourNoteText"`
	OurVerifierKeyHash   string `json:"ourVerifierKeyHash"`
	OurSignerKeyHash     string `json:"ourSignerKeyHash"`
	OurCheckpointSize    int64  `json:"ourCheckpointSize"`
	OurCheckpointRoot    string `json:"ourCheckpointRoot"`
	CosignatureTimestamp uint64 `json:"cosignatureTimestamp"`
	ReceiptIndex         int64  `json:"receiptIndex"`
	GoSignerKey          string `json:"goSignerKey"`
	GoVerifierKey        string `json:"goVerifierKey"`
	GoSignedNote         string `json:"goSignedNote"`
	GoTreeText           string `json:"goTreeText"`
	GoTreeNote           string `json:"goTreeNote"`
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: go run main.go INPUT.json")
	}
	raw, err := os.ReadFile(os.Args[1])
	check(err, "read input")
	var in input
	check(json.Unmarshal(raw, &in), "parse input")
	var out output

	// 1. Our keys and our signed note, opened by Go.
	ourVerifier, err := note.NewVerifier(in.OurVerifierKey)
	check(err, "note.NewVerifier(our verifier key)")
	ourSigner, err := note.NewSigner(in.OurSignerKey)
	check(err, "note.NewSigner(our signer key)")
	out.OurVerifierKeyHash = fmt.Sprintf("%08x", ourVerifier.KeyHash())
	out.OurSignerKeyHash = fmt.Sprintf("%08x", ourSigner.KeyHash())
	n, err := note.Open([]byte(in.OurSignedNote), note.VerifierList(ourVerifier))
	check(err, "note.Open(our signed note)")
	out.OurNoteText = n.Text

	// 2. Our checkpoint ("go.sum database tree" origin), opened and parsed by Go's tlog.
	n, err = note.Open([]byte(in.OurCheckpointNote), note.VerifierList(ourVerifier))
	check(err, "note.Open(our checkpoint)")
	tree, err := tlog.ParseTree([]byte(n.Text))
	check(err, "tlog.ParseTree(our checkpoint)")
	out.OurCheckpointSize = tree.N
	out.OurCheckpointRoot = base64.StdEncoding.EncodeToString(tree.Hash[:])

	// 3. Our cosignature, checked against c2sp.org/tlog-cosignature written out here:
	// key ID = SHA-256(name || "\n" || 0x04 || key)[:4]; signature = key ID || u64 time || Ed25519
	// over "cosignature/v1\ntime <t>\n" || checkpoint text.
	out.CosignatureTimestamp = checkCosignature(in)

	// 4. Our receipt (c2sp.org/tlog-proof), parsed here and checked with tlog.CheckRecord.
	out.ReceiptIndex = checkReceipt(in, ourVerifier)

	// 5. A key, a note and a tree checkpoint made by Go, for the C# side to open.
	skey, vkey, err := note.GenerateKey(rand.Reader, "go.example/interop")
	check(err, "note.GenerateKey")
	goSigner, err := note.NewSigner(skey)
	check(err, "note.NewSigner(go key)")
	signed, err := note.Sign(&note.Note{Text: in.TextToSign}, goSigner)
	check(err, "note.Sign")
	out.GoSignerKey, out.GoVerifierKey, out.GoSignedNote = skey, vkey, string(signed)

	var hashes []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		list := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			list[i] = hashes[index]
		}
		return list, nil
	})
	for i, entry := range in.Entries {
		stored, err := tlog.StoredHashes(int64(i), entry, reader)
		check(err, "tlog.StoredHashes")
		hashes = append(hashes, stored...)
	}
	root, err := tlog.TreeHash(int64(len(in.Entries)), reader)
	check(err, "tlog.TreeHash")
	treeText := tlog.FormatTree(tlog.Tree{N: int64(len(in.Entries)), Hash: root})
	treeNote, err := note.Sign(&note.Note{Text: string(treeText)}, goSigner)
	check(err, "note.Sign(tree)")
	out.GoTreeText, out.GoTreeNote = string(treeText), string(treeNote)

	encoded, err := json.Marshal(out)
	check(err, "encode output")
	os.Stdout.Write(encoded)
}

func checkCosignature(in input) uint64 {
	split := strings.LastIndex(in.CosignedNote, "\n\n")
	if split < 0 {
		fail("cosigned note has no blank line")
	}
	text := in.CosignedNote[:split+1]
	prefix := "— " + in.CosignerName + " "
	for _, line := range strings.Split(in.CosignedNote[split+2:], "\n") {
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(line[len(prefix):])
		check(err, "cosignature base64")
		if len(sig) != 4+8+64 {
			fail(fmt.Sprintf("cosignature is %d bytes, not 76", len(sig)))
		}
		id := append(append([]byte(in.CosignerName+"\n"), 0x04), in.CosignerPublicKey...)
		sum := sha256.Sum256(id)
		if !bytes.Equal(sig[:4], sum[:4]) || fmt.Sprintf("%08x", binary.BigEndian.Uint32(sum[:4])) != in.CosignerKeyID {
			fail("cosignature key ID is not SHA-256(name || \\n || 0x04 || key)[:4]")
		}
		t := binary.BigEndian.Uint64(sig[4:12])
		msg := "cosignature/v1\ntime " + strconv.FormatUint(t, 10) + "\n" + text
		if !ed25519.Verify(ed25519.PublicKey(in.CosignerPublicKey), []byte(msg), sig[12:]) {
			fail("cosignature does not verify")
		}
		return t
	}
	fail("no cosignature line from " + in.CosignerName)
	return 0
}

func checkReceipt(in input, logKey note.Verifier) int64 {
	lines := strings.SplitAfter(in.Receipt, "\n")
	if len(lines) < 3 || lines[0] != "c2sp.org/tlog-proof@v1\n" {
		fail("receipt header")
	}
	i := 1
	if strings.HasPrefix(lines[i], "extra ") {
		i++
	}
	if !strings.HasPrefix(lines[i], "index ") {
		fail("receipt index line")
	}
	index, err := strconv.ParseInt(strings.TrimSuffix(lines[i][len("index "):], "\n"), 10, 64)
	check(err, "receipt index")
	i++
	var proof tlog.RecordProof
	for ; lines[i] != "\n"; i++ {
		h, err := tlog.ParseHash(strings.TrimSuffix(lines[i], "\n"))
		check(err, "receipt proof hash")
		proof = append(proof, h)
	}
	checkpoint := strings.Join(lines[i+1:], "")
	n, err := note.Open([]byte(checkpoint), note.VerifierList(logKey))
	check(err, "note.Open(receipt checkpoint)")
	tree, err := tlog.ParseTree([]byte(n.Text))
	check(err, "tlog.ParseTree(receipt checkpoint)")
	check(tlog.CheckRecord(proof, tree.N, tree.Hash, index, tlog.RecordHash(in.ReceiptEntry)), "tlog.CheckRecord(receipt)")
	return index
}

func check(err error, what string) {
	if err != nil {
		fail(what + ": " + err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "interop:", message)
	os.Exit(1)
}
