namespace Bastion.Core.Access;

internal enum ExternalSignInOutcome
{
    /// <summary>A user signed in before; roles and groups were brought up to date from the provider's groups.</summary>
    SignedIn,

    /// <summary>First sign-in: the user was created (just in time) with the mapped roles and groups.</summary>
    Created,

    /// <summary>The provider's groups claim names none of the mapped groups.</summary>
    NotPermitted,

    /// <summary>No Bastion user has this provider account, and creating users is off.</summary>
    NoAccount,

    /// <summary>A local user already has the name: never taken over by a provider's account.</summary>
    NameTaken,

    /// <summary>The provider's name for the user is not a valid Bastion user name.</summary>
    InvalidName,

    /// <summary>The Bastion user is disabled.</summary>
    Disabled,
}
