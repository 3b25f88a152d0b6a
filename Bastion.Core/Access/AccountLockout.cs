namespace Bastion.Core.Access;

/// <summary>
/// Failed logins of one account name, persisted so a restart does not reset them. Keyed by the normalised name that
/// was tried, whether or not such a user exists: locking only real accounts would tell an attacker which names exist.
/// </summary>
internal sealed class AccountLockout
{
    /// <summary>Lower-case, at most 64 characters (as user names).</summary>
    public required string UserName { get; set; }

    /// <summary>Failures since the last lock ended or the last successful login.</summary>
    public int Failures { get; set; }

    /// <summary>How many times the account was locked since its last successful login: the exponent of the backoff.</summary>
    public int Locks { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }
}
