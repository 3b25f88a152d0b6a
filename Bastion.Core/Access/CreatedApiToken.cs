namespace Bastion.Core.Access;

/// <summary>A new API token and its secret, which exists only in this value and the one reply that shows it.</summary>
internal sealed record CreatedApiToken(ApiToken Token, string Secret);
