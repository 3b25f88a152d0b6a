using Microsoft.Playwright;

namespace Bastion.Testing;

/// <summary>
/// Debian's headless Chromium driven by Playwright. The browser binary is the system one (never downloaded); the
/// flags stop Chromium's background networking, which this machine's closed network would refuse.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console messages and page errors, for assertion messages when a test fails.</summary>
    public List<string> ConsoleLines { get; } = [];

    public static async Task<BrowserSession> LaunchAsync(int width = 1280, int height = 800)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install -y chromium");
        }

        var playwright = await Playwright.CreateAsync().WithTimeout();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = (float)TestTimeouts.Default.TotalMilliseconds,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        }).WithTimeout();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } }).WithTimeout();
        context.SetDefaultTimeout((float)TestTimeouts.Default.TotalMilliseconds);
        var page = await context.NewPageAsync().WithTimeout();
        var session = new BrowserSession(playwright, browser, context, page);
        page.Console += (_, message) => session.ConsoleLines.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => session.ConsoleLines.Add($"pageerror: {error}");
        return session;
    }

    /// <summary>Logs in through the real login form and waits for the host list.</summary>
    public async Task LoginAsync(Uri baseUri, string userName, string password)
    {
        await Page.GotoAsync(new Uri(baseUri, "/#/login").ToString()).WithTimeout();
        await Page.FillAsync("#login-username", userName).WithTimeout();
        await Page.FillAsync("#login-password", password).WithTimeout();
        await Page.ClickAsync("#login-submit").WithTimeout();
        await Page.WaitForURLAsync("**/#/hosts").WithTimeout();
    }

    /// <summary>Saves a screenshot under the test output folder for a person to look at; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path }).WithTimeout();
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync().WithTimeout();
        await _browser.CloseAsync().WithTimeout();
        _playwright.Dispose();
    }
}
