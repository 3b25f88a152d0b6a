namespace Bastion.Web.Auth;

/// <summary><c>Auth:LocalLogin</c>: who may sign in with a Bastion password.</summary>
internal enum LocalLogin
{
    /// <summary>Everyone with a password (the default).</summary>
    All,

    /// <summary>Only admins (the way back in when the identity provider is down); everyone else uses single sign-on.</summary>
    Admins,
}
