using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Inventory;

/// <summary>The CSV import's report through the real API (issue 14): each rejected line's reason as a code with the
/// values it names (beside the English reason), and, for a client that asks for it, a stream of progress lines (lines
/// checked, then written, of the total) ending with the same report.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class HostImportReportTests(BastionFixture bastion)
{
    [Fact]
    public async Task CsvImport_RejectedLines_CarryACodeAndItsValues()
    {
        var prefix = BastionFixture.Unique("codes");
        var csv = "name,address,port,username,charset,hostKeyFingerprint\n"
            + $"{prefix}-ok,10.4.0.1,22,deploy,,\n"
            + $"{prefix}-addr,,22,deploy,,\n"
            + $"{prefix}-port,10.4.0.2,http,,,\n"
            + $"{prefix}-cs,10.4.0.3,22,deploy,klingon,\n"
            + $"{prefix}-ok,10.4.0.4,22,deploy,,\n"
            + $"{new string('n', 101)},10.4.0.5,22,deploy,,not-a-fingerprint\n";

        var (status, result) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/hosts/import/csv", bastion.AdminToken, new { text = csv });

        Assert.Equal(200, status);
        var lines = result.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("line").GetInt32());
        Assert.False(lines[2].TryGetProperty("problems", out _), "an added line has no problems");
        Assert.Equal([("invalid_address", """{"column":"address"}""")], Problems(lines[3]));
        Assert.Equal("address: a host name or IP address is required", lines[3].GetProperty("reason").GetString());
        Assert.Equal(
            [("invalid_port", """{"column":"port","min":"1","max":"65535","value":"http"}"""), ("invalid_username", """{"column":"username","max":"64"}""")],
            Problems(lines[4]));
        Assert.Equal([("unknown_charset", """{"column":"charset","value":"klingon"}""")], Problems(lines[5]));
        Assert.Equal([("name_repeated", $$"""{"name":"{{prefix}}-ok","line":"2"}""")], Problems(lines[6]));
        Assert.Equal(
            [("invalid_name", """{"column":"name","max":"100"}"""), ("invalid_fingerprint", """{"column":"hostKeyFingerprint"}""")],
            Problems(lines[7]));
        await DeleteAsync(prefix);
    }

    [Fact]
    public async Task CsvImport_AskedForTheStream_ReportsCheckedThenWrittenLines_ThenTheReport()
    {
        const int count = 12_000; // three chunks checked, twelve batches written
        var prefix = BastionFixture.Unique("stream");
        var csv = new StringBuilder("name,address,username\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i},10.5.{i / 256 % 256}.{i % 256},{(i == 7 ? "" : "deploy")}\n");
        }

        using var request = BastionServer.Request(HttpMethod.Post, "/api/hosts/import/csv", bastion.AdminToken, new { text = csv.ToString() });
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await bastion.Server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WithTimeout(TimeSpan.FromMinutes(2));
        var messages = new List<JsonElement>();
        await using (var body = await response.Content.ReadAsStreamAsync().WithTimeout())
        {
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync().WithTimeout(TimeSpan.FromMinutes(2)) is { } line)
            {
                messages.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        try
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
            var progress = messages[..^1].Select(m => m.GetProperty("progress"))
                .Select(p => (p.GetProperty("phase").GetString(), p.GetProperty("done").GetInt32(), p.GetProperty("total").GetInt32())).ToList();
            Assert.Equal(
                [("checking", 0, count), ("checking", 5000, count), ("checking", 10_000, count), ("checking", count, count),
                 .. Enumerable.Range(1, 12).Select(b => ("writing", b * 1000, count))],
                progress);
            var report = messages[^1].GetProperty("report");
            Assert.Equal((count - 1, 1), (report.GetProperty("added").GetInt32(), report.GetProperty("rejected").GetInt32()));
            Assert.Equal(count, report.GetProperty("lines").GetArrayLength());
            Assert.Equal("invalid_username", report.GetProperty("lines")[7].GetProperty("problems")[0].GetProperty("code").GetString());
        }
        finally
        {
            await DeleteAsync(prefix);
        }
    }

    [Fact]
    public async Task CsvImport_AskedForTheStream_StillRefusesABadFileWithAProblem()
    {
        using var request = BastionServer.Request(HttpMethod.Post, "/api/hosts/import/csv", bastion.AdminToken, new { text = "host,ip\na,b\n" });
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await bastion.Server.Http.SendAsync(request).WithTimeout();

        Assert.Equal(400, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());
        Assert.Contains("header", problem.RootElement.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesBothReplies_TheReportAndTheStream()
    {
        using var response = await bastion.Server.Http.GetAsync("/openapi/v1.json").WithTimeout();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());

        var content = document.RootElement.GetProperty("paths").GetProperty("/api/hosts/import/csv").GetProperty("post")
            .GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("application/x-ndjson", out var stream), content.GetRawText());
        Assert.True(content.TryGetProperty("application/json", out var json), content.GetRawText());
        Assert.EndsWith("/CsvResult", json.GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        var line = stream.GetProperty("schema");
        Assert.True(line.TryGetProperty("properties", out var properties) && properties.TryGetProperty("progress", out _) && properties.TryGetProperty("report", out _), line.GetRawText());
    }

    private static List<(string?, string)> Problems(JsonElement line) =>
        [.. line.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("code").GetString(), p.GetProperty("args").GetRawText()))];

    private async Task DeleteAsync(string prefix)
    {
        await using var scope = bastion.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        await db.Hosts.Where(h => h.Name.StartsWith(prefix + "-")).ExecuteDeleteAsync().WithTimeout(TimeSpan.FromMinutes(1));
    }
}
