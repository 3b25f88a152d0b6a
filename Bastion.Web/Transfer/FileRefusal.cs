namespace Bastion.Web.Transfer;

/// <summary>Why <see cref="FileRequests.ResolveAsync"/> found no request the caller may make: the endpoint answers 401
/// for <see cref="SignedOut"/>, the one 404 of an unknown session for <see cref="NoSession"/>.</summary>
internal enum FileRefusal
{
    None,

    /// <summary>No active user behind the token (deleted or disabled since it was issued).</summary>
    SignedOut,

    /// <summary>Not the caller's own live session, or its host is no longer openable for them: the same 404.</summary>
    NoSession,
}
