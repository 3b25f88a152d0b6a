namespace Bastion.Core.Inventory;

/// <summary>
/// One page of a host list as a page asks for it (issue 14: 100,000 imported hosts loaded whole took 5 to 21 s per
/// page). Hosts come by name; <see cref="After"/> is the last name of the previous page (a keyset cursor, stable while
/// hosts are added or removed). Every filter is optional; all given ones must hold.
/// </summary>
internal sealed record HostQuery
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page: a bound on one answer's rows, whatever the caller asks.</summary>
    public const int MaxLimit = 500;

    /// <summary>The most ids one query may name (<see cref="Ids"/>).</summary>
    public const int MaxIds = MaxLimit;

    /// <summary>A case-insensitive substring of the name, address, login, description, a label (<c>k=v</c>) or a group.</summary>
    public string? Text { get; init; }

    /// <summary>A group the host is in (exact).</summary>
    public string? Group { get; init; }

    /// <summary>A label <c>key=value</c> the host has (exact), or a bare <c>key</c>: a label with that key.</summary>
    public string? Label { get; init; }

    /// <summary>Only these hosts (a favourites list, the names of a grants table).</summary>
    public IReadOnlyList<Guid>? Ids { get; init; }

    /// <summary>Hosts named after this one (ordinal order of the database's collation, the order of the pages).</summary>
    public string? After { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Disabled hosts too (the admins' inventory).</summary>
    public bool IncludeDisabled { get; init; }

    /// <summary>Each host's shared credential (its name, never a secret): only the admins' inventory shows it; an
    /// operator's lists and favourites leave <see cref="Host.Credential"/> null.</summary>
    public bool IncludeCredentials { get; init; }

    /// <summary><see cref="Limit"/> within 1..<see cref="MaxLimit"/>.</summary>
    public int PageSize => Math.Clamp(Limit, 1, MaxLimit);
}
