namespace Bastion.Core.Access;

/// <summary>A request for a new API token, as the user typed it.</summary>
internal sealed record NewApiToken(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);
