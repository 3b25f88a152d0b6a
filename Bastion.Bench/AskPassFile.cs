namespace Bastion.Bench;

/// <summary>A temporary <c>SSH_ASKPASS</c> script (mode 0700) that prints one password; deleted on dispose.</summary>
internal sealed class AskPassFile : IDisposable
{
    public AskPassFile(string password)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bench-askpass-{Guid.NewGuid():N}.sh");
        File.WriteAllText(Path, $"#!/bin/sh\nprintf '%s\\n' '{password.Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
        if (!OperatingSystem.IsWindows()) // the bench runs on Linux only (it starts sshd)
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
