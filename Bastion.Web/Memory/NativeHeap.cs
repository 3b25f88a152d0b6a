using System.Runtime.InteropServices;

namespace Bastion.Web.Memory;

/// <summary>glibc's <c>malloc_trim</c>: gives the free pages of every malloc arena back to the system. Absent on other
/// C libraries (musl), where trimming is skipped.</summary>
internal static partial class NativeHeap
{
    /// <summary>True when glibc released memory; false when it had nothing to release or the call is not there.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable SYSLIB1054 // DllImport rather than LibraryImport: as in AtomicFile, no unsafe blocks for one integer.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
