namespace Bastion.Web.Hosting;

/// <summary>The <c>code</c> of problem replies outside file transfer (issue 14): the browser words each as
/// <c>problem_&lt;code&gt;</c> in the user's language, the English <c>error</c>/<c>detail</c> stays for API users.
/// <c>ServerTextLabelsTests</c> checks both string tables have them all.</summary>
internal static class ProblemCodes
{
    /// <summary>401 of a sign-in with a wrong name or password (the same words whether or not the user exists).</summary>
    public const string InvalidCredentials = "invalid_credentials";

    /// <summary>429 of a locked account or an address over its sign-in rate.</summary>
    public const string TooManySignIns = "too_many_sign_ins";

    /// <summary>403 of a password sign-in by a non-admin where <c>SignIn:LocalLogin</c> is for admins.</summary>
    public const string LocalLoginRefused = "local_login_refused";

    /// <summary>401 of a wrong second-factor code or passkey at sign-in.</summary>
    public const string InvalidCode = "invalid_code";

    /// <summary>401 of a second step whose <c>mfa_token</c> expired or was used up: sign in again.</summary>
    public const string SignInExpired = "sign_in_expired";

    /// <summary>503 when too many second-factor sign-ins are in progress.</summary>
    public const string SignInsBusy = "sign_ins_busy";
}
