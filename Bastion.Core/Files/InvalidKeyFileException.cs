namespace Bastion.Core.Files;

/// <summary>A key file Bastion must not use (too short, undecodable). Thrown at start, so the service refuses to run
/// rather than sign with a bad key; the message names the file and the fix.</summary>
public sealed class InvalidKeyFileException(string path, string message) : Exception(message)
{
    public string FilePath { get; } = path;
}
