namespace Bastion.Core.Validation;

/// <summary>
/// The stable <c>code</c> of every error reply the server sends a browser outside a form's fields (issue 14): sign-in
/// refusals, not-found and conflict replies, refusals of a request as a whole, and the generic status replies. The
/// browser words each as <c>problem_&lt;code&gt;</c> with the reply's <c>args</c> filled in; the English
/// <c>error</c>/<c>detail</c> stays for API users. The one way to build such a reply is a <see cref="ReplyMessages"/>
/// message (one English wording per code) given to the Web host's <c>ApiError</c>; <c>ServerTextLabelsTests</c>
/// checks both string tables have every code. Codes are part of the API: never rename one.
/// </summary>
internal static class ReplyCodes
{
    // Inventory, users and grants: not found and conflicts.
    public const string HostNotFound = "host_not_found";
    public const string HostNameTaken = "host_name_taken";
    public const string HostIsGateway = "host_is_gateway";
    public const string NoPendingKey = "no_pending_key";
    public const string NoPendingKeyScanFirst = "no_pending_key_scan_first";
    public const string PendingKeyChanged = "pending_key_changed";
    public const string HostKeyScanFailed = "host_key_scan_failed";
    public const string CredentialNotFound = "credential_not_found";
    public const string CredentialNameTaken = "credential_name_taken";
    public const string CredentialInUse = "credential_in_use";
    public const string UserNotFound = "user_not_found";
    public const string UserNameTaken = "user_name_taken";
    public const string GrantNotFound = "grant_not_found";

    // The account pages.
    public const string ApiTokenNotFound = "api_token_not_found";
    public const string ApiTokenNameTaken = "api_token_name_taken";
    public const string ApiTokensTooMany = "api_tokens_too_many";
    public const string PasskeyNotFound = "passkey_not_found";
    public const string PasskeysTooMany = "passkeys_too_many";
    public const string LoginNotFound = "login_not_found";
    public const string AccountNotLocked = "account_not_locked";
    public const string NoAuthenticator = "no_authenticator";
    public const string SecondFactorFirst = "second_factor_first";
    public const string NoPasskey = "no_passkey";

    // Sessions, sharing and the file panel.
    public const string InvitationNotFound = "invitation_not_found";
    public const string InvitationsPerSession = "invitations_per_session";
    public const string InvitationsServerFull = "invitations_server_full";
    public const string SessionNotFound = "session_not_found";
    public const string SessionNotRunning = "session_not_running";
    public const string FileSessionNotRunning = "file_session_not_running";

    // Why a file operation failed or was refused (a transfer reply's reason, an audit event's reasonCode).
    public const string FileTooLarge = "file_too_large";
    public const string FileSizeOverLimit = "file_size_over_limit";
    public const string FileUploadOverLimit = "file_upload_over_limit";
    public const string FilePermissionDenied = "file_permission_denied";
    public const string FileNoSuchPath = "file_no_such_path";
    public const string FileUnsupported = "file_unsupported";
    public const string FileHostRefused = "file_host_refused";
    public const string FileOperationFailed = "file_operation_failed";
    public const string FileConnectionFailed = "file_connection_failed";
    public const string FileConnectionClosed = "file_connection_closed";
    public const string FileHostUnreachable = "file_host_unreachable";
    public const string FileCancelled = "file_cancelled";
    public const string FileInterrupted = "file_interrupted";
    public const string FileWaitCancelled = "file_wait_cancelled";
    public const string FileSessionEnded = "file_session_ended";
    public const string FileNotRegular = "file_not_regular";
    public const string FileNoSpace = "file_no_space";
    public const string FileExists = "file_exists";
    public const string FileTransferOff = "file_transfer_off";
    public const string FileUploadOff = "file_upload_off";
    public const string FileDownloadOff = "file_download_off";
    public const string FileChangesOff = "file_changes_off";
    public const string FilePathInvalid = "file_path_invalid";
    public const string FileNameHasSlash = "file_name_has_slash";
    public const string FolderNameHasSlash = "folder_name_has_slash";
    public const string FileNewNameMissing = "file_new_name_missing";
    public const string KeptCopyMismatch = "kept_copy_mismatch";
    public const string KeptCopyNotFound = "kept_copy_not_found";

