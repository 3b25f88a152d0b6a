using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Bastion.Web.AuditApi;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Bastion.Web.Terminal;
using Microsoft.Extensions.Options;

namespace Bastion.Tests.Unit;

/// <summary>Each validator passes the defaults and refuses a bad value with a message naming the setting and its range.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        AssertValid(new TerminalOptionsValidator().Validate(null, new TerminalOptions()));
        AssertValid(new SshOptionsValidator().Validate(null, new SshOptions()));
        AssertValid(new AuthOptionsValidator().Validate(null, new AuthOptions()));
        AssertValid(new AuditOptionsValidator().Validate(null, new AuditOptions()));
        AssertValid(new RecordingOptionsValidator().Validate(null, new RecordingOptions()));
        AssertValid(new BastionOptionsValidator().Validate(null, new BastionOptions { DataDir = "/data" }));
    }

    [Theory]
    [InlineData(nameof(TerminalOptions.ServerBufferBytes), "Terminal:ServerBufferBytes is 4095; it must be at least 4096.")]
    [InlineData(nameof(TerminalOptions.MaxBatchBytes), "Terminal:MaxBatchBytes is 1023; it must be at least 1024.")]
    [InlineData(nameof(TerminalOptions.FlowHighWater), "Terminal:FlowHighWater is 4095; it must be at least 4096.")]
    [InlineData(nameof(TerminalOptions.FlowLowWater), "Terminal:FlowLowWater is 131072; it must be at least 0 and less than Terminal:FlowHighWater (131072).")]
    [InlineData(nameof(TerminalOptions.SshChannelWindowBytes), "Terminal:SshChannelWindowBytes is 32767; it must be at least 32768.")]
    [InlineData(nameof(TerminalOptions.ClientSendTimeout), "Terminal:ClientSendTimeout is 00:00:00; it must be more than 00:00:00.")]
    [InlineData(nameof(TerminalOptions.CloseTimeout), "Terminal:CloseTimeout is 00:00:00; it must be more than 00:00:00.")]
    public void Terminal_RefusesOutOfRange(string setting, string message)
    {
        var options = new TerminalOptions();
        switch (setting)
        {
            case nameof(TerminalOptions.ServerBufferBytes): options.ServerBufferBytes = 4095; break;
            case nameof(TerminalOptions.MaxBatchBytes): options.MaxBatchBytes = 1023; break;
            case nameof(TerminalOptions.FlowHighWater): options.FlowHighWater = 4095; options.FlowLowWater = 0; break;
            case nameof(TerminalOptions.FlowLowWater): options.FlowLowWater = options.FlowHighWater; break;
            case nameof(TerminalOptions.SshChannelWindowBytes): options.SshChannelWindowBytes = 32767; break;
            case nameof(TerminalOptions.ClientSendTimeout): options.ClientSendTimeout = TimeSpan.Zero; break;
            case nameof(TerminalOptions.CloseTimeout): options.CloseTimeout = TimeSpan.Zero; break;
        }

        AssertRefused(new TerminalOptionsValidator().Validate(null, options), message);
    }

    [Fact]
    public void Terminal_NegativeLowWater_IsRefused() =>
        AssertRefused(new TerminalOptionsValidator().Validate(null, new TerminalOptions { FlowLowWater = -1 }), "Terminal:FlowLowWater is -1;");

    [Fact]
    public void Ssh_RefusesNonPositiveConnectTimeout_AndNegativeKeepAlive_ButAllowsKeepAliveOff()
    {
        var validator = new SshOptionsValidator();
        AssertRefused(validator.Validate(null, new SshOptions { ConnectTimeout = TimeSpan.Zero }), "Ssh:ConnectTimeout is 00:00:00; it must be more than 00:00:00.");
        AssertRefused(validator.Validate(null, new SshOptions { KeepAliveInterval = TimeSpan.FromSeconds(-5) }), "Ssh:KeepAliveInterval is -00:00:05; it must be 00:00:00 or more");
        AssertValid(validator.Validate(null, new SshOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan }));
        AssertValid(validator.Validate(null, new SshOptions { Ciphers = ["not-a-cipher"] }));
    }

    [Fact]
    public void Auth_RefusesShortOrMalformedKey_WithoutEchoingIt()
    {
        var validator = new AuthOptionsValidator();
        var shortKey = Convert.ToBase64String(new byte[31]);
        var result = validator.Validate(null, new AuthOptions { SigningKey = shortKey });
        AssertRefused(result, "Auth:SigningKey must be base64 of at least 32 bytes");
        Assert.DoesNotContain(shortKey, result.FailureMessage, StringComparison.Ordinal);
        AssertRefused(validator.Validate(null, new AuthOptions { SigningKey = "not base64!" }), "Auth:SigningKey must be base64");
        AssertValid(validator.Validate(null, new AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]) }));
    }

    [Fact]
    public void Auth_RefusesLifetimeAndRateOutOfRange()
    {
        var validator = new AuthOptionsValidator();
        AssertRefused(validator.Validate(null, new AuthOptions { TokenLifetime = TimeSpan.Zero }), "Auth:TokenLifetime is 00:00:00; it must be more than 00:00:00 and at most 365.00:00:00.");
        AssertRefused(validator.Validate(null, new AuthOptions { TokenLifetime = TimeSpan.FromDays(366) }), "Auth:TokenLifetime is 366.00:00:00;");
        AssertRefused(validator.Validate(null, new AuthOptions { LoginAttemptsPerMinute = 0 }), "Auth:LoginAttemptsPerMinute is 0; it must be at least 1.");
    }

    [Fact]
    public void Audit_RefusesNegativeRetention_AndIntervalOutOfRange()
    {
        var validator = new AuditOptionsValidator();
        AssertRefused(validator.Validate(null, new AuditOptions { RetentionDays = -1 }), "Audit:RetentionDays is -1; it must be 0 (keep everything) or more.");
        AssertRefused(validator.Validate(null, new AuditOptions { RetentionInterval = TimeSpan.Zero }), "Audit:RetentionInterval is 00:00:00; it must be more than 00:00:00 and at most 49.00:00:00.");
        AssertRefused(validator.Validate(null, new AuditOptions { RetentionInterval = TimeSpan.FromDays(50) }), "Audit:RetentionInterval is 50.00:00:00;");
    }

    [Fact]
    public void Recording_RefusesNonPositiveLimits_AndUnknownPolicy()
    {
        var validator = new RecordingOptionsValidator();
        AssertRefused(validator.Validate(null, new RecordingOptions { QueueLimitChars = 0 }), "Recording:QueueLimitChars is 0; it must be at least 1.");
        AssertRefused(validator.Validate(null, new RecordingOptions { MaxBytes = 0 }), "Recording:MaxBytes is 0; it must be at least 1.");
        AssertRefused(validator.Validate(null, new RecordingOptions { FlushInterval = TimeSpan.Zero }), "Recording:FlushInterval is 00:00:00; it must be more than 00:00:00.");
        AssertRefused(validator.Validate(null, new RecordingOptions { WhenBehind = (RecorderLagPolicy)99 }), "Recording:WhenBehind is 99; it must be one of Wait, ");
        AssertValid(validator.Validate(null, new RecordingOptions { QueueLimitChars = 1, MaxBytes = 1 }));
    }

    [Theory]
    [InlineData("00:00:00", true)]
    [InlineData("00:05:00", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("-00:00:01", false)]
    [InlineData("1.00:00:01", false)]
    public void Terminal_DetachedGrace_IsZeroToOneDay(string grace, bool valid)
    {
        var result = new TerminalOptionsValidator().Validate(null, new TerminalOptions { DetachedGrace = TimeSpan.Parse(grace, System.Globalization.CultureInfo.InvariantCulture) });
        if (valid)
        {
            AssertValid(result);
        }
        else
        {
            AssertRefused(result, "Terminal:DetachedGrace is ");
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(3600, true)]
    [InlineData(-1, false)]
    [InlineData(3601, false)]
    public void Ssh_UnresponsiveTimeout_IsOffOrOneSecondToOneHour(int seconds, bool valid)
    {
        var result = new SshOptionsValidator().Validate(null, new SshOptions { UnresponsiveTimeout = TimeSpan.FromSeconds(seconds) });
        if (valid)
        {
            AssertValid(result);
        }
        else
        {
            AssertRefused(result, "Ssh:UnresponsiveTimeout is ");
        }
    }

    [Theory]
    [InlineData("https://bastion.example.com", true)]
    [InlineData("http://127.0.0.1:5080/", true)]
    [InlineData("bastion.example.com", false)]
    [InlineData("https://bastion.example.com/app", false)]
    [InlineData("ftp://bastion.example.com", false)]
    public void Bastion_AllowedOrigins_MustBeOrigins(string origin, bool valid)
    {
        var result = new BastionOptionsValidator().Validate(null, new BastionOptions { DataDir = "/data", AllowedOrigins = ["https://ok.example.com", origin] });
        if (valid)
        {
            AssertValid(result);
        }
        else
        {
            AssertRefused(result, $"Bastion:AllowedOrigins:1 is '{origin}'; it must be an http or https origin");
        }
    }

    private static void AssertValid(ValidateOptionsResult result) => Assert.True(result.Succeeded, result.FailureMessage);

    private static void AssertRefused(ValidateOptionsResult result, string message)
    {
        Assert.True(result.Failed, "expected a refusal containing: " + message);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }
}
