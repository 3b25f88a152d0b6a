namespace Bastion.Core.Validation;

/// <summary>The English wording of each <see cref="ReplyCodes"/> code with the values it names (the browser words the
/// code from its own tables and fills in the same values): this part the inventory, account and session replies;
/// <c>ReplyMessages.SignIn.cs</c> the sign-in refusals, <c>ReplyMessages.Requests.cs</c> the refusals of a request as
/// a whole.</summary>
internal static partial class ReplyMessages
{
    public static FieldMessage HostNotFound { get; } = FieldMessage.Of(ReplyCodes.HostNotFound, "host not found");

    public static FieldMessage HostNameTaken(string name) =>
        FieldMessage.Of(ReplyCodes.HostNameTaken, $"a host named '{name}' already exists", ("name", name));

    public static FieldMessage HostIsGateway(string name) =>
        FieldMessage.Of(ReplyCodes.HostIsGateway, $"'{name}' is the gateway of other hosts; change them first", ("name", name));

    public static FieldMessage NoPendingKey { get; } = FieldMessage.Of(ReplyCodes.NoPendingKey, "no pending key for this host");

    public static FieldMessage NoPendingKeyScanFirst { get; } =
        FieldMessage.Of(ReplyCodes.NoPendingKeyScanFirst, "no pending key for this host; scan it first");

    public static FieldMessage PendingKeyChanged(string current, string reviewed) =>
        FieldMessage.Of(ReplyCodes.PendingKeyChanged, $"the pending key is now {current}, not {reviewed}; review it again", ("current", current), ("reviewed", reviewed));

    /// <summary>502 of a host-key scan: <paramref name="error"/> is the connection failure's English message.</summary>
    public static FieldMessage HostKeyScanFailed(string error) => FieldMessage.Of(ReplyCodes.HostKeyScanFailed, error, ("error", error));

    public static FieldMessage CredentialNotFound { get; } = FieldMessage.Of(ReplyCodes.CredentialNotFound, "credential not found");

    public static FieldMessage CredentialNameTaken(string name) =>
        FieldMessage.Of(ReplyCodes.CredentialNameTaken, $"a credential named '{name}' already exists", ("name", name));

    public static FieldMessage CredentialInUse { get; } = FieldMessage.Of(ReplyCodes.CredentialInUse, "hosts still use this credential");

    public static FieldMessage UserNotFound { get; } = FieldMessage.Of(ReplyCodes.UserNotFound, "user not found");

    public static FieldMessage UserNameTaken(string name) =>
        FieldMessage.Of(ReplyCodes.UserNameTaken, $"a user named '{name}' already exists", ("name", name));

    public static FieldMessage GrantNotFound { get; } = FieldMessage.Of(ReplyCodes.GrantNotFound, "grant not found");

    public static FieldMessage ApiTokenNotFound { get; } = FieldMessage.Of(ReplyCodes.ApiTokenNotFound, "API token not found");

    public static FieldMessage ApiTokenNameTaken(string name) =>
        FieldMessage.Of(ReplyCodes.ApiTokenNameTaken, $"you already have a token named '{name}'", ("name", name));

    public static FieldMessage ApiTokensTooMany(int max) =>
        FieldMessage.Of(ReplyCodes.ApiTokensTooMany, $"at most {max} live tokens per user; revoke one first", ("max", max));

    public static FieldMessage InvitationNotFound { get; } = FieldMessage.Of(ReplyCodes.InvitationNotFound, "invitation not found");

    public static FieldMessage InvitationsPerSession(int max) =>
        FieldMessage.Of(ReplyCodes.InvitationsPerSession, $"a session has at most {max} invitations; revoke one first", ("max", max));

    public static FieldMessage InvitationsServerFull { get; } =
        FieldMessage.Of(ReplyCodes.InvitationsServerFull, "too many invitations on this server; try again later");

    public static FieldMessage PasskeyNotFound { get; } = FieldMessage.Of(ReplyCodes.PasskeyNotFound, "passkey not found");

    public static FieldMessage PasskeysTooMany(int max) =>
        FieldMessage.Of(ReplyCodes.PasskeysTooMany, $"at most {max} passkeys per user", ("max", max));

    public static FieldMessage LoginNotFound { get; } = FieldMessage.Of(ReplyCodes.LoginNotFound, "login not found");

    public static FieldMessage AccountNotLocked { get; } = FieldMessage.Of(ReplyCodes.AccountNotLocked, "that account is not locked");

    public static FieldMessage NoAuthenticator { get; } = FieldMessage.Of(ReplyCodes.NoAuthenticator, "no authenticator app is set up");

    public static FieldMessage SecondFactorFirst { get; } = FieldMessage.Of(ReplyCodes.SecondFactorFirst, "set up a second factor first");

    public static FieldMessage NoPasskey { get; } = FieldMessage.Of(ReplyCodes.NoPasskey, "no passkey is registered");

    public static FieldMessage SessionNotFound { get; } = FieldMessage.Of(ReplyCodes.SessionNotFound, "session not found");

    public static FieldMessage SessionNotRunning { get; } = FieldMessage.Of(ReplyCodes.SessionNotRunning, "no such running session");

    public static FieldMessage FileSessionNotRunning { get; } =
        FieldMessage.Of(ReplyCodes.FileSessionNotRunning, "no such running session of yours; open a terminal to the host first");

    public static FieldMessage CopyTooLarge(string limit) =>
        FieldMessage.Of(ReplyCodes.CopyTooLarge, $"the file is larger than Transfer:KeepCopiesMaxFileBytes ({limit})", ("limit", limit));

    public static FieldMessage CopyStoreFull(string limit) =>
        FieldMessage.Of(ReplyCodes.CopyStoreFull, $"the kept copies have reached Transfer:KeepCopiesMaxTotalBytes ({limit})", ("limit", limit));

    public static FieldMessage CopyNotStarted(string error) => FieldMessage.Of(ReplyCodes.CopyNotStarted, $"the copy could not be started: {error}", ("error", error));

    public static FieldMessage CopyNotWritten(string error) => FieldMessage.Of(ReplyCodes.CopyNotWritten, $"the copy could not be written: {error}", ("error", error));

    public static FieldMessage CopyNotCompleted(string error) =>
        FieldMessage.Of(ReplyCodes.CopyNotCompleted, $"the copy could not be completed: {error}", ("error", error));

    public static FieldMessage CopyTransferIncomplete { get; } = FieldMessage.Of(ReplyCodes.CopyTransferIncomplete, "the transfer did not complete");
}
