namespace Bastion.Core.Access;

/// <summary>How a second-factor code was taken.</summary>
internal enum MfaCheck
{
    /// <summary>Neither a current TOTP code nor an unused recovery code.</summary>
    Invalid,
    Totp,
    RecoveryCode,
}
