namespace Bastion.Core.Validation;

/// <summary>The codes of form field messages (issue 14). The browser words each as <c>field_&lt;code&gt;</c> from
/// its string tables, filling the message's values; <c>ServerTextLabelsTests</c> checks both tables have them all.
/// A code is a promise to API users too: keep it when the English wording changes.</summary>
internal static class FieldCodes
{
    public const string NameLength = "name_length";
    public const string TextTooLong = "text_too_long";
    public const string AddressRequired = "address_required";
    public const string PortRange = "port_range";
    public const string LoginLength = "login_length";
    public const string SecretRequired = "secret_required";
    public const string SecretBoth = "secret_both";
    public const string CredentialSecretRequired = "credential_secret_required";
    public const string CredentialUnknown = "credential_unknown";
    public const string KeyNeedsPassphrase = "key_needs_passphrase";
    public const string KeyUnreadable = "key_unreadable";
    public const string FingerprintFormat = "fingerprint_format";
    public const string LabelsFormat = "labels_format";
    public const string GroupsFormat = "groups_format";
    public const string CharsetUnknown = "charset_unknown";
    public const string GatewayUnknown = "gateway_unknown";
    public const string GatewayOneHop = "gateway_one_hop";
    public const string IdleTimeoutRange = "idle_timeout_range";
    public const string MaxDurationRange = "max_duration_range";
    public const string SessionsPerUserRange = "sessions_per_user_range";
    public const string UserNameFormat = "username_format";
    public const string PasswordLength = "password_length";
    public const string PasswordCommon = "password_common";
    public const string RolesUnknown = "roles_unknown";
    public const string SelfLockout = "self_lockout";
    public const string GrantOneSubject = "grant_one_subject";
    public const string GrantOneTarget = "grant_one_target";
    public const string UserUnknown = "user_unknown";
    public const string HostUnknown = "host_unknown";
    public const string LabelSelectorFormat = "label_selector_format";
    public const string NotAfterOrder = "not_after_order";
    public const string GrantLoginLength = "grant_login_length";
    public const string ScopesUnknown = "scopes_unknown";
    public const string ExpiryRange = "expiry_range";
    public const string FontSizeRange = "font_size_range";
    public const string ScrollbackRange = "scrollback_range";
    public const string FontFamilyTooLong = "font_family_too_long";
    public const string FontFamilyFormat = "font_family_format";
    public const string ThemeUnknown = "theme_unknown";
    public const string CursorStyleUnknown = "cursor_style_unknown";
    public const string InviteMode = "invite_mode";
    public const string InviteMinutes = "invite_minutes";
    public const string InviteOwner = "invite_owner";
    public const string InviteDuplicate = "invite_duplicate";
    public const string InviteUserRequired = "invite_user_required";
    public const string InviteUserUnknown = "invite_user_unknown";
    public const string CurrentPasswordWrong = "current_password_wrong";
    public const string NewPasswordSame = "new_password_same";
    public const string TotpMismatch = "totp_mismatch";
    public const string PasskeyUnverified = "passkey_unverified";
    public const string KnownHostsText = "known_hosts_text";
    public const string CsvTextRequired = "csv_text_required";
    public const string CsvTooLarge = "csv_too_large";
    public const string CsvHeaderMissing = "csv_header_missing";
}
