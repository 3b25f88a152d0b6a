using Bastion.Core.Validation;

namespace Bastion.Core.Access;

/// <summary>User names are stored trimmed and lower-case, so "Alice" and "alice " are one user.</summary>
internal static class UserNamePolicy
{
    public const int MaxLength = 64;

    public static string Normalize(string? name) => name?.Trim().ToLowerInvariant() ?? "";

    /// <summary>Null when the normalised <paramref name="name"/> is acceptable; otherwise the message for the form.</summary>
    public static FieldMessage? Error(string name) =>
        name.Length is 0 or > MaxLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? FieldMessages.UserNameFormat(MaxLength)
            : null;
}
