using System.Text.Json;
using Bastion.Core.Audit;
using Microsoft.Playwright;

namespace Bastion.Tests.Audit;

/// <summary>
/// The player as an auditor uses it, in a real Chromium over a real recorded session (real sshd): with the default
/// idle limit (2 s) the command list lands where each command was typed, and changing the speed keeps the position.
/// Idle gaps come from <c>sleep 5</c> in the shell, so idle compression really shortens the timeline.
/// </summary>
public sealed class PlayerSeekBrowserTests(PlayerSeekBrowserTests.Recorded recorded) : IClassFixture<PlayerSeekBrowserTests.Recorded>, IAsyncLifetime
{
    private const double IdleLimit = 2;
    private static readonly string LongTail = new('q', 270);

    private BastionFixture _bastion = null!;
    private BrowserSession _browser = null!;

    /// <summary>The deployment and the one recorded session both tests play back (they only read it; the player's
    /// speed and idle limit are not saved). Recording it takes some 17 s of sleeps and vim, so it is made once.</summary>
    public sealed class Recorded : IAsyncLifetime
    {
        private readonly SshdFixture _sshd = new();

        public BastionFixture Bastion { get; private set; } = null!;

        public string SessionId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await _sshd.InitializeAsync();
            Bastion = await BastionFixture.StartAsync(_sshd.Server);
            SessionId = await RecordSessionAsync(Bastion);
        }

