using Bastion.Core.Access;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Transfer;

/// <summary>
/// Who may move files to and from which host (issue 14): whoever may open the host now (<see cref="AccessPolicy"/>),
/// as far as one of the grants that allow it says so. A grant's flag left unset follows <c>Transfer:DefaultAllow</c>;
/// admins, who need no grant, follow the default. Asked on every request, so a flag turned off applies at once.
/// </summary>
internal sealed class TransferPolicy(AccessPolicy access, IOptions<TransferOptions> options)
{
    /// <summary>Null when the user may not open the host at all (the caller answers as for an unknown session).</summary>
    public async Task<TransferPermissions?> ResolveAsync(User user, Guid hostId, CancellationToken cancellationToken)
    {
        if (await access.CoveringGrantsAsync(user, hostId, cancellationToken) is not { } grants)
        {
            return null;
        }

        var fallback = options.Value.DefaultAllow;
        return grants.Count == 0
            ? new TransferPermissions(fallback, fallback)
            : new TransferPermissions(grants.Any(g => g.AllowUpload ?? fallback), grants.Any(g => g.AllowDownload ?? fallback));
    }
}
