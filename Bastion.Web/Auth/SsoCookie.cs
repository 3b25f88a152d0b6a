namespace Bastion.Web.Auth;

/// <summary>The cookie that carries a hand-off code from the provider's redirect to the exchange: HttpOnly (scripts
/// never see it), SameSite=Strict and scoped to the exchange path (no other request carries it), Secure on HTTPS,
/// and deleted by the exchange that reads it.</summary>
internal static class SsoCookie
{
    public const string Name = "bastion.sso";

    public static void Set(HttpContext context, string code) =>
        context.Response.Cookies.Append(Name, code, Options(context, SsoHandoffs.Lifetime));

    public static string? Take(HttpContext context)
    {
        var code = context.Request.Cookies[Name];
        if (code is not null)
        {
            context.Response.Cookies.Delete(Name, Options(context, null));
        }

        return code;
    }

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = SsoEndpoints.ExchangePath,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
