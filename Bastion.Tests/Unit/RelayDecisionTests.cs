using Bastion.Core.Terminal;

namespace Bastion.Tests.Unit;

/// <summary>The whole table of <see cref="TerminalRelay.Decide"/>: what each pump said (null: still running), whether
/// the shell reported a failure, whether the session was stopped from outside, and whether the SSH socket's silence
/// bound fired.</summary>
public sealed class RelayDecisionTests
{
    // The enums are internal, so rows carry their names (a public test method cannot take internal types).
    public static TheoryData<string, string, string?, bool, bool, string> Table()
    {
        var data = new TheoryData<string, string, string?, bool, bool, string>();
        OutputEnd?[] outputs = [null, .. Enum.GetValues<OutputEnd>()];
        InputEnd?[] inputs = [null, .. Enum.GetValues<InputEnd>()];
        foreach (var output in outputs)
        {
            foreach (var input in inputs)
            {
                foreach (var failure in new[] { null, "link down" })
                {
                    foreach (var unresponsive in new[] { false, true })
                    {
                        data.Add(Name(output), Name(input), failure, true, unresponsive, nameof(RelayOutcome.Cancelled));
                        data.Add(Name(output), Name(input), failure, false, unresponsive, Expected(output, input, failure, unresponsive).ToString());
                    }
                }
            }
        }

        return data;
    }

    private static string Name(object? value) => value?.ToString() ?? "running";

    private static T? Parse<T>(string name) where T : struct, Enum => name == "running" ? null : Enum.Parse<T>(name);

    // Written as a table of rows, not as the code's if-chain, so that a changed rule shows up as a changed row.
    private static RelayOutcome Expected(OutputEnd? output, InputEnd? input, string? failure, bool unresponsive) => (output, input) switch
    {
        (OutputEnd.TapRefused, _) => RelayOutcome.RecorderFailed,
        (OutputEnd.ClientTooSlow, _) => RelayOutcome.ClientTooSlow,
        (OutputEnd.HostClosed, _) when failure is null => RelayOutcome.HostClosed,
        (OutputEnd.HostClosed or OutputEnd.Faulted, _) when unresponsive => RelayOutcome.HostUnresponsive,
        (OutputEnd.HostClosed, _) => RelayOutcome.HostFailed,
        (OutputEnd.Faulted, _) => RelayOutcome.HostFailed,
        (_, InputEnd.ClientClosed or InputEnd.ClientWentAway or InputEnd.EndRequested) => RelayOutcome.ClientClosed,
        (_, InputEnd.MessageTooBig) => RelayOutcome.ClientMessageTooBig,
        _ => RelayOutcome.ClientLost,
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_FollowsTheTable(string output, string input, string? failure, bool stopped, bool unresponsive, string expected)
    {
        Assert.Equal(expected, TerminalRelay.Decide(Parse<OutputEnd>(output), Parse<InputEnd>(input), failure, stopped, unresponsive).Outcome.ToString());
    }

    [Fact]
    public void HostFailure_CarriesTheShellsReason()
    {
        Assert.Equal("link down", TerminalRelay.Decide(OutputEnd.HostClosed, null, "link down", false).Detail);
        Assert.Equal("output relay failed", TerminalRelay.Decide(OutputEnd.Faulted, null, null, false).Detail);
    }
}
