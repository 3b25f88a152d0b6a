using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Observability;

/// <summary>The Prometheus endpoint: refused to anyone without the scrape token or an admin login (with a
/// ProblemDetails body), and, for those, it shows what a session did (opened, ended by reason, bytes each way), the
/// logins and the runtime's own metrics.</summary>
public sealed partial class MetricsEndpointTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const string ScrapeToken = "scrape-token-for-tests-0123456789abcdef";
    private BastionFixture _bastion = null!;

    public async Task InitializeAsync() =>
        _bastion = await BastionFixture.StartAsync(sshd.Server, new Dictionary<string, string> { ["Metrics:ScrapeToken"] = ScrapeToken });

    public async Task DisposeAsync() => await _bastion.DisposeAsync();

    [Fact]
    public async Task Anonymous_AWrongToken_AndAnOperator_AreRefused_WithProblemDetails()
    {
        var (_, _, operatorToken) = await _bastion.AddUserAsync(["operator"], name: BastionFixture.Unique("metrics-op"));
        foreach (var bearer in new string?[] { null, "not-the-scrape-token-0123456789abcdef", operatorToken })
        {
            using var response = await ScrapeAsync(bearer);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Metrics:ScrapeToken", await response.Content.ReadAsStringAsync().WithTimeout(), StringComparison.Ordinal);
            Assert.DoesNotContain("bastion_", await response.Content.ReadAsStringAsync().WithTimeout(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithTheScrapeToken_ASessionsOpeningBytesAndEnding_AreCounted()
    {
        var before = await ScrapeTextAsync(ScrapeToken);
        var hostId = await _bastion.AddHostAsync(BastionFixture.Unique("metrics-host"));
        await using (var terminal = await _bastion.OpenTerminalAsync(hostId))
        {
            await terminal.SendInputAsync("echo metrics-$((6*7))\r");
            await terminal.WaitForOutputAsync("metrics-42");
            await terminal.SendJsonAsync(new { flag = "end" });
            await terminal.WaitForCloseAsync();
        }

        // The exporter caches a scrape briefly, and session.ended is appended just after the socket closes: poll.
        string after = "";
        await Poll.UntilAsync(async () =>
        {
            after = await ScrapeTextAsync(ScrapeToken);
            return Value(after, "bastion_sessions_ended_total", "reason=\"ended_by_user\"") > Value(before, "bastion_sessions_ended_total", "reason=\"ended_by_user\"");
        }, "session.ended to be counted with reason ended_by_user");

        Assert.True(Value(after, "bastion_sessions_opened_total") > Value(before, "bastion_sessions_opened_total"), after);
        Assert.True(Value(after, "bastion_relay_bytes_total", "direction=\"out\"") > Value(before, "bastion_relay_bytes_total", "direction=\"out\""), after);
        Assert.True(Value(after, "bastion_relay_bytes_total", "direction=\"in\"") > Value(before, "bastion_relay_bytes_total", "direction=\"in\""), after);
        Assert.True(Value(after, "bastion_recorder_bytes_total") > Value(before, "bastion_recorder_bytes_total"), after);
        Assert.True(Value(after, "bastion_ssh_handshake_duration_seconds_count", "outcome=\"ok\"") > Value(before, "bastion_ssh_handshake_duration_seconds_count", "outcome=\"ok\""), after);
        Assert.True(Value(after, "bastion_logins_total", "outcome=\"succeeded\"") >= 1, after);
        Assert.True(Value(after, "bastion_audit_append_duration_seconds_count") > Value(before, "bastion_audit_append_duration_seconds_count"), after);
        Assert.Contains("dotnet_gc_", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorsLogin_MayReadTheMetrics()
    {
        var text = await ScrapeTextAsync(_bastion.AdminToken);
        Assert.Contains("bastion_", text, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> ScrapeAsync(string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await _bastion.Server.Http.SendAsync(request).WithTimeout();
    }

    private async Task<string> ScrapeTextAsync(string bearer)
    {
        using var response = await ScrapeAsync(bearer);
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>The sum over every series of <paramref name="name"/> whose labels contain <paramref name="label"/>
    /// (0 when there is none): Prometheus text format, <c>name{labels} value</c>.</summary>
    private static double Value(string text, string name, string? label = null)
    {
        double sum = 0;
        foreach (Match m in SeriesLine().Matches(text))
        {
            if (m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                sum += double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)(?: \d+)?$", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}