        public async Task DisposeAsync()
        {
            if (Bastion is not null)
            {
                await Bastion.DisposeAsync();
            }

            await _sshd.DisposeAsync();
        }
    }

    public async Task InitializeAsync()
    {
        _bastion = recorded.Bastion;
        _browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task LongCommandAndVim_AreListed_AndClickingEachLandsWhereItWasTyped_WithIdleCompression()
    {
        var sessionId = recorded.SessionId;
        var cast = await RecordingAsync(sessionId);
        var page = await OpenPlayerAsync(sessionId);

        var items = await page.Locator("#player-commands .command-item").AllInnerTextsAsync().WithTimeout();
        Assert.True(items.Any(i => i.Contains("long-" + LongTail, StringComparison.Ordinal)), "listed: " + string.Join(" | ", items));
        Assert.Contains(items, i => i.Contains("vim", StringComparison.Ordinal) && !i.Contains("echo", StringComparison.Ordinal));

        // Where each was typed: the recording's first output that echoes its end (the real time), mapped through the
        // player's own idle rule (asciinema-player's: a gap longer than the limit is cut to the limit).
        var longTyped = IdleCompression.Compress(cast, FirstOutputTime(cast, "-$((300+"), IdleLimit);
        var vimTyped = IdleCompression.Compress(cast, FirstOutputTime(cast, "\u001b[?1049h"), IdleLimit);
        Assert.True(IdleCompression.Compress(cast, IdleCompression.Duration(cast), IdleLimit) < IdleCompression.Duration(cast) - 8,
            "the sleeps must make idle compression shorten the timeline");

        foreach (var (needle, expected) in new[] { ("long-" + LongTail, longTyped), ("vim", vimTyped) })
        {
            // Seek elsewhere first, so a click that does nothing cannot pass.
            await page.EvaluateAsync("() => window.bastionPlayer.seek(0)").WithTimeout();
            var item = page.Locator("#player-commands .command-item").Filter(new LocatorFilterOptions { HasText = needle }).First;
            await item.ClickAsync().WithTimeout();
            var landed = await WaitForPlayerTimeAsync(page, t => t > 0.05);
            Assert.True(Math.Abs(landed - expected) <= 1.0,
                $"'{needle}' was typed at {expected:F2} s of the compressed timeline; the click landed at {landed:F2} s");
        }

        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangingSpeedOrIdleLimit_KeepsThePosition()
    {
        var sessionId = recorded.SessionId;
        var page = await OpenPlayerAsync(sessionId);

        // A point inside the compressed timeline, whatever its length on this machine (about 8 s when the shell is
        // quick), and past the first idle gap.
        var duration = await page.EvaluateAsync<double>("() => window.bastionPlayer.getDuration()").WithTimeout();
        var target = Math.Round(duration * 0.7, 2);
        Assert.True(target > 3, $"the compressed timeline is {duration:F2} s");
        await page.EvaluateAsync("t => window.bastionPlayer.seek(t)", target).WithTimeout();
        await WaitForPlayerTimeAsync(page, t => Math.Abs(t - target) < 0.5);
        var realBefore = await page.EvaluateAsync<double>("() => window.bastionPlayerRealTime()").WithTimeout();

        await page.SelectOptionAsync("#player-speed", "4").WithTimeout();
        var afterSpeed = await WaitForPlayerTimeAsync(page, t => t > 0.05);
        Assert.True(Math.Abs(afterSpeed - target) <= 0.5, $"at {target:F2} s before the speed change, at {afterSpeed:F2} s after");

        await page.SelectOptionAsync("#player-idle", "0").WithTimeout();
        var afterIdle = await WaitForPlayerTimeAsync(page, t => t > 0.05);
        // Without compression the player's time is the real time.
        Assert.True(Math.Abs(afterIdle - realBefore) <= 0.5, $"at real {realBefore:F2} s before the idle change, at {afterIdle:F2} s after");
    }

    /// <summary>sleep 5, a 300-character command, sleep 5, vim, sleep 5: one recorded session, ended.</summary>
    private static async Task<string> RecordSessionAsync(BastionFixture bastion)
    {
        var hostId = await bastion.AddHostAsync();
        string sessionId;
        await using (var terminal = await bastion.OpenTerminalAsync(hostId, query: "flow=1&cols=80&rows=24"))
        {
            await terminal.SendInputAsync("sleep 5; echo gap-$((1+0))\r");
            await terminal.WaitForOutputAsync("gap-1\r\n");
            sessionId = terminal.SessionId!;

            // Typed in pieces as a person would, so the shell redraws the line as it wraps past column 80.
            var command = "echo long-" + LongTail + "-$((300+0))";
            Assert.True(command.Length >= 290);
            foreach (var chunk in command.Chunk(12))
            {
                await terminal.SendInputAsync(new string(chunk));
                await Task.Delay(20);
            }

            await terminal.SendInputAsync("\r");
            await terminal.WaitForOutputAsync("-300\r\n");

            await terminal.SendInputAsync("sleep 5; echo gap-$((2+0))\r");
            await terminal.WaitForOutputAsync("gap-2\r\n");
            await terminal.SendInputAsync("vim\r");
            await terminal.WaitForOutputAsync("\u001b[?1049h");
            await Task.Delay(1000);
            await terminal.SendInputAsync("\u001b:q!\r");
            await terminal.WaitForOutputAsync("\u001b[?1049l");
            await terminal.SendInputAsync("sleep 5; echo gap-$((3+0))\r");
            await terminal.WaitForOutputAsync("gap-3\r\n");
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        await bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        return sessionId;
    }

    private async Task<IPage> OpenPlayerAsync(string sessionId)
    {
        var page = _browser.Page;
        await _browser.LoginAsync(_bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.GotoAsync(new Uri(_bastion.Server.BaseUri, $"/#/sessions/{sessionId}").ToString()).WithTimeout();
        await page.WaitForSelectorAsync("#player-commands .command-item").WithTimeout();
        await page.WaitForFunctionAsync("() => window.bastionPlayer !== undefined && window.bastionPlayer.getDuration() !== undefined").WithTimeout();
        Assert.Equal("2", await page.InputValueAsync("#player-idle").WithTimeout());
        return page;
    }

    private static async Task<double> WaitForPlayerTimeAsync(IPage page, Func<double, bool> condition)
    {
        using var cts = TestTimeouts.CreateTokenSource();
        var time = 0.0;
        while (!cts.IsCancellationRequested)
        {
            time = await page.EvaluateAsync<double>("() => window.bastionPlayer ? window.bastionPlayer.getCurrentTime() : 0").WithTimeout();
            if (condition(time))
            {
                return time;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"the player's time never met the condition (last {time:F2} s)");
    }

    private async Task<List<JsonElement>> RecordingAsync(string sessionId)
    {
        using var request = BastionServer.Request(HttpMethod.Get, $"/api/sessions/{sessionId}/recording", _bastion.AdminToken);
        using var response = await _bastion.Server.Http.SendAsync(request).WithTimeout();
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        return text.Split('\n').Skip(1).Where(l => l.StartsWith('[')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    private static double FirstOutputTime(List<JsonElement> cast, string text)
    {
        var found = cast.First(e => e[1].GetString() == "o" && e[2].GetString()!.Contains(text, StringComparison.Ordinal));
        return found[0].GetDouble();
    }

    /// <summary>The test's own statement of the idle rule (asciinema-player's time limiter), independent of the client.</summary>
    private static class IdleCompression
    {
        public static double Compress(List<JsonElement> cast, double realTime, double limit)
        {
            var previous = 0.0;
            var removed = 0.0;
            foreach (var e in cast.Where(e => e[1].GetString() != "i"))
            {
                var at = e[0].GetDouble();
                if (at > realTime)
                {
                    return realTime - removed - Math.Max(0, realTime - previous - limit);
                }

                removed += Math.Max(0, at - previous - limit);
                previous = at;
            }

            return realTime - removed;
        }

        public static double Duration(List<JsonElement> cast) => cast.Where(e => e[1].GetString() != "i").Max(e => e[0].GetDouble());
    }
}
