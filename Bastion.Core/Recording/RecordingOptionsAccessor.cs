using Microsoft.Extensions.Options;

namespace Bastion.Core.Recording;

/// <summary>The resolved recordings directory (configured, or <c>&lt;dataDir&gt;/recordings</c>).</summary>
internal sealed class RecordingOptionsAccessor(IOptions<RecordingOptions> options)
{
    public string Directory => options.Value.Directory;

    /// <summary>The full path of <paramref name="file"/>, or null if the name tries to leave the directory.</summary>
    public string? PathOf(string file)
    {
        var full = Path.GetFullPath(Path.Combine(Directory, file));
        return full.StartsWith(Path.GetFullPath(Directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
