using Bastion.Core.Inventory;

namespace Bastion.Core.Access;

/// <summary>A host a user may open now, and the login to use on it.</summary>
internal sealed record OpenableHost(Host Host, string Login);
