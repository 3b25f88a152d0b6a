using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Inventory;

/// <summary>
/// A streamed CSV import that fails after its stream began (issue 14): the status line is sent, so the failure is the
/// stream's last line, <c>{"type":"error","code":"import_failed",...}</c>, after the progress lines and instead of
/// the report; nothing is imported (one transaction) and the server keeps answering. The failure is real: the
/// deployment's own database gets a unique index on the hosts' address, which the CSV's line checks know nothing
/// of, and the second batch repeats an address of the first, so the database refuses the second batch's write.
/// </summary>
public sealed class HostImportFailureTests
{
    private const int Lines = 1500; // two batches of HostImporter.BatchSize (1000): the second one fails

    [Fact]
    public async Task AnImportTheDatabaseRefusesMidStream_EndsTheStreamWithACodedErrorLine_AndImportsNothing()
    {
        await using var bastion = await BastionFixture.StartAsync(null);
        await using (var scope = bastion.Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
            await db.Database.ExecuteSqlRawAsync("""CREATE UNIQUE INDEX "IX_Test_HostAddress" ON "Hosts" ("Address")""").WithTimeout();
        }

        var prefix = BastionFixture.Unique("late");
        var csv = new StringBuilder("name,address,username\n");
        for (var i = 0; i < Lines; i++)
        {
            var address = i == 1200 ? "10.9.0.0" : $"10.9.{i / 256}.{i % 256}"; // line 1202 repeats line 2's address
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i},{address},deploy\n");
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

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(
            [("progress", "checking", 0), ("progress", "checking", Lines), ("progress", "writing", 1000)],
            messages[..^1].Select(m => (m.GetProperty("type").GetString(), m.GetProperty("progress").GetProperty("phase").GetString(), m.GetProperty("progress").GetProperty("done").GetInt32())));
        var last = messages[^1];
        Assert.Equal("error", last.GetProperty("type").GetString());
        Assert.Equal(ReplyCodes.ImportFailed, last.GetProperty("code").GetString());
        Assert.Equal(ReplyMessages.ImportFailed.Text, last.GetProperty("error").GetString());
        Assert.False(last.TryGetProperty("report", out _), last.GetRawText());

        var (status, hosts) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/hosts?all=1", bastion.AdminToken);
        Assert.Equal(200, status);
        Assert.DoesNotContain(hosts.EnumerateArray(), h => h.GetProperty("name").GetString()!.StartsWith(prefix, StringComparison.Ordinal));
    }
}
