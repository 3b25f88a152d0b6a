using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bastion.Core.Audit;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bastion.Tests.Audit;

/// <summary>
/// A 200 MB recording in a real Chromium: the player reads it through the index with HTTP range requests (never the
/// whole file), shows its first frame and lands on the right moment after a seek to 90 %. The times are printed for
/// docs/PERFORMANCE.md, never asserted (the machine is shared).
/// </summary>
public sealed class LongRecordingBrowserTests(SshdFixture sshd, ITestOutputHelper output) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const long TargetBytes = 200L * 1024 * 1024;
    private const double Step = 0.01;

    /// <summary>Bound on what the browser may fetch of the recording for a first frame and one seek.</summary>
    private const long MaxFetchedBytes = 16L * 1024 * 1024;

    private BastionFixture _bastion = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_bastion, _browser) = await BrowserDeployment.StartAsync(() => BastionFixture.StartAsync(sshd.Server));

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _bastion);

    [Fact]
    public async Task A200MegabyteRecording_PlaysAndSeeks_ThroughRangeRequests()
    {
        // 1. A real session, then its recording grown to 200 MB with numbered output lines 10 ms apart.
        var hostId = await _bastion.AddHostAsync();
        string sessionId;
        await using (var terminal = await _bastion.OpenTerminalAsync(hostId, query: "flow=1&cols=80&rows=24"))
        {
            await terminal.SendInputAsync("echo first-$((6*7))\r");
            await terminal.WaitForOutputAsync("first-42\r\n");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        await _bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        var path = _bastion.Server.RecordingPath(await _bastion.Server.SessionAsync(sessionId));
        var (lines, start) = await GrowAsync(path);

        // 2. The index once (built lazily on first use; its build time is printed, not part of opening).
        var build = Stopwatch.StartNew();
        var (status, _) = await _bastion.Server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}/recording/index", _bastion.AdminToken).WithTimeout(TimeSpan.FromSeconds(120));
        Assert.Equal(200, status);
        output.WriteLine($"index of {new FileInfo(path).Length / 1048576.0:F0} MiB built in {build.ElapsedMilliseconds} ms");

        // 3. Every request for the recording is counted: ranged, and little of it in total.
        var page = _browser.Page;
        var recordingRequests = new List<(string? Range, long Bytes)>();
        page.RequestFinished += (_, request) =>
        {
            if (request.Url.Contains($"/api/sessions/{sessionId}/recording", StringComparison.Ordinal) && !request.Url.Contains("/index", StringComparison.Ordinal))
            {
                request.Headers.TryGetValue("range", out var range);
                lock (recordingRequests)
                {
                    recordingRequests.Add((range, RangeLength(range)));
                }
            }
        };

        await _browser.LoginAsync(_bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");
        var open = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(_bastion.Server.BaseUri, $"/#/sessions/{sessionId}").ToString()).WithTimeout();
        await page.WaitForFunctionAsync("() => window.bastionPlayer !== undefined && window.bastionPlayer.getDuration() !== undefined").WithTimeout();
        await page.EvaluateAsync("() => window.bastionPlayer.play()").WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelector('#player').innerText.includes('first-42')").WithTimeout();
        var firstFrame = open.ElapsedMilliseconds;

        // 4. Seek to 90 % of the appended part: the screen shows the lines numbered around there.
        await page.EvaluateAsync("() => window.bastionPlayer.pause()").WithTimeout();
        var target = (int)(lines * 0.9);
        var seekTo = start + (target * Step);
        var seek = Stopwatch.StartNew();
        await page.EvaluateAsync($"() => window.bastionPlayer.seek({seekTo.ToString(CultureInfo.InvariantCulture)})").WithTimeout();
        // Idle compression may shorten the real session's pauses by a few seconds: within 500 lines (5 s) is right.
        await page.WaitForFunctionAsync(
            "t => [...document.querySelector('#player').innerText.matchAll(/MARK-(\\d{8})/g)].some(m => Math.abs(Number(m[1]) - t) < 500)", target).WithTimeout();
        var seekMs = seek.ElapsedMilliseconds;
        output.WriteLine($"first frame {firstFrame} ms (page load + index + first segment); seek to 90 % {seekMs} ms");

        List<(string? Range, long Bytes)> seen;
        lock (recordingRequests)
        {
            seen = [.. recordingRequests];
        }

        output.WriteLine($"recording requests: {seen.Count}, bytes {seen.Sum(r => r.Bytes)}: {string.Join(", ", seen.Select(r => r.Range))}");
        Assert.NotEmpty(seen);
        Assert.All(seen, r => Assert.NotNull(r.Range));
        Assert.True(seen.Sum(r => r.Bytes) <= MaxFetchedBytes, $"fetched {seen.Sum(r => r.Bytes)} bytes of the recording");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    /// <summary>Appends numbered output lines, 10 ms apart, after the recording's last event, up to 200 MB.</summary>
    private static async Task<(int Lines, double Start)> GrowAsync(string path)
    {
        var last = File.ReadLines(path).Where(l => l.StartsWith('[')).Select(l => double.Parse(l[1..l.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture)).Max();
        var start = Math.Ceiling(last) + 1;
        var filler = new string('x', 60);
        await using var writer = new StreamWriter(path, append: true, new UTF8Encoding(false), 1 << 20);
        var lines = 0;
        var length = new FileInfo(path).Length;
        while (length < TargetBytes)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"[{start + (lines * Step):0.000000}, \"o\", \"MARK-{lines:D8} {filler}\\r\\n\"]\n");
            await writer.WriteAsync(line);
            length += line.Length;
            lines++;
        }

        return (lines, start);
    }

    private static long RangeLength(string? range)
    {
        // "bytes=FROM-TO" (inclusive); anything else counts as the whole file.
        if (range is null || !range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return TargetBytes;
        }

        var parts = range["bytes=".Length..].Split('-');
        return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var from) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var to)
            ? to - from + 1
            : TargetBytes;
    }
}
