namespace Bastion.Core.Access;

/// <summary>
/// One signed-in browser (or CLI) session of a user: what the refresh tokens of one family renew and what every access
/// token names in its <c>sid</c> claim. Ended once (<see cref="EndedAt"/>), never revived; terminals opened under it
/// end with it (issue 11).
/// </summary>
internal sealed class Login
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>How the user signed in (<c>password</c>; the MFA and SSO paths add their own).</summary>
    public required string Method { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last request the user made with this login; idle sign-out counts from here.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end (<c>Auth:MaxLoginDuration</c> after <see cref="CreatedAt"/>), whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>One of <see cref="LoginEndReasons"/> once ended.</summary>
    public string? EndReason { get; set; }

    public string? ClientAddress { get; set; }

    /// <summary>The browser's User-Agent at sign-in, trimmed to <see cref="UserAgentMaxLength"/>: shown to the user only.</summary>
    public string? UserAgent { get; set; }

    public const int UserAgentMaxLength = 200;
}
