namespace Bastion.Web.Memory;

/// <summary>What <see cref="StartupCompaction"/> did: the GC's committed bytes as of the collection before it and after
/// it, the index, generation and compaction of the full blocking collection it ran, and whether glibc gave native pages
/// back.</summary>
internal sealed record CompactionResult(long CommittedBefore, long CommittedAfter, long GcIndex, int Generation, bool Compacted, bool NativeTrimmed);
