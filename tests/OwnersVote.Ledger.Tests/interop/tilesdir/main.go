// Command tilesdir writes a complete c2sp.org/tlog-tiles log directory using only Go's reference
// code — golang.org/x/mod/sumdb/tlog for the hashes and hash tiles, sumdb/note for the signed
// checkpoint — so that OwnersVote.Ledger can be shown to read a log it did not write.
//
// Usage: go run main.go DIR SIZE ORIGIN
//
// Entries are "go entry <i>". Prints the signer key, the verifier key and the root (base64),
// one per line.
package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) != 4 {
		fail(fmt.Errorf("usage: tilesdir DIR SIZE ORIGIN"))
	}
	dir, origin := os.Args[1], os.Args[3]
	n, err := strconv.ParseInt(os.Args[2], 10, 64)
	check(err)

	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			out[i] = stored[index]
		}
		return out, nil
	})
	entries := make([][]byte, n)
	for i := int64(0); i < n; i++ {
		entries[i] = []byte(fmt.Sprintf("go entry %d", i))
		hashes, err := tlog.StoredHashes(i, entries[i], reader)
		check(err)
		stored = append(stored, hashes...)
	}
	root, err := tlog.TreeHash(n, reader)
	check(err)

	// Hash tiles: sumdb's height-8 tiles are tlog-tiles' tiles; only the path drops the height.
	for _, t := range tlog.NewTiles(8, 0, n) {
		data, err := tlog.ReadTileData(t, reader)
		check(err)
		write(dir, strings.Replace(t.Path(), "tile/8/", "tile/", 1), data)
	}

	// Entry bundles: tlog-tiles' own encoding (big-endian uint16 length prefixes), at the path
	// sumdb uses for its data tiles with "data" renamed "entries".
	for start := int64(0); start < n; start += 256 {
		end := start + 256
		if end > n {
			end = n
		}
		var bundle []byte
		for _, e := range entries[start:end] {
			bundle = binary.BigEndian.AppendUint16(bundle, uint16(len(e)))
			bundle = append(bundle, e...)
		}
		t := tlog.Tile{H: 8, L: -1, N: start / 256, W: int(end - start)}
		write(dir, strings.Replace(t.Path(), "tile/8/data/", "tile/entries/", 1), bundle)
	}

	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	check(err)
	signer, err := note.NewSigner(skey)
	check(err)
	text := fmt.Sprintf("%s\n%d\n%s\n", origin, n, base64.StdEncoding.EncodeToString(root[:]))
	msg, err := note.Sign(&note.Note{Text: text}, signer)
	check(err)
	write(dir, "checkpoint", msg)
	fmt.Println(skey)
	fmt.Println(vkey)
	fmt.Println(base64.StdEncoding.EncodeToString(root[:]))
}

func write(dir, path string, data []byte) {
	full := filepath.Join(dir, filepath.FromSlash(path))
	check(os.MkdirAll(filepath.Dir(full), 0o755))
	check(os.WriteFile(full, data, 0o644))
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tilesdir:", err)
	os.Exit(1)
}
