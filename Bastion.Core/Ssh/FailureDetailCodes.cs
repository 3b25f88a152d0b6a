namespace Bastion.Core.Ssh;

/// <summary>The codes of <see cref="FailureDetail"/>, one per message <see cref="SshFailures"/> can write; the client has
/// words for each (<c>detail_…</c> in both string tables, checked by <c>ServerTextLabelsTests</c>).</summary>
internal static class FailureDetailCodes
{
    /// <summary>{host, offered}</summary>
    public const string KeyUnpinned = "key_unpinned";

    /// <summary>{host, expected, offered}</summary>
    public const string KeyMismatch = "key_mismatch";

    /// <summary>{host, user}</summary>
    public const string CredentialsRefused = "credentials_refused";

    /// <summary>{host}</summary>
    public const string CredentialUnusable = "credential_unusable";

    /// <summary>{host, address, port}</summary>
    public const string ConnectionRefused = "connection_refused";

    /// <summary>{host, address, port}</summary>
    public const string UnknownHostName = "unknown_host_name";

    /// <summary>{host, address, port}</summary>
    public const string TimedOut = "timed_out";

    /// <summary>{host, address, port}</summary>
    public const string NoRoute = "no_route";

    /// <summary>{host, address, port, error}: another socket error, <c>error</c> its name.</summary>
    public const string SocketError = "socket_error";

    /// <summary>{host, error}: the SSH connection failed; <c>error</c> is SSH.NET's text or the exception's type.</summary>
    public const string ConnectionFailed = "connection_failed";

    /// <summary>{host, error}: the host refused after the connection was up.</summary>
    public const string HostRefused = "host_refused";

    /// <summary>{host, service, error}: logged in, but the host refused the service asked for (SFTP).</summary>
    public const string ServiceRefused = "service_refused";

    /// <summary>{host}: a host-key scan got through key exchange without the host offering a key.</summary>
    public const string NoHostKey = "no_host_key";
}
