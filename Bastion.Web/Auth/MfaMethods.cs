using Bastion.Core.Access;

namespace Bastion.Web.Auth;

/// <summary>The second factors a user can answer a challenge with, as the API names them.</summary>
internal static class MfaMethods
{
    public const string Totp = "totp";
    public const string RecoveryCode = "recovery_code";
    public const string Passkey = "passkey";

    /// <summary>The method a code was, as the audit events name it; null for a wrong code.</summary>
    public static string? Of(MfaCheck check) => check switch
    {
        MfaCheck.Totp => Totp,
        MfaCheck.RecoveryCode => RecoveryCode,
        _ => null,
    };

    public static IReadOnlyList<string> Of(MfaStatus status)
    {
        var methods = new List<string>(3);
        if (status.Totp)
        {
            methods.Add(Totp);
        }

        if (status.Passkeys.Count > 0)
        {
            methods.Add(Passkey);
        }

        if (status.RecoveryCodesLeft > 0)
        {
            methods.Add(RecoveryCode);
        }

        return methods;
    }
}
