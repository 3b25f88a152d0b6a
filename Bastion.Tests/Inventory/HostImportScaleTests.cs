using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Bastion.Core.Storage;
using Bastion.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bastion.Tests.Inventory;

/// <summary>A 100,000-line CSV import through the real API completes (no duration asserted: the round-trip count is
/// bounded in <see cref="HostImporterTests"/>); the hosts are removed afterwards so other tests keep a small inventory.
/// The wall and CPU time it took are written to the test output (docs/INVENTORY.md quotes them), never asserted.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class HostImportScaleTests(BastionFixture bastion, ITestOutputHelper output)
{
    [Fact]
    public async Task CsvImport_Of100000Lines_AddsThemAll()
    {
        var prefix = BastionFixture.Unique("bulk");
        var csv = new StringBuilder("name,address,port,username,groups,labels\n");
        for (var i = 0; i < 100_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{i},10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256},22,deploy,web;eu,env=prod\n");
        }

        // The fixture's client gives up after the default timeout; a loaded machine may need longer for 6 MB.
        using var http = new HttpClient { BaseAddress = bastion.Server.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime; // the server runs in this process
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(BastionServer.Request(HttpMethod.Post, "/api/hosts/import/csv", bastion.AdminToken, new { text = csv.ToString() }))
                .WithTimeout(TimeSpan.FromMinutes(5));
            using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout(TimeSpan.FromMinutes(1)));

            // CPU time says more than wall time on a shared, loaded machine (it counts every thread of the process).
            output.WriteLine($"100,000-line CSV import: {clock.Elapsed.TotalSeconds:F1} s from request to parsed reply, "
                + $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s of CPU");
            Assert.True(response.IsSuccessStatusCode, $"import answered {(int)response.StatusCode}");
            Assert.Equal((100_000, 0), (result.RootElement.GetProperty("added").GetInt32(), result.RootElement.GetProperty("rejected").GetInt32()));
            Assert.Equal(100_000, result.RootElement.GetProperty("lines").GetArrayLength());
        }
        finally
        {
            await using var scope = bastion.Server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
            await db.Hosts.Where(h => h.Name.StartsWith(prefix + "-")).ExecuteDeleteAsync().WithTimeout(TimeSpan.FromMinutes(2));
        }
    }
}
