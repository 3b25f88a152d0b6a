namespace Bastion.Core.Cluster;

/// <summary>A request sent to the node that owns <see cref="SessionId"/> over its command channel.</summary>
/// <param name="Kind"><see cref="Kill"/> or <see cref="EndByOwner"/>.</param>
internal sealed record NodeCommand(string Kind, string SessionId, string? By = null, string? ClientAddress = null, Guid? UserId = null)
{
    public const string Kill = "kill";

    public const string EndByOwner = "end";
}
