namespace Bastion.Web.Memory;

/// <summary>The service's own memory housekeeping (configuration section <c>Memory</c>; issue 12, docs/DEPLOYMENT.md
/// "Memory and the GC").</summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Memory";

    /// <summary>How long after start-up (the application started) the heaps are compacted once: a full compacting GC
    /// that returns the GC's free memory to the system, then glibc's <c>malloc_trim</c>. Start-up (migrations, the
    /// first admin, the key ring, the recordings' index) leaves garbage and freed native memory that an idle service
    /// would otherwise keep mapped; measured, the idle RSS is 6–8 MiB lower. Zero turns it off.</summary>
    public TimeSpan CompactAfterStart { get; set; } = TimeSpan.FromSeconds(10);
}
