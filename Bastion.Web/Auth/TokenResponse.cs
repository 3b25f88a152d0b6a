using System.Text.Json.Serialization;

namespace Bastion.Web.Auth;

/// <summary>OAuth 2.0 style token reply (RFC 6749 section 5.1 names), so generic clients read it.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
