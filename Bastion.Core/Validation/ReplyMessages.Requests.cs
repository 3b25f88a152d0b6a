namespace Bastion.Core.Validation;

/// <summary>Refusals of a request as a whole: API token scopes, the WebSocket upgrade, query parameters, a streamed
/// import that failed, and the replies by status alone.</summary>
internal static partial class ReplyMessages
{
    public static FieldMessage TokenScopeMissing(string scope) =>
        FieldMessage.Of(ReplyCodes.TokenScopeMissing, $"this API token lacks the '{scope}' scope", ("scope", scope));

    public static FieldMessage TokenNotUsableHere { get; } =
        FieldMessage.Of(ReplyCodes.TokenNotUsableHere, "API tokens cannot be used here; sign in as the user");

    public static FieldMessage WebSocketRequired { get; } = FieldMessage.Of(ReplyCodes.WebSocketRequired, "this endpoint needs a WebSocket upgrade");

    public static FieldMessage OriginNotAllowed { get; } = FieldMessage.Of(ReplyCodes.OriginNotAllowed, "origin not allowed");

    public static FieldMessage TokenInUrl { get; } =
        FieldMessage.Of(ReplyCodes.TokenInUrl, "tokens are not accepted in the URL; get a ticket from POST /api/terminal/tickets");

    public static FieldMessage TicketInvalid { get; } =
        FieldMessage.Of(ReplyCodes.TicketInvalid, "authentication required (the ticket may be used, expired or for another host)");

    public static FieldMessage SessionTicketInvalid { get; } =
        FieldMessage.Of(ReplyCodes.SessionTicketInvalid, "authentication required (the ticket may be used, expired or for another session)");

    public static FieldMessage NodeCredentialsRefused { get; } = FieldMessage.Of(ReplyCodes.NodeCredentialsRefused, "node credentials refused");

    public static FieldMessage AttachModeInvalid { get; } = FieldMessage.Of(ReplyCodes.AttachModeInvalid, "mode must be control or watch");

    public static FieldMessage TerminalSizeInvalid(int minCols, int maxCols, int minRows, int maxRows) =>
        FieldMessage.Of(ReplyCodes.TerminalSizeInvalid, $"cols must be {minCols}..{maxCols} and rows {minRows}..{maxRows}",
            ("minCols", minCols), ("maxCols", maxCols), ("minRows", minRows), ("maxRows", maxRows));

    // A search's q as Recording/Search/SearchTerms parses it.
    public static FieldMessage SearchQueryMissing { get; } = FieldMessage.Of(ReplyCodes.SearchQueryMissing, "q is required: the words to search for");

    public static FieldMessage SearchQueryTooLong(int max) =>
        FieldMessage.Of(ReplyCodes.SearchQueryTooLong, $"q is too long: at most {max} characters", ("max", max));

    public static FieldMessage SearchQueryControlCharacters { get; } =
        FieldMessage.Of(ReplyCodes.SearchQueryControlCharacters, "q must not contain control characters");

    public static FieldMessage SearchQueryNoWords { get; } = FieldMessage.Of(ReplyCodes.SearchQueryNoWords, "q has no words to search for (letters or digits)");

    public static FieldMessage SearchQueryTooManyTerms(int max) =>
        FieldMessage.Of(ReplyCodes.SearchQueryTooManyTerms, $"q has too many terms: at most {max}", ("max", max));

    public static FieldMessage SearchTimeInvalid(string name) =>
        FieldMessage.Of(ReplyCodes.SearchTimeInvalid, $"{name} is not a date and time (ISO 8601, e.g. 2026-12-02T04:00:00Z)", ("name", name));

    public static FieldMessage SearchTimeOrder { get; } = FieldMessage.Of(ReplyCodes.SearchTimeOrder, "to must be after from");

    public static FieldMessage SearchLimitRange(int max) =>
        FieldMessage.Of(ReplyCodes.SearchLimitRange, $"limit must be between 1 and {max}", ("max", max));

    public static FieldMessage SearchSkipRange(int max) =>
        FieldMessage.Of(ReplyCodes.SearchSkipRange, $"skip must be between 0 and {max}; narrow the search instead", ("max", max));

    public static FieldMessage AuditTimeInvalid { get; } = FieldMessage.Of(ReplyCodes.AuditTimeInvalid, "from and to must be ISO 8601 times or Unix milliseconds");

    public static FieldMessage ImportFailed { get; } = FieldMessage.Of(ReplyCodes.ImportFailed,
        "the import failed on the server before it finished (the error is in the server's log); reload the host list before you try again");

    public static FieldMessage BadRequest { get; } = FieldMessage.Of(ReplyCodes.BadRequest, "the request is not valid");

    public static FieldMessage SignInRequired { get; } = FieldMessage.Of(ReplyCodes.SignInRequired, "sign in first: the request carries no valid credentials");

    public static FieldMessage Forbidden { get; } = FieldMessage.Of(ReplyCodes.Forbidden, "you are not allowed to do this");

    public static FieldMessage NotFound { get; } = FieldMessage.Of(ReplyCodes.NotFound, "not found");

    public static FieldMessage MethodNotAllowed { get; } = FieldMessage.Of(ReplyCodes.MethodNotAllowed, "this method is not allowed here");

    public static FieldMessage BodyTooLarge { get; } = FieldMessage.Of(ReplyCodes.BodyTooLarge, "the request body is larger than the server accepts");

    public static FieldMessage UnsupportedMediaType { get; } =
        FieldMessage.Of(ReplyCodes.UnsupportedMediaType, "the request body's content type is not accepted");

    public static FieldMessage TooManyRequests { get; } = FieldMessage.Of(ReplyCodes.TooManyRequests, "too many requests; wait a moment, then try again");

    public static FieldMessage ServerError { get; } =
        FieldMessage.Of(ReplyCodes.ServerError, "the server failed to answer this request; the error is in its log");

    public static FieldMessage StorageFull { get; } = FieldMessage.Of(ReplyCodes.StorageFull,
        "the server's disk is full, so this change cannot be saved; ask an admin to free space, then try again");

    public static FieldMessage RequestUnreadable { get; } = FieldMessage.Of(ReplyCodes.RequestUnreadable, "the request could not be read");

    /// <summary>Any other status with no body: its reason phrase in lower case, and the status.</summary>
    public static FieldMessage HttpStatus(int status, string phrase) =>
        FieldMessage.Of(ReplyCodes.HttpStatus, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{phrase} (HTTP {status})"), ("status", status));

    public static FieldMessage MetricsAccess { get; } = FieldMessage.Of(ReplyCodes.MetricsAccess,
        "Send the configured Metrics:ScrapeToken as a bearer token, or sign in as an administrator.");
}
