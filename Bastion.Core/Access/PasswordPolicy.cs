using Bastion.Core.Validation;

namespace Bastion.Core.Access;

/// <summary>What a user's password must be: long enough to resist guessing, not one of the passwords every guessing
/// list starts with, short enough to bound the hashing work. Checked wherever a password is set (never at sign-in, so
/// users whose passwords predate a rule keep signing in).</summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 1024;

    public static readonly FieldMessage LengthError = FieldMessages.PasswordLength(MinLength, MaxLength);

    public static readonly FieldMessage CommonError = FieldMessages.PasswordCommon;

    /// <summary>Null when <paramref name="password"/> is acceptable; otherwise the message for the form.</summary>
    public static FieldMessage? Error(string? password) =>
        password is null || password.Length < MinLength || password.Length > MaxLength ? LengthError
        : CommonPasswords.Contains(password) ? CommonError
        : null;
}
