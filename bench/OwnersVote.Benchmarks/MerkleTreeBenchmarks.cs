using BenchmarkDotNet.Attributes;
using OwnersVote.Ledger;

namespace OwnersVote.Benchmarks;

/// <summary>Appending leaf hashes to the incremental tree (amortised one node hash per leaf).</summary>
[MemoryDiagnoser]
public class MerkleTreeBenchmarks
{
    private const int Leaves = 65_536;
    private Hash[] _leaves = [];

    [GlobalSetup]
    public void Setup() => _leaves = [.. Enumerable.Range(0, Leaves).Select(i => Merkle.HashLeaf(BitConverter.GetBytes(i)))];

    [Benchmark(OperationsPerInvoke = Leaves)]
    public Hash Append_then_root()
    {
        var tree = new MerkleTree();
        foreach (Hash leaf in _leaves)
        {
            tree.Append(leaf);
        }

        return tree.Root;
    }
}
