namespace Bastion.Web.Memory;

/// <summary>What <see cref="StartupCompaction"/> did: the GC's committed bytes before and after, the index of the
/// full blocking collection it ran, and whether glibc gave native pages back.</summary>
internal sealed record CompactionResult(long CommittedBefore, long CommittedAfter, long GcIndex, bool NativeTrimmed);
