using System.Text.Json.Serialization;

namespace Bastion.Core.Transfer;

/// <summary>One entry of a remote directory listing. A symbolic link (<see cref="Kind"/> <c>link</c>) also says what
/// it points at, <see cref="Target"/> (<see cref="SftpLinks"/>): <c>file</c> (downloadable; <see cref="Size"/> is
/// the target's), <c>dir</c> (opens as a directory), <c>missing</c> (a dangling link), <c>denied</c> (the login may
/// not see the target) or <c>other</c>.</summary>
internal sealed record RemoteEntry(string Name, string Path, string Kind, long Size, DateTimeOffset Modified, string Permissions)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Target { get; init; }
}