    // Why a transfer's kept copy was not kept (an audit event's copyReasonCode, shown on the session's page).
    public const string CopyTooLarge = "copy_too_large";
    public const string CopyStoreFull = "copy_store_full";
    public const string CopyNotStarted = "copy_not_started";
    public const string CopyNotWritten = "copy_not_written";
    public const string CopyNotCompleted = "copy_not_completed";
    public const string CopyTransferIncomplete = "copy_transfer_incomplete";

    // Sign-in (password, second factor, refresh).
    public const string InvalidCredentials = "invalid_credentials";
    public const string TooManySignIns = "too_many_sign_ins";
    public const string LocalLoginRefused = "local_login_refused";
    public const string InvalidCode = "invalid_code";
    public const string SignInExpired = "sign_in_expired";
    public const string SignInsBusy = "sign_ins_busy";
    public const string SignInAgain = "sign_in_again";
    public const string RefreshNeedsSameSite = "refresh_needs_same_site";
    public const string StepUpHost = "step_up_host";
    public const string StepUpOwnFactors = "step_up_own_factors";

    // Single sign-on.
    public const string SsoNotConfigured = "sso_not_configured";
    public const string SsoCrossOrigin = "sso_cross_origin";
    public const string SsoNothingPending = "sso_nothing_pending";
    public const string SsoFailed = "sso_failed";
    public const string SsoBusy = "sso_busy";
    public const string SsoNotPermitted = "sso_not_permitted";
    public const string SsoNoAccount = "sso_no_account";
    public const string SsoNameTaken = "sso_name_taken";
    public const string SsoInvalidName = "sso_invalid_name";
    public const string AccountDisabled = "account_disabled";

    // API tokens.
    public const string TokenScopeMissing = "token_scope_missing";
    public const string TokenNotUsableHere = "token_not_usable_here";

    // The terminal and attach WebSocket upgrade.
    public const string WebSocketRequired = "websocket_required";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string TokenInUrl = "token_in_url";
    public const string TicketInvalid = "ticket_invalid";
    public const string SessionTicketInvalid = "session_ticket_invalid";
    public const string NodeCredentialsRefused = "node_credentials_refused";
    public const string AttachModeInvalid = "attach_mode_invalid";
    public const string TerminalSizeInvalid = "terminal_size_invalid";

    // Search and audit queries.
    public const string SearchQueryMissing = "search_query_missing";
    public const string SearchQueryTooLong = "search_query_too_long";
    public const string SearchQueryControlCharacters = "search_query_control_characters";
    public const string SearchQueryNoWords = "search_query_no_words";
    public const string SearchQueryTooManyTerms = "search_query_too_many_terms";
    public const string SearchTimeInvalid = "search_time_invalid";
    public const string SearchTimeOrder = "search_time_order";
    public const string SearchLimitRange = "search_limit_range";
    public const string SearchSkipRange = "search_skip_range";
    public const string AuditTimeInvalid = "audit_time_invalid";

    // The streamed host import, when it fails after its stream began.
    public const string ImportFailed = "import_failed";

    // Replies by status alone (no endpoint wrote a body), and failures no endpoint handled.
    public const string BadRequest = "bad_request";
    public const string SignInRequired = "sign_in_required";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string BodyTooLarge = "body_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string TooManyRequests = "too_many_requests";
    public const string ServerError = "server_error";
    public const string StorageFull = "storage_full";
    public const string RequestUnreadable = "request_unreadable";
    public const string HttpStatus = "http_status";
    public const string MetricsAccess = "metrics_access";
}
