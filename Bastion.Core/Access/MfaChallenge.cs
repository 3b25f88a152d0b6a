namespace Bastion.Core.Access;

/// <summary>A login that passed its password and waits for its second factor (or, with <see cref="Enrol"/>, for the
/// user to set one up first).</summary>
internal sealed record MfaChallenge(Guid UserId, string UserName, bool Enrol, DateTimeOffset ExpiresAt)
{
    /// <summary>Wrong codes given against this challenge so far.</summary>
    public int Failures { get; set; }

    /// <summary>The WebAuthn assertion options issued for it, as JSON, when the user chose a passkey.</summary>
    public string? PasskeyOptions { get; set; }
}
