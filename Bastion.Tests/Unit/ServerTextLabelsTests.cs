using System.Net.WebSockets;
using System.Reflection;
using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Bastion.Core.Recording;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Bastion.Core.Transfer;
using Bastion.Core.Validation;
using Bastion.Web.Auth;

namespace Bastion.Tests.Unit;

/// <summary>
/// Everything machine-readable the server sends a browser has words in both client languages (issue 14): error codes
/// (terminal messages and the connection test), the connection test's detail codes, WebSocket close codes, session and login end reasons, and the
/// <c>code</c>/<c>type</c> of problem replies (transfer codes and every <see cref="ReplyCodes"/> code: sign-in, not-found and conflict, request refusals, status replies, kept copies' reasons), the codes of form field messages. The lists are read from the server's own constants by reflection, so a
/// new code without its labels fails here instead of showing up raw in one language.
/// </summary>
public sealed class ServerTextLabelsTests
{
    public static TheoryData<string> Tables => ["strings-en.ts", "strings-zh-CN.ts"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryErrorCode_HasALabel(string table) => AssertLabels(table, "error_", StringConstants(typeof(ErrorCodes)));

    /// <summary>A limit warning (<c>idle_timeout_soon</c>) is worded with its seconds in the terminal's status bar.</summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryLimitWarning_HasALabel(string table) =>
        AssertLabels(table, "warning_", StringConstants(typeof(ErrorCodes)).Where(code => code.EndsWith("_soon", StringComparison.Ordinal)));

    /// <summary>Where a pending host key came from (the Pending keys tab's Source column).</summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryPendingKeySource_HasALabel(string table) => AssertLabels(table, "keySource_", StringConstants(typeof(PendingHostKeys)));

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryConnectionFailureDetail_HasALabel(string table) => AssertLabels(table, "detail_", StringConstants(typeof(FailureDetailCodes)));

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryCloseCode_HasALabel(string table) =>
        AssertLabels(table, "close_", typeof(CloseCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(WebSocketCloseStatus))
            .Select(f => ((int)(WebSocketCloseStatus)f.GetRawConstantValue()!).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryEndReason_HasALabel(string table) => AssertLabels(table, "reason_", EndReasons());

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryProblemCode_HasALabel(string table) =>
        AssertLabels(table, "problem_", [.. StringConstants(typeof(TransferCodes)), .. StringConstants(typeof(ReplyCodes)), StepUpEndpoints.StepUpRequired]);

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryFormFieldCode_HasALabel(string table) => AssertLabels(table, "field_", StringConstants(typeof(FieldCodes)));

    [Fact]
    public void TheReasonList_FindsTheKnownEndings()
    {
        var reasons = EndReasons();

        Assert.Contains("host_closed", reasons);
        Assert.Contains("idle_timeout", reasons);
        Assert.Contains("access_revoked", reasons);
        Assert.Contains("crash", reasons);
        Assert.Contains("password_changed", reasons);
    }

    /// <summary>The reasons a session or a login ends with: every <see cref="RelayOutcome"/>, every
    /// <see cref="SessionEnding"/> kept in a static field anywhere in Core, the recovery's reasons, and the logins'.</summary>
    private static List<string> EndReasons()
    {
        var core = typeof(SessionEnding).Assembly;
        var endings = core.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(SessionEnding) && !f.DeclaringType!.ContainsGenericParameters)
            .Select(f => ((SessionEnding)f.GetValue(null)!).Reason);
        var recovery = typeof(SessionRecovery).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Reason", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);
        return [.. Enum.GetValues<RelayOutcome>().Select(SessionEnding.ReasonName)
            .Concat(endings).Concat(recovery).Concat(StringConstants(typeof(LoginEndReasons)))
            .Append(SessionEnding.Killed("someone").Reason)
            .Distinct()];
    }

    private static IEnumerable<string> StringConstants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static void AssertLabels(string table, string prefix, IEnumerable<string> values)
    {
        var list = values.ToList();
        Assert.NotEmpty(list);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "client", "src", table));
        var missing = list.Where(value => !text.Contains($"  {prefix}{value}: ", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{table} has no {prefix} label for: {string.Join(", ", missing)}");
    }
}
