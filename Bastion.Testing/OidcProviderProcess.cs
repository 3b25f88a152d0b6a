using System.Diagnostics;

namespace Bastion.Testing;

/// <summary>
/// A real OpenID provider (npm <c>oidc-provider</c> 9.x, <c>Bastion.Tests/OidcProvider/provider.mjs</c>) as a child
/// process on a loopback port, with one confidential client and the users <c>alice</c> (group <c>bastion-admins</c>),
/// <c>olga</c> (<c>bastion-operators</c>, <c>db-team</c>) and <c>outsider</c> (<c>marketing</c>). The port is chosen
/// first (<see cref="Reserve"/>) because Bastion needs the issuer in its settings and the provider needs Bastion's
/// redirect URI; then <see cref="StartAsync"/>. Stopped by its PID on dispose.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "bastion-tests";
    public const string ClientSecret = "client-secret-for-tests-only";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private OidcProviderProcess(Process process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    /// <summary>Everything the provider printed, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static string Directory => Path.Combine(RepoPaths.Root, "Bastion.Tests", "OidcProvider");

    /// <summary>A free loopback port and the issuer URL the provider will have there.</summary>
    public static (int Port, Uri Issuer) Reserve()
    {
        var port = FreePort.Get();
        return (port, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Bastion's settings for single sign-on against a provider at <paramref name="issuer"/>.</summary>
    public static Dictionary<string, string> BastionSettings(Uri issuer) => new()
    {
        ["Auth:Oidc:Authority"] = issuer.ToString().TrimEnd('/'),
        ["Auth:Oidc:ClientId"] = ClientId,
        ["Auth:Oidc:ClientSecret"] = ClientSecret,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Auth:Oidc:DisplayName"] = "Test IdP",
        ["Auth:Oidc:Scopes:0"] = "openid",
        ["Auth:Oidc:Scopes:1"] = "profile",
        ["Auth:Oidc:Scopes:2"] = "groups",
        ["Auth:Oidc:CreateUsers"] = "true",
        ["Auth:Oidc:GroupMappings:0:Group"] = "bastion-admins",
        ["Auth:Oidc:GroupMappings:0:Roles:0"] = "admin",
        ["Auth:Oidc:GroupMappings:1:Group"] = "bastion-operators",
        ["Auth:Oidc:GroupMappings:1:Roles:0"] = "operator",
        ["Auth:Oidc:GroupMappings:2:Group"] = "db-team",
        ["Auth:Oidc:GroupMappings:2:Groups:0"] = "dbas",
    };

    public static async Task<OidcProviderProcess> StartAsync(int port, Uri redirectUri)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed: run (cd {Directory} && npm ci), as ./test.sh does");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "provider.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), redirectUri.ToString(), ClientId, ClientSecret })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start node");
        OrphanWatch.Start(process.Id);
        var provider = new OidcProviderProcess(process, new Uri($"http://127.0.0.1:{port}"));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => provider.Collect(e.Data, ready);
        process.ErrorDataReceived += (_, e) => provider.Collect(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync()).WithTimeout();
            if (!ready.Task.IsCompleted)
            {
                throw new InvalidOperationException($"the OpenID provider exited before it was ready:\n{provider.Output}");
            }
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        return provider;
    }

    private void Collect(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ready is not null && line.StartsWith("ready ", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        OrphanWatch.Release(_process.Id);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WithTimeout();
        }

        _process.Dispose();
    }
}
