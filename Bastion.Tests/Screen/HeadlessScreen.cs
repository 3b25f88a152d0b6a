using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Screen;

/// <summary>
/// Renders terminal output in headless xterm.js (Bastion.Tests/ScreenHarness, the client's xterm version and Unicode
/// widths) and returns a canonical text description of each resulting screen, so a test can assert that the screen
/// rebuilt from a snapshot equals the screen of a client that saw the whole stream. One node process renders a batch.
/// </summary>
internal static class HeadlessScreen
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string HarnessDirectory { get; } = Path.Combine(RepoPaths.Root, "Bastion.Tests", "ScreenHarness");

    /// <summary>One description per stream, in order; each stream is written to its own fresh terminal.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(
        int columns, int rows, IReadOnlyList<string> streams, CancellationToken cancellationToken = default) =>
        (await RunAsync(columns, rows, streams, serialize: false, cancellationToken)).Screens;

    /// <summary>Also returns @xterm/addon-serialize's rendering of each screen (an independent serialiser).</summary>
    public static Task<HeadlessResult> RenderWithSerializedAsync(
        int columns, int rows, IReadOnlyList<string> streams, CancellationToken cancellationToken = default) =>
        RunAsync(columns, rows, streams, serialize: true, cancellationToken);

    /// <summary>Fails with the first differing lines when the two streams give different screens.</summary>
    public static async Task AssertSameScreenAsync(int columns, int rows, string expected, string actual, string because)
    {
        var screens = await RenderAsync(columns, rows, [expected, actual]);
        AssertSame(screens[0], screens[1], because);
    }

    public static void AssertSame(string expected, string actual, string because)
    {
        if (expected == actual)
        {
            return;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var report = new StringBuilder($"Screens differ ({because}):\n");
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length) && shown < 12; i++)
        {
            var el = i < e.Length ? e[i] : "<none>";
            var al = i < a.Length ? a[i] : "<none>";
            if (el != al)
            {
                report.Append("  expected: ").Append(el).Append('\n').Append("  actual:   ").Append(al).Append('\n');
                shown++;
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>
    /// The request as JSON, written by hand: every non-ASCII code unit as \uXXXX, so a lone surrogate (a cut inside a
    /// pair) reaches JavaScript as it is, where System.Text.Json would replace it.
    /// </summary>
    private static string Request(int columns, int rows, IReadOnlyList<string> streams, bool serialize)
    {
        var json = new StringBuilder();
        json.Append("{\"cols\":").Append(columns).Append(",\"rows\":").Append(rows)
            .Append(",\"serialize\":").Append(serialize ? "true" : "false").Append(",\"streams\":[");
        for (var i = 0; i < streams.Count; i++)
        {
            json.Append(i == 0 ? "\"" : ",\"");
            foreach (var c in streams[i])
            {
                if (c is >= ' ' and < '\u007f' and not '"' and not '\\')
                {
                    json.Append(c);
                }
                else
                {
                    json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            json.Append('"');
        }

        return json.Append("]}").ToString();
    }

    private static async Task<HeadlessResult> RunAsync(
        int columns, int rows, IReadOnlyList<string> streams, bool serialize, CancellationToken cancellationToken)
    {
        var script = Path.Combine(HarnessDirectory, "compare.mjs");
        if (!Directory.Exists(Path.Combine(HarnessDirectory, "node_modules", "@xterm", "headless")))
        {
            throw new InvalidOperationException(
                $"The screen harness is not installed. Fix: (cd {HarnessDirectory} && npm ci) — test.sh does this.");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = HarnessDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(script);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start node");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            var input = Request(columns, rows, streams, serialize);
            await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"compare.mjs exited with {process.ExitCode}: {await stderr}");
            }

            using var json = JsonDocument.Parse(output);
            var screens = json.RootElement.GetProperty("screens").EnumerateArray().Select(s => s.GetString()!).ToList();
            var serialized = json.RootElement.GetProperty("serialized").EnumerateArray()
                .Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : null).ToList();
            return new HeadlessResult(screens, serialized);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"compare.mjs did not finish within {Timeout}.");
        }
    }
}
