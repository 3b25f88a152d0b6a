namespace Bastion.Core.Access;

/// <summary>Who an OpenID provider says signed in: its issuer and subject (the stable key), the name it offers for
/// the user, and the values of its groups claim.</summary>
internal sealed record ExternalIdentity(string Issuer, string Subject, string? UserName, IReadOnlyList<string> Groups);
