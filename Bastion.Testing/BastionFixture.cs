using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Testing;

/// <summary>
/// One Bastion deployment to test against: an in-process <see cref="BastionServer"/>, an <see cref="SshdServer"/> to
/// add as a host, and a logged-in admin, with helpers to add a host, a user and a grant.
/// <para>As the fixture of the <c>bastion</c> collection (xunit creates it) it owns its sshd and is shared by every
/// test of that collection, so those tests use unique names (<see cref="Unique"/>) and assert on what they created.
/// A test that needs a fresh deployment or its own settings (a fake clock, a failing audit log, a recorder bound)
/// starts one with <see cref="StartAsync"/>, which the test then owns and disposes.</para>
/// </summary>
public sealed class BastionFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly bool _ownsSshd;
    private bool _disposed;
    private SshdServer? _sshd;
    private BastionServer? _server;

    /// <summary>For xunit: a fresh sshd and a default deployment, started by <see cref="InitializeAsync"/>.</summary>
    public BastionFixture() => _ownsSshd = true;

    private BastionFixture(SshdServer? sshd, BastionServer server, string adminToken)
    {
        _sshd = sshd;
        _server = server;
        AdminToken = adminToken;
    }

    public SshdServer Sshd => _sshd ?? throw new InvalidOperationException("This deployment was started without an sshd.");

    public BastionServer Server => _server ?? throw NotStarted();

    /// <summary>The bearer token of the built-in admin.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>A deployment of its own against <paramref name="sshd"/> (which stays the caller's; null = tests that
    /// need no SSH host); see the class summary.</summary>
    public static async Task<BastionFixture> StartAsync(
        SshdServer? sshd, IDictionary<string, string>? settings = null, Action<IServiceCollection>? configureServices = null, string? dataDir = null)
    {
        var server = await BastionServer.StartAsync(settings, dataDir, configureServices);
        try
        {
            return new BastionFixture(sshd, server, await server.LoginAsync());
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary><paramref name="prefix"/> plus eight random hex digits: host, user and credential names on a shared server.</summary>
    public static string Unique(string prefix) => HostSpec.UniqueName(prefix);

    /// <summary>A host body for this fixture's sshd (password login, pinned key) named <paramref name="name"/> or uniquely.</summary>
    public HostSpec Host(string? name = null) => HostSpec.For(Sshd, name);

    /// <summary>Adds this fixture's sshd as a host (as <see cref="BastionServer.AddHostAsync"/>) and returns its id.</summary>
    public Task<string> AddHostAsync(string? name = null, string? fingerprint = "pinned", bool useKey = false) =>
        Server.AddHostAsync(AdminToken, Sshd, name, fingerprint, useKey);

    /// <summary>Creates the host <paramref name="host"/> as the admin and returns its id.</summary>
    public Task<string> AddHostAsync(HostSpec host) => Server.CreateHostAsync(AdminToken, host);

    /// <summary>Creates a user through the API (password <see cref="AdminApi.UserPassword"/>) and logs it in.</summary>
    /// <param name="name">Null = a unique name starting with the first role.</param>
    public async Task<(string Id, string Name, string Token)> AddUserAsync(string[] roles, string[]? groups = null, string? name = null)
    {
        name ??= Unique(roles.FirstOrDefault() ?? "user");
        var (id, token) = await Server.CreateUserAsync(AdminToken, name, roles, groups);
        return (id, name, token);
    }

    /// <summary>Creates a grant from a request body (e.g. <c>new { userId, hostId }</c>) and returns its id.</summary>
    public Task<string> GrantAsync(object grant) => Server.GrantAsync(AdminToken, grant);

    /// <summary>Grants <paramref name="userId"/> the host <paramref name="hostId"/> without limits.</summary>
    public Task<string> GrantAsync(string userId, string hostId) => GrantAsync(new { userId, hostId });

    /// <summary>Opens a terminal as the browser does (ticket, then WebSocket), as the admin unless told otherwise.</summary>
    public Task<TerminalClient> OpenTerminalAsync(string hostId, string? token = null, string query = "flow=1", bool autoAck = true) =>
        Server.OpenTerminalAsync(token ?? AdminToken, hostId, query, autoAck);

    /// <summary>
    /// Waits until every connection the sshd has seen so far logged its end, then returns a log mark. Earlier tests'
    /// sessions end asynchronously; a test that asserts "nothing reached sshd since the mark" takes its mark here.
    /// </summary>
    public async Task<int> QuietSshdLogMarkAsync()
    {
        await Sshd.WaitForConnectionsToEndAsync(0, minimumConnections: 0);
        return Sshd.LogLength;
    }

    public async Task InitializeAsync()
    {
        _sshd = new SshdServer();
        await _sshd.StartAsync(CancellationToken.None).WithTimeout();
        // The tests that share this deployment each open terminals and leave them; with the default grace their
        // sessions would run on detached for minutes and keep reaching sshd after the test. Here a session ends when
        // its socket goes away; tests of detaching and re-attaching start a deployment of their own with a grace.
        _server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Terminal:DetachedGrace"] = "00:00:00" });
        AdminToken = await _server.LoginAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_ownsSshd && _sshd is not null)
        {
            await _sshd.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() => new("The fixture has not started yet.");
}
