namespace Bastion.Core.Access;

/// <summary>What a refresh did: <see cref="Rotated"/> (a new refresh token), <see cref="Raced"/> (the token was used
/// a moment ago by another tab: an access token only), <see cref="Refused"/> (unknown token or ended login),
/// <see cref="Reused"/> (a used token came back: the whole login is ended).</summary>
internal enum RefreshStatus
{
    Rotated,
    Raced,
    Refused,
    Reused,
}

/// <param name="RefreshToken">The successor to set as the cookie; only when <see cref="RefreshStatus.Rotated"/>.</param>
internal sealed record RefreshOutcome(RefreshStatus Status, Login? Login = null, User? User = null, string? RefreshToken = null, string? EndReason = null)
{
    public static readonly RefreshOutcome Refused = new(RefreshStatus.Refused);
}
