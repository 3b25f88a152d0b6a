using System.Globalization;

namespace Bastion.Core.Validation;

/// <summary>Every form field message the server sends, each with its <see cref="FieldCodes"/> code, its values and
/// its one English wording. The values' names are the placeholders of the browser's <c>field_&lt;code&gt;</c> strings.</summary>
internal static class FieldMessages
{
    public static FieldMessage NameLength(int max) => FieldMessage.Of(FieldCodes.NameLength, string.Create(CultureInfo.InvariantCulture, $"a name of 1 to {max} characters is required"), ("max", max));

    public static FieldMessage TextTooLong(int max) => FieldMessage.Of(FieldCodes.TextTooLong, string.Create(CultureInfo.InvariantCulture, $"at most {max} characters"), ("max", max));

    public static readonly FieldMessage AddressRequired = FieldMessage.Of(FieldCodes.AddressRequired, "a host name or IP address is required");

    public static readonly FieldMessage PortRange = FieldMessage.Of(FieldCodes.PortRange, "port must be 1 to 65535");

    public static FieldMessage LoginLength(int max) => FieldMessage.Of(FieldCodes.LoginLength, string.Create(CultureInfo.InvariantCulture, $"a login of 1 to {max} characters is required"), ("max", max));

    public static readonly FieldMessage SecretRequired = FieldMessage.Of(FieldCodes.SecretRequired, "give a password, a private key, or a shared credential");

    public static readonly FieldMessage SecretBoth = FieldMessage.Of(FieldCodes.SecretBoth, "use either a shared credential or the host's own secrets, not both");

    public static readonly FieldMessage CredentialSecretRequired = FieldMessage.Of(FieldCodes.CredentialSecretRequired, "give a password or a private key");

    public static readonly FieldMessage CredentialUnknown = FieldMessage.Of(FieldCodes.CredentialUnknown, "unknown credential");

    public static readonly FieldMessage KeyNeedsPassphrase = FieldMessage.Of(FieldCodes.KeyNeedsPassphrase, "this key is encrypted: give its passphrase");

    public static readonly FieldMessage KeyUnreadable = FieldMessage.Of(
        FieldCodes.KeyUnreadable, "not a readable OpenSSH or PEM private key (RSA, ECDSA, Ed25519), or the passphrase is wrong");

    public static readonly FieldMessage FingerprintFormat = FieldMessage.Of(FieldCodes.FingerprintFormat, "use the SHA256:... form printed by ssh-keygen -lf");

    public static readonly FieldMessage LabelsFormat = FieldMessage.Of(
        FieldCodes.LabelsFormat, "labels are key=value with letters, digits and . - _ / (keys 1 to 63 characters, at most 50 labels)");

    public static readonly FieldMessage GroupsFormat = FieldMessage.Of(FieldCodes.GroupsFormat, "group names use letters, digits and . - _ / (1 to 63 characters)");

    public static readonly FieldMessage CharsetUnknown = FieldMessage.Of(
        FieldCodes.CharsetUnknown, "unknown charset; use a .NET encoding name such as utf-8, gbk, gb18030, big5, shift_jis");

    public static readonly FieldMessage GatewayUnknown = FieldMessage.Of(FieldCodes.GatewayUnknown, "unknown gateway host");

    public static readonly FieldMessage GatewayOneHop = FieldMessage.Of(
        FieldCodes.GatewayOneHop, "the gateway must be another host that has no gateway itself and is not a gateway's target (one hop)");

    public static readonly FieldMessage IdleTimeoutRange = FieldMessage.Of(
        FieldCodes.IdleTimeoutRange, "idle timeout must be 0 (off) to 31536000 seconds, or empty for the global setting");

    public static readonly FieldMessage MaxDurationRange = FieldMessage.Of(
        FieldCodes.MaxDurationRange, "maximum duration must be 0 (off) to 31536000 seconds, or empty for the global setting");

    public static readonly FieldMessage SessionsPerUserRange = FieldMessage.Of(
        FieldCodes.SessionsPerUserRange, "sessions per user must be 0 (unlimited) to 100000, or empty for the global setting");

    public static FieldMessage UserNameFormat(int max) => FieldMessage.Of(FieldCodes.UserNameFormat, string.Create(CultureInfo.InvariantCulture, $"1 to {max} letters, digits, '.', '-' or '_'"), ("max", max));

    public static FieldMessage PasswordLength(int min, int max) =>
        FieldMessage.Of(FieldCodes.PasswordLength, string.Create(CultureInfo.InvariantCulture, $"a password of {min} to {max} characters is required"), ("min", min), ("max", max));

    public static readonly FieldMessage PasswordCommon = FieldMessage.Of(
        FieldCodes.PasswordCommon, "this password is one of the most commonly used passwords; choose another");

    public static FieldMessage RolesUnknown(IEnumerable<string> roles)
    {
        var list = string.Join(", ", roles);
        return FieldMessage.Of(FieldCodes.RolesUnknown, $"roles are {list}", ("roles", list));
    }

    public static readonly FieldMessage SelfLockout = FieldMessage.Of(FieldCodes.SelfLockout, "you cannot disable yourself or remove your own admin role");

    public static readonly FieldMessage GrantOneSubject = FieldMessage.Of(FieldCodes.GrantOneSubject, "give exactly one of a user or a user group");

