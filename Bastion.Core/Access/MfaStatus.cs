namespace Bastion.Core.Access;

/// <summary>What second factors a user has, for their account page and the login decision.</summary>
internal sealed record MfaStatus(bool Totp, int RecoveryCodesLeft, IReadOnlyList<Passkey> Passkeys)
{
    public bool Any => Totp || Passkeys.Count > 0;
}
