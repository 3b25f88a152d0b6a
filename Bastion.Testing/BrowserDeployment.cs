namespace Bastion.Testing;

/// <summary>
/// The set-up of a browser test that owns its deployment: a server of its own (a <see cref="BastionServer"/> or a
/// <see cref="BastionFixture"/>) and a <see cref="BrowserSession"/>, started side by side, and stopped browser first.
/// A test class keeps both in its fields:
/// <code>public async Task InitializeAsync() => (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());
/// public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);</code>
/// </summary>
public static class BrowserDeployment
{
    /// <summary>Starts the server and a browser page of <paramref name="width"/> × <paramref name="height"/>; if
    /// either fails, stops the other before throwing.</summary>
    public static async Task<(TServer Server, BrowserSession Browser)> StartAsync<TServer>(
        Func<Task<TServer>> startServer, int width = 1280, int height = 800)
        where TServer : IAsyncDisposable
    {
        var server = startServer();
        var browser = BrowserSession.LaunchAsync(width, height);
        try
        {
            await Task.WhenAll(server, browser).WithTimeout(TestTimeouts.Default * 2);
            return (server.Result, browser.Result);
        }
        catch
        {
            await Task.WhenAll(StopIfStartedAsync(browser), StopIfStartedAsync(server));
            throw;
        }
    }

    /// <summary>Closes the browser page, then stops the server; either may be null when the set-up failed.</summary>
    public static async Task StopAsync(BrowserSession? browser, IAsyncDisposable? server)
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static async Task StopIfStartedAsync<T>(Task<T> starting)
        where T : IAsyncDisposable
    {
        try
        {
            await (await starting.WithTimeout(TestTimeouts.Default * 2)).DisposeAsync();
        }
        catch (Exception)
        {
            // It did not start (its own failure is the one thrown) or stopping it failed: nothing more to stop.
        }
    }
}
