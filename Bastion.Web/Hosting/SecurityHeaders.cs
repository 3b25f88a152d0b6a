namespace Bastion.Web.Hosting;

internal static class SecurityHeaders
{
    // xterm.js injects <style> elements, hence 'unsafe-inline' for styles only; scripts are same-origin files.
    // 'wasm-unsafe-eval' lets asciinema-player compile its bundled terminal emulator (WebAssembly only, not JS eval).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Sets the headers when the response starts, not when the request comes in: an error reply made by the
    /// exception handler starts from a cleared response, and must carry them too. A header an endpoint set itself
    /// (a download's own Cache-Control) is kept.</summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            SetIfAbsent(headers, "Content-Security-Policy", ContentSecurityPolicy);
            SetIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            SetIfAbsent(headers, "X-Frame-Options", "DENY");
            SetIfAbsent(headers, "Referrer-Policy", "no-referrer");
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                SetIfAbsent(headers, "Cache-Control", "no-store");
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static void SetIfAbsent(IHeaderDictionary headers, string name, string value)
    {
        if (!headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }
}
