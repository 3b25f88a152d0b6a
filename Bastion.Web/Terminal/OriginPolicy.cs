using Bastion.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Terminal;

/// <summary>
/// Cross-site WebSocket hijacking guard: browsers always send <c>Origin</c> on a WebSocket upgrade, and any page can
/// open a socket to us. An Origin, when present, must be the service's own or one from <c>Bastion:AllowedOrigins</c>.
/// Clients without an Origin (CLI tools) authenticate with a bearer token, which a foreign page cannot attach.
/// </summary>
internal sealed class OriginPolicy(IOptions<BastionOptions> options)
{
    public bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || options.Value.AllowedOrigins.Any(o => string.Equals(origin, o.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
