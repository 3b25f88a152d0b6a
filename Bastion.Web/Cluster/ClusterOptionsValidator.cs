using Bastion.Core.Cluster;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Cluster;

internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = new List<string>();
        if (options.Lease < TimeSpan.FromSeconds(1) || options.Lease > TimeSpan.FromMinutes(10))
        {
            errors.Add("Cluster:Lease must be between 00:00:01 and 00:10:00");
        }

        if (options.NodeUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add("Cluster:NodeUrl must be an absolute http or https URL (this node's internal address)");
        }

        if (options.NodeId is { Length: > 64 } || options.NodeId?.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) == true)
        {
            errors.Add("Cluster:NodeId must be at most 64 letters, digits, '-', '_' or '.'");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
