namespace Bastion.Core.Access;

/// <summary>What a user's password must be: long enough to resist guessing, short enough to bound the hashing work.</summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 1024;

    /// <summary>Null when <paramref name="password"/> is acceptable; otherwise the message for the form.</summary>
    public static string? Error(string? password) =>
        password is null || password.Length < MinLength || password.Length > MaxLength
            ? $"a password of {MinLength} to {MaxLength} characters is required"
            : null;
}
