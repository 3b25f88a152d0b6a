using System.Net;
using System.Text.Json;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Observability;

/// <summary><c>/healthz</c> says the process lives; <c>/readyz</c> runs the database, audit and recordings checks and
/// answers 503, naming the failing check, when one fails (here: the recordings directory cannot be written).</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private BastionServer _server = null!;

    public async Task InitializeAsync() => _server = await BastionServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Healthz_IsLive_AndReadyz_ReportsEveryCheckHealthy()
    {
        using var live = await _server.Http.GetAsync("/healthz").WithTimeout();
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var (status, body) = await ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        foreach (var check in new[] { "database", "audit", "recordings" })
        {
            Assert.Equal("healthy", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Readyz_Is503_NamingTheRecordingsStore_WhileItCannotBeWritten_AndRecovers()
    {
        var recordings = Path.Combine(_server.DataDir, "recordings");
        Directory.CreateDirectory(recordings);
        Directory.Delete(recordings, recursive: true);
        await File.WriteAllTextAsync(recordings, "a file where the recordings directory should be").WithTimeout();
        try
        {
            var (status, body) = await ReadyAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            var check = body.GetProperty("checks").GetProperty("recordings");
            Assert.Equal("unhealthy", check.GetProperty("status").GetString());
            Assert.Equal("the recordings directory cannot be written", check.GetProperty("description").GetString());
            Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());

            using var live = await _server.Http.GetAsync("/healthz").WithTimeout();
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            File.Delete(recordings);
        }

        var (after, _) = await ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, after);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync()
    {
        using var response = await _server.Http.GetAsync("/readyz").WithTimeout();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
