namespace Bastion.Core.Access;

/// <summary>A login that passed its password and waits for its second factor (or, with <see cref="Enrol"/>, for the
/// user to set one up first).</summary>
internal sealed record MfaChallenge(Guid UserId, string UserName, bool Enrol, DateTimeOffset ExpiresAt);
