using System.Net.Http.Json;
using System.Text.Json;
using Bastion.Core.Access;

namespace Bastion.Tests.Auth;

/// <summary>The two-step login and TOTP enrolment as a script would call them.</summary>
internal static class MfaApi
{
    /// <summary>Step one: the password; the whole reply.</summary>
    public static async Task<(int Status, JsonElement Body)> PasswordAsync(BastionServer server, string name, string password = AdminApi.UserPassword)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/auth/token", new { username = name, password }).WithTimeout();
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout()).RootElement.Clone());
    }

    /// <summary>Step one, expecting a second factor: the mfa_token.</summary>
    public static async Task<string> ChallengeAsync(BastionServer server, string name)
    {
        var (status, body) = await PasswordAsync(server, name);
        Assert.True(status == 200, $"token → {status}: {body}");
        Assert.True(body.GetProperty("mfa_required").GetBoolean(), body.ToString());
        Assert.False(body.TryGetProperty("access_token", out _));
        return body.GetProperty("mfa_token").GetString()!;
    }

    public static async Task<(int Status, JsonElement Body)> SecondStepAsync(BastionServer server, string mfaToken, string code)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/auth/mfa", new { mfa_token = mfaToken, code }).WithTimeout();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Enrols TOTP from the account page; returns the secret and the recovery codes.</summary>
    public static async Task<(string Secret, List<string> RecoveryCodes)> EnrolAsync(BastionServer server, string token)
    {
        var (status, begin) = await server.SendAsync(HttpMethod.Post, "/api/account/mfa/totp", token);
        Assert.True(status == 200, $"begin → {status}: {begin}");
        Assert.StartsWith("<svg", begin.GetProperty("qr_svg").GetString()!.TrimStart()[..4], StringComparison.Ordinal);
        var secret = begin.GetProperty("secret").GetString()!;
        var (confirmed, codes) = await server.SendAsync(HttpMethod.Post, "/api/account/mfa/totp/confirm", token, new { code = TotpCodes.Compute(secret, DateTimeOffset.UtcNow) });
        Assert.True(confirmed == 200, $"confirm → {confirmed}: {codes}");
        return (secret, [.. codes.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    /// <summary>A code one step ahead: inside the ±1 step window, and later than a code just used.</summary>
    public static string NextCode(string secret) => TotpCodes.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(30));
}
