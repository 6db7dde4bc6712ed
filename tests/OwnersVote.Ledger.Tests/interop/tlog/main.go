// Command tlog answers Merkle tree queries about a log with golang.org/x/mod/sumdb/tlog, the
// reference implementation behind Go's checksum database, so that OwnersVote.Ledger can be
// compared with it byte for byte.
//
// Usage: go run main.go ENTRIES QUERIES
//
// ENTRIES holds the log entries, each prefixed by its big-endian uint16 length (the
// c2sp.org/tlog-tiles entry bundle encoding). QUERIES holds one query per line:
//
//	root SIZE                  -> root SIZE BASE64
//	inclusion INDEX SIZE       -> inclusion INDEX SIZE BASE64,BASE64,... ("-" if empty)
//	consistency SIZE1 SIZE2    -> consistency SIZE1 SIZE2 BASE64,... ("-" if empty)
//	tiles SIZE                 -> tile PATH BASE64, for every height-8 tile a tree of SIZE
//	                              serves: full tiles and the rightmost partial tile per level
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) != 3 {
		fail(fmt.Errorf("usage: tlog ENTRIES QUERIES"))
	}
	data, err := os.ReadFile(os.Args[1])
	check(err)

	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			if index >= int64(len(stored)) {
				return nil, fmt.Errorf("hash %d not stored", index)
			}
			out[i] = stored[index]
		}
		return out, nil
	})

	var n int64
	for len(data) > 0 {
		if len(data) < 2 {
			fail(fmt.Errorf("truncated length prefix"))
		}
		length := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+length {
			fail(fmt.Errorf("truncated entry %d", n))
		}
		hashes, err := tlog.StoredHashes(n, data[2:2+length], reader)
		check(err)
		stored = append(stored, hashes...)
		data = data[2+length:]
		n++
	}

	queries, err := os.Open(os.Args[2])
	check(err)
	defer queries.Close()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	scanner := bufio.NewScanner(queries)
	for scanner.Scan() {
		f := strings.Fields(scanner.Text())
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "root":
			size := atoi(f[1])
			h, err := tlog.TreeHash(size, reader)
			check(err)
			fmt.Fprintf(out, "root %d %s\n", size, b64(h[:]))
		case "inclusion":
			index, size := atoi(f[1]), atoi(f[2])
			p, err := tlog.ProveRecord(size, index, reader)
			check(err)
			fmt.Fprintf(out, "inclusion %d %d %s\n", index, size, list(p))
		case "consistency":
			size1, size2 := atoi(f[1]), atoi(f[2])
			p, err := tlog.ProveTree(size2, size1, reader)
			check(err)
			fmt.Fprintf(out, "consistency %d %d %s\n", size1, size2, list(p))
		case "tiles":
			size := atoi(f[1])
			for _, t := range tlog.NewTiles(8, 0, size) {
				// NewTiles lists every partial width up to the current one; a tree of SIZE
				// serves only the current width.
				if t.W != 256 && int64(t.W) != (size>>(8*uint(t.L)))%256 {
					continue
				}
				tile, err := tlog.ReadTileData(t, reader)
				check(err)
				fmt.Fprintf(out, "tile %s %s\n", t.Path(), b64(tile))
			}
		default:
			fail(fmt.Errorf("unknown query %q", f[0]))
		}
	}
	check(scanner.Err())
}

func list(hashes []tlog.Hash) string {
	if len(hashes) == 0 {
		return "-"
	}
	parts := make([]string, len(hashes))
	for i, h := range hashes {
		parts[i] = b64(h[:])
	}
	return strings.Join(parts, ",")
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func atoi(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	check(err)
	return n
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tlog:", err)
	os.Exit(1)
}
