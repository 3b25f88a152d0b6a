namespace Bastion.Core.Validation;

/// <summary>
/// The stable <c>code</c> of a not-found or conflict reply the admin and account pages show (issue 14): the browser
/// words each as <c>problem_&lt;code&gt;</c> with the reply's <c>args</c> filled in, the English <c>error</c>/<c>detail</c>
/// stays for API users. Build the messages through <see cref="ReplyMessages"/> (one English wording per code);
/// <c>ServerTextLabelsTests</c> checks both string tables have them all.
/// </summary>
internal static class ReplyCodes
{
    public const string HostNotFound = "host_not_found";
    public const string HostNameTaken = "host_name_taken";
    public const string HostIsGateway = "host_is_gateway";
    public const string NoPendingKey = "no_pending_key";
    public const string NoPendingKeyScanFirst = "no_pending_key_scan_first";
    public const string PendingKeyChanged = "pending_key_changed";
    public const string CredentialNotFound = "credential_not_found";
    public const string CredentialNameTaken = "credential_name_taken";
    public const string CredentialInUse = "credential_in_use";
    public const string UserNotFound = "user_not_found";
    public const string UserNameTaken = "user_name_taken";
    public const string GrantNotFound = "grant_not_found";
    public const string ApiTokenNotFound = "api_token_not_found";
    public const string ApiTokenNameTaken = "api_token_name_taken";
    public const string ApiTokensTooMany = "api_tokens_too_many";
    public const string InvitationNotFound = "invitation_not_found";
    public const string InvitationsPerSession = "invitations_per_session";
    public const string InvitationsServerFull = "invitations_server_full";
    public const string PasskeyNotFound = "passkey_not_found";
    public const string PasskeysTooMany = "passkeys_too_many";
    public const string LoginNotFound = "login_not_found";
    public const string AccountNotLocked = "account_not_locked";
    public const string NoAuthenticator = "no_authenticator";
    public const string SecondFactorFirst = "second_factor_first";
    public const string NoPasskey = "no_passkey";
}
