using Bastion.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bastion.Tests.Web;

/// <summary>A bad setting stops start-up, and the error names the setting and what it may be.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Terminal:FlowLowWater", "200000", "Terminal:FlowLowWater is 200000; it must be at least 0 and less than Terminal:FlowHighWater (131072).")]
    [InlineData("Ssh:ConnectTimeout", "00:00:00", "Ssh:ConnectTimeout is 00:00:00; it must be more than 00:00:00.")]
    [InlineData("Audit:RetentionInterval", "-00:01:00", "Audit:RetentionInterval is -00:01:00; it must be more than 00:00:00")]
    [InlineData("Metrics:ScrapeToken", "short", "Metrics:ScrapeToken is too short; it must be at least 32 characters")]
    public async Task BadSetting_StopsStartUp_NamingTheSettingAndRange(string setting, string value, string message)
    {
        var dataDir = Directory.CreateTempSubdirectory("bastion-test-").FullName;
        try
        {
            var error = await StartupErrorAsync(new Dictionary<string, string> { [setting] = value }, dataDir).WithTimeout();
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<OptionsValidationException> StartupErrorAsync(Dictionary<string, string> settings, string dataDir)
    {
        try
        {
            await using var server = await BastionServer.StartAsync(settings, dataDir);
            server.KeepDataDir = true;
        }
        catch (OptionsValidationException error)
        {
            return error;
        }

        throw new Xunit.Sdk.XunitException("the server started despite the bad setting");
    }
}
