using Microsoft.Extensions.Options;

namespace Bastion.Web.Hosting;

/// <summary>Refuses an allowed origin that could never match a browser's <c>Origin</c> header (which is scheme, host
/// and port only), instead of letting it silently allow nothing.</summary>
internal sealed class BastionOptionsValidator : IValidateOptions<BastionOptions>
{
    public ValidateOptionsResult Validate(string? name, BastionOptions options)
    {
        const string S = BastionOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add($"{S}:DataDir must name a directory.");
        }

        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!IsOrigin(origin))
            {
                failures.Add($"{S}:AllowedOrigins:{i} is '{origin}'; it must be an http or https origin (scheme, host and optional port, no path), e.g. https://bastion.example.com.");
            }
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!TrustedProxies.TryParse(options.TrustedProxies[i], out _, out _))
            {
                failures.Add($"{S}:TrustedProxies:{i} is '{options.TrustedProxies[i]}'; it must be an IP address (10.0.0.5) or a network in CIDR form (10.0.0.0/24).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