    public static readonly FieldMessage GrantOneTarget = FieldMessage.Of(FieldCodes.GrantOneTarget, "give exactly one of a host, a host group or a label selector");

    public static readonly FieldMessage UserUnknown = FieldMessage.Of(FieldCodes.UserUnknown, "unknown user");

    public static readonly FieldMessage HostUnknown = FieldMessage.Of(FieldCodes.HostUnknown, "unknown host");

    public static readonly FieldMessage LabelSelectorFormat = FieldMessage.Of(FieldCodes.LabelSelectorFormat, "use key=value[,key=value...]");

    public static readonly FieldMessage NotAfterOrder = FieldMessage.Of(FieldCodes.NotAfterOrder, "must be after not-before");

    public static readonly FieldMessage GrantLoginLength = FieldMessage.Of(FieldCodes.GrantLoginLength, "a login of 1 to 64 characters, or leave it empty");

    public static FieldMessage ScopesUnknown(IEnumerable<string> scopes)
    {
        var list = string.Join(", ", scopes);
        return FieldMessage.Of(FieldCodes.ScopesUnknown, $"choose one or more of {list}", ("scopes", list));
    }

    public static FieldMessage ExpiryRange(int max) => FieldMessage.Of(FieldCodes.ExpiryRange, string.Create(CultureInfo.InvariantCulture, $"the expiry is 1 to {max} days"), ("max", max));

    public static FieldMessage FontSizeRange(int min, int max) =>
        FieldMessage.Of(FieldCodes.FontSizeRange, string.Create(CultureInfo.InvariantCulture, $"the font size is {min} to {max}"), ("min", min), ("max", max));

    public static FieldMessage ScrollbackRange(int min, int max) =>
        FieldMessage.Of(FieldCodes.ScrollbackRange, string.Create(CultureInfo.InvariantCulture, $"the scrollback is {min} to {max} lines"), ("min", min), ("max", max));

    public static FieldMessage FontFamilyTooLong(int max) =>
        FieldMessage.Of(FieldCodes.FontFamilyTooLong, string.Create(CultureInfo.InvariantCulture, $"the font family is at most {max} characters"), ("max", max));

    public static readonly FieldMessage FontFamilyFormat = FieldMessage.Of(
        FieldCodes.FontFamilyFormat, "the font family is a comma-separated list of font names (letters, digits, spaces, quotes, - _ .)");

    public static FieldMessage ThemeUnknown(IEnumerable<string> themes)
    {
        var list = string.Join(", ", themes);
        return FieldMessage.Of(FieldCodes.ThemeUnknown, $"the theme is one of {list}", ("values", list));
    }

    public static FieldMessage CursorStyleUnknown(IEnumerable<string> styles)
    {
        var list = string.Join(", ", styles);
        return FieldMessage.Of(FieldCodes.CursorStyleUnknown, $"the cursor style is one of {list}", ("values", list));
    }

    public static readonly FieldMessage InviteMode = FieldMessage.Of(FieldCodes.InviteMode, "mode must be watch or control");

    public static FieldMessage InviteMinutes(int max) => FieldMessage.Of(FieldCodes.InviteMinutes, string.Create(CultureInfo.InvariantCulture, $"minutes must be 1..{max}"), ("max", max));

    public static readonly FieldMessage InviteOwner = FieldMessage.Of(FieldCodes.InviteOwner, "the owner of a session needs no invitation");

    public static readonly FieldMessage InviteDuplicate = FieldMessage.Of(FieldCodes.InviteDuplicate, "this user is already invited; revoke that invitation first");

    public static readonly FieldMessage InviteUserRequired = FieldMessage.Of(FieldCodes.InviteUserRequired, "name the user to invite");

    public static readonly FieldMessage InviteUserUnknown = FieldMessage.Of(FieldCodes.InviteUserUnknown, "no enabled user has this name");

    public static readonly FieldMessage CurrentPasswordWrong = FieldMessage.Of(FieldCodes.CurrentPasswordWrong, "the current password is wrong");

    public static readonly FieldMessage NewPasswordSame = FieldMessage.Of(FieldCodes.NewPasswordSame, "the new password must differ from the current one");

    public static readonly FieldMessage TotpMismatch = FieldMessage.Of(FieldCodes.TotpMismatch, "the code does not match; check the device's clock and try the next code");

    public static readonly FieldMessage PasskeyUnverified = FieldMessage.Of(FieldCodes.PasskeyUnverified, "the passkey could not be verified; start again");

    public static readonly FieldMessage KnownHostsText = FieldMessage.Of(FieldCodes.KnownHostsText, "paste known_hosts or ssh-keyscan output (up to 1 MB)");

    public static FieldMessage CsvTextRequired(string header) =>
        FieldMessage.Of(FieldCodes.CsvTextRequired, "paste a CSV with the header " + header, ("header", header));

    public static FieldMessage CsvTooLarge(int maxLines, int maxChars) => FieldMessage.Of(FieldCodes.CsvTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"at most {maxLines:N0} lines ({maxChars / 1_000_000} million characters) per import; split a larger file into several imports"),
        ("maxLines", maxLines), ("maxChars", maxChars));

    public static readonly FieldMessage CsvHeaderMissing =
        FieldMessage.Of(FieldCodes.CsvHeaderMissing, "the first line must be a header with at least name,address,username");
}
