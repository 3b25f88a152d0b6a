namespace Bastion.Core.Inventory;

/// <summary>What an imported known_hosts key did to a host.</summary>
internal enum KnownKeyOutcome
{
    /// <summary>The host was already pinned to this key.</summary>
    Unchanged,

    /// <summary>The host had no pin; the imported key is now pinned.</summary>
    Pinned,

    /// <summary>The host is pinned to another key; the imported one waits for review, never a silent re-pin.</summary>
    Pending,
}
