namespace Bastion.Core.Validation;

/// <summary>The sign-in refusals: password, second factor, refresh, step-up and single sign-on.</summary>
internal static partial class ReplyMessages
{
    public static FieldMessage InvalidCredentials { get; } = FieldMessage.Of(ReplyCodes.InvalidCredentials, "invalid username or password");

    public static FieldMessage TooManySignIns { get; } = FieldMessage.Of(ReplyCodes.TooManySignIns, "too many sign-in attempts; try again later");

    public static FieldMessage LocalLoginRefused { get; } =
        FieldMessage.Of(ReplyCodes.LocalLoginRefused, "password sign-in is only for administrators here; use single sign-on");

    public static FieldMessage InvalidCode { get; } = FieldMessage.Of(ReplyCodes.InvalidCode, "invalid code");

    public static FieldMessage SignInExpired { get; } = FieldMessage.Of(ReplyCodes.SignInExpired, "the sign-in has expired; sign in again");

    public static FieldMessage SignInsBusy { get; } = FieldMessage.Of(ReplyCodes.SignInsBusy, "too many sign-ins in progress; try again shortly");

    public static FieldMessage SignInAgain { get; } = FieldMessage.Of(ReplyCodes.SignInAgain, "sign in again");

    public static FieldMessage RefreshNeedsSameSite { get; } =
        FieldMessage.Of(ReplyCodes.RefreshNeedsSameSite, "the refresh endpoint needs a same-site Origin header");

    public static FieldMessage StepUpHost { get; } = FieldMessage.Of(ReplyCodes.StepUpHost, "this host asks for your second factor again");

    public static FieldMessage StepUpOwnFactors { get; } = FieldMessage.Of(ReplyCodes.StepUpOwnFactors, "confirm with your current second factor first");

    public static FieldMessage SsoNotConfigured { get; } = FieldMessage.Of(ReplyCodes.SsoNotConfigured, "single sign-on is not configured");

    public static FieldMessage SsoCrossOrigin { get; } = FieldMessage.Of(ReplyCodes.SsoCrossOrigin, "cross-origin request refused");

    public static FieldMessage SsoNothingPending { get; } =
        FieldMessage.Of(ReplyCodes.SsoNothingPending, "no single sign-on is waiting to finish; start it again");

    public static FieldMessage SsoFailed { get; } = FieldMessage.Of(ReplyCodes.SsoFailed,
        "single sign-on did not complete (refused at the identity provider, or it took too long); try again");

    public static FieldMessage SsoBusy { get; } = FieldMessage.Of(ReplyCodes.SsoBusy, "too many sign-ins are in progress; try again in a minute");

    public static FieldMessage SsoNotPermitted { get; } = FieldMessage.Of(ReplyCodes.SsoNotPermitted,
        "your account at the identity provider is not in a group that may use Bastion; ask an administrator");

    public static FieldMessage SsoNoAccount { get; } = FieldMessage.Of(ReplyCodes.SsoNoAccount,
        "there is no Bastion account for your identity provider account; ask an administrator");

    public static FieldMessage SsoNameTaken { get; } = FieldMessage.Of(ReplyCodes.SsoNameTaken,
        "a Bastion account with your user name already exists and is not linked to your identity provider account; ask an administrator");

    public static FieldMessage SsoInvalidName { get; } = FieldMessage.Of(ReplyCodes.SsoInvalidName,
        "the identity provider did not give a usable user name (1 to 64 letters, digits, '.', '-' or '_')");

    public static FieldMessage AccountDisabled { get; } = FieldMessage.Of(ReplyCodes.AccountDisabled, "your Bastion account is disabled");
}
