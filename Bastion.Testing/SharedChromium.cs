using Microsoft.Playwright;

namespace Bastion.Testing;

/// <summary>
/// One headless Chromium (and one Playwright driver) for the whole test run. Launching both took about a second per
/// browser test; a browser context costs milliseconds and isolates as much as a browser of its own does (cookies,
/// storage, service workers, BroadcastChannel), which is what each <see cref="BrowserSession"/> gets. A browser that
/// crashed or disconnected is launched again for the next session. At process exit the driver is disposed; Chromium
/// runs on the driver's pipe and exits with it.
/// </summary>
internal static class SharedChromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    public static async Task<IBrowser> GetAsync()
    {
        // A second session waits while the first launches; the launch itself is bounded below.
        if (!await Gate.WaitAsync(TestTimeouts.Default * 2))
        {
            throw new TimeoutException("Timed out waiting for another test to launch the shared Chromium.");
        }

        try
        {
            if (s_browser is { IsConnected: true })
            {
                return s_browser;
            }

            if (!File.Exists(BrowserSession.ChromiumPath))
            {
                throw new InvalidOperationException($"{BrowserSession.ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install -y chromium");
            }

            if (s_playwright is null)
            {
                s_playwright = await Playwright.CreateAsync().WithTimeout();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => s_playwright.Dispose();
            }

            s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserSession.ChromiumPath,
                Headless = true,
                Timeout = (float)TestTimeouts.Default.TotalMilliseconds,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            }).WithTimeout();
            return s_browser;
        }
        finally
        {
            Gate.Release();
        }
    }
}
