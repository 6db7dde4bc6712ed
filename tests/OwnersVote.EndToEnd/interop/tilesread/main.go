// Command tilesread audits a running OwnersVote server's log over HTTP using only Go's reference
// tlog code (golang.org/x/mod/sumdb/tlog and sumdb/note), as an independent c2sp.org/tlog-tiles
// reader: it verifies the checkpoint's signature with the key served at /log/key, checks every
// hash tile it reads against the checkpoint's root (tlog.TileHashReader), and checks that every
// entry of every entry bundle hashes to the leaf the verified tiles hold.
//
// Usage: go run main.go BASEURL
//
// Prints "OK <size> <root base64>".
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var client = &http.Client{Timeout: 30 * time.Second}

func get(url string) []byte {
	resp, err := client.Get(url)
	check(err)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fail(fmt.Errorf("GET %s: %s", url, resp.Status))
	}
	data, err := io.ReadAll(resp.Body)
	check(err)
	return data
}

// tlog-tiles paths are sumdb's without the height element, and "entries" for "data".
func tilePath(t tlog.Tile) string {
	p := t.Path()
	p = strings.Replace(p, "tile/8/data/", "tile/entries/", 1)
	return strings.Replace(p, "tile/8/", "tile/", 1)
}

type httpTiles struct{ base string }

func (h httpTiles) Height() int { return 8 }

func (h httpTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		out[i] = get(h.base + "log/" + tilePath(t))
	}
	return out, nil
}

func (h httpTiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func main() {
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: tilesread BASEURL"))
	}
	base := strings.TrimSuffix(os.Args[1], "/") + "/"

	verifier, err := note.NewVerifier(strings.TrimSpace(string(get(base + "log/key"))))
	check(err)
	// Witness cosignatures are other keys' lines: note.Open ignores signatures it has no key for.
	n, err := note.Open(get(base+"log/checkpoint"), note.VerifierList(verifier))
	check(err)
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != verifier.Name() {
		fail(fmt.Errorf("checkpoint origin %q is not the key's name %q", lines[0], verifier.Name()))
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	check(err)
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	check(err)
	var root tlog.Hash
	copy(root[:], rootBytes)
	tree := tlog.Tree{N: size, Hash: root}
	reader := tlog.TileHashReader(tree, httpTiles{base})

	for start := int64(0); start < size; start += 256 {
		end := start + 256
		if end > size {
			end = size
		}
		t := tlog.Tile{H: 8, L: -1, N: start / 256, W: int(end - start)}
		bundle := get(base + "log/" + tilePath(t))
		var indexes []int64
		var leaves []tlog.Hash
		for i := start; i < end; i++ {
			if len(bundle) < 2 {
				fail(fmt.Errorf("entry bundle %d is truncated at entry %d", t.N, i))
			}
			length := int(binary.BigEndian.Uint16(bundle))
			if len(bundle) < 2+length {
				fail(fmt.Errorf("entry bundle %d is truncated in entry %d", t.N, i))
			}
			leaves = append(leaves, tlog.RecordHash(bundle[2:2+length]))
			indexes = append(indexes, tlog.StoredHashIndex(0, i))
			bundle = bundle[2+length:]
		}
		if len(bundle) != 0 {
			fail(fmt.Errorf("entry bundle %d has %d bytes after its entries", t.N, len(bundle)))
		}
		stored, err := reader.ReadHashes(indexes)
		check(err)
		for i := range leaves {
			if !bytes.Equal(stored[i][:], leaves[i][:]) {
				fail(fmt.Errorf("entry %d does not hash to the leaf in the verified tiles", start+int64(i)))
			}
		}
	}

	computed, err := tlog.TreeHash(size, reader)
	check(err)
	if computed != root {
		fail(fmt.Errorf("tiles hash to another root"))
	}
	fmt.Printf("OK %d %s\n", size, base64.StdEncoding.EncodeToString(root[:]))
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tilesread:", err)
	os.Exit(1)
}
