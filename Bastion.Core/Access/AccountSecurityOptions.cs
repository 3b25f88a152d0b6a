namespace Bastion.Core.Access;

/// <summary>Second-factor, step-up and lockout settings (configuration section <c>Auth</c>, beside the token
/// settings; issue 11).</summary>
public sealed class AccountSecurityOptions
{
    public const string SectionName = "Auth";

    /// <summary>Who must have a second factor: <c>none</c>, <c>admins</c> or <c>all</c>. A user who must and has none
    /// is led through TOTP enrolment at the next login.</summary>
    public MfaRequirement RequireMfa { get; set; } = MfaRequirement.None;

    /// <summary>How long a second factor counts as fresh for hosts flagged <c>requireMfa</c>.</summary>
    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed logins (password or second factor) on one account before it is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>The first lock's length; each further lock doubles it, up to <see cref="LockoutMaxDuration"/>.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan LockoutMaxDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The relying party name passkeys show (the server name is the page's host).</summary>
    public string PasskeyRelyingPartyName { get; set; } = "Bastion";
}
