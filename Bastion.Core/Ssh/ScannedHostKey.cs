namespace Bastion.Core.Ssh;

/// <summary>What a host offered in key exchange, or why it could not be read: <see cref="Error"/> in English for API
/// users and the same as a <see cref="Detail"/> code with its values, which the page words in the user's language.</summary>
internal sealed record ScannedHostKey(string? KeyType, string? Fingerprint, string? Error, FailureDetail? Detail = null)
{
    public static ScannedHostKey Failed(string message, FailureDetail? detail) => new(null, null, message, detail);
}
