namespace Bastion.Core.Access;

/// <summary>The outcome of a single sign-on as a value: the user when signed in or created, else the reason, with
/// the message the sign-in page shows and the audit log records.</summary>
internal sealed record ExternalSignInResult(ExternalSignInOutcome Outcome, User? User, string? Message)
{
    public bool Succeeded => User is not null;

    public static ExternalSignInResult Done(ExternalSignInOutcome outcome, User user) => new(outcome, user, null);

    public static ExternalSignInResult Refused(ExternalSignInOutcome outcome, string message) => new(outcome, null, message);
}
