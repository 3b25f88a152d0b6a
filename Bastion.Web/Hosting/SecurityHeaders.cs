namespace Bastion.Web.Hosting;

internal static class SecurityHeaders
{
    // xterm.js injects <style> elements, hence 'unsafe-inline' for styles only; scripts are same-origin files.
    // 'wasm-unsafe-eval' lets asciinema-player compile its bundled terminal emulator (WebAssembly only, not JS eval).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = context.Request.Path.StartsWithSegments("/api") ? "no-store" : headers.CacheControl;
        return next(context);
    });
}
