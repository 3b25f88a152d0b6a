using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Bastion.Web.Hosting;

/// <summary>
/// <c>Bastion:TrustedProxies</c> (issue 11): behind a reverse proxy every request comes from the proxy, so the audit
/// log, the per-address sign-in limit and the sessions would all see one address. With proxies listed, the forwarded
/// headers middleware runs first and takes the client address from <c>X-Forwarded-For</c> and the scheme from
/// <c>X-Forwarded-Proto</c>, but only on connections from those proxies, walking the header from the right for as
/// long as each hop is itself trusted: a value a client wrote into the header is never believed. ASP.NET Core's
/// default of trusting loopback is cleared, so nothing is trusted that was not listed.
/// </summary>
internal static class TrustedProxies
{
    public static void AddBastionTrustedProxies(this WebApplicationBuilder builder)
    {
        var entries = builder.Configuration.GetSection($"{BastionOptions.SectionName}:{nameof(BastionOptions.TrustedProxies)}").Get<List<string>>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null; // the trusted-hop walk above bounds it: it stops at the first untrusted address
            foreach (var entry in entries)
            {
                if (TryParse(entry, out var address, out var network))
                {
                    if (address is not null)
                    {
                        o.KnownProxies.Add(address);
                    }
                    else
                    {
                        o.KnownIPNetworks.Add(network!.Value);
                    }
                }
            }
        });
    }

    /// <summary>First in the pipeline, and only when proxies are listed.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        if (app.Configuration.GetSection($"{BastionOptions.SectionName}:{nameof(BastionOptions.TrustedProxies)}").Get<List<string>>() is { Count: > 0 })
        {
            app.UseForwardedHeaders();
        }
    }

    public static bool TryParse(string? entry, out IPAddress? address, [NotNullWhen(true)] out IPNetwork? network)
    {
        address = null;
        network = null;
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (IPNetwork.TryParse(text, out var parsed))
            {
                network = parsed;
                return true;
            }

            return false;
        }

        if (IPAddress.TryParse(text, out var ip))
        {
            address = ip;
            network = new IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }
}
