using Microsoft.Playwright;

namespace Bastion.Testing;

/// <summary>
/// A page in Debian's headless Chromium driven by Playwright, in a browser context of its own. The browser binary is
/// the system one (never downloaded), one process for the run (<see cref="SharedChromium"/>); its flags stop
/// Chromium's background networking, which this machine's closed network would refuse.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console messages and page errors, for assertion messages when a test fails.</summary>
    public List<string> ConsoleLines { get; } = [];

    /// <summary>A fresh browser context (its own cookies and storage, as a browser of its own) and page in the run's
    /// shared Chromium (<see cref="SharedChromium"/>).</summary>
    public static async Task<BrowserSession> LaunchAsync(int width = 1280, int height = 800)
    {
        var browser = await SharedChromium.GetAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } }).WithTimeout();
        context.SetDefaultTimeout((float)TestTimeouts.Default.TotalMilliseconds);
        var page = await context.NewPageAsync().WithTimeout();
        var session = new BrowserSession(context, page);
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
    }
}
