using Bastion.Core.Validation;

namespace Bastion.Core.Access;

/// <summary>The outcome of a single sign-on as a value: the user when signed in or created, else the reason, with
/// the message the sign-in page shows (a <see cref="ReplyMessages"/> one, so the page words it).</summary>
internal sealed record ExternalSignInResult(ExternalSignInOutcome Outcome, User? User, FieldMessage? Message)
{
    public bool Succeeded => User is not null;

    public static ExternalSignInResult Done(ExternalSignInOutcome outcome, User user) => new(outcome, user, null);

    public static ExternalSignInResult Refused(ExternalSignInOutcome outcome, FieldMessage message) => new(outcome, null, message);
}
