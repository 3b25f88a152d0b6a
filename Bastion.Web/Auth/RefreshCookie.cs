namespace Bastion.Web.Auth;

/// <summary>
/// The refresh token's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it),
/// Secure on HTTPS, and scoped to the refresh endpoint's path, so no other request carries it at all; it expires with
/// the login's absolute end.
/// </summary>
internal static class RefreshCookie
{
    public const string Name = "bastion_refresh";
    public const string Path = "/api/auth/refresh";

    public static void Set(HttpContext context, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(Name, token, Options(context, expiresAt));

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, null));

    public static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Expires = expiresAt,
        IsEssential = true,
    };
}
