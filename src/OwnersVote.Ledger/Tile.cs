namespace OwnersVote.Ledger;

/// <summary>A hash tile or entry bundle to store: its path and its exact bytes.</summary>
/// <param name="Path">Where c2sp.org/tlog-tiles serves it.</param>
/// <param name="Content">Concatenated 32-byte hashes, or uint16-length-prefixed entries.</param>
public sealed record Tile(TilePath Path, ReadOnlyMemory<byte> Content);
