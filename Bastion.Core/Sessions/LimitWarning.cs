using System.Buffers;
using System.Text.Json;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>
/// A limit is about to end the session (issue 9): <c>{"flag":"warning","code":"idle_timeout_soon","message":"...",
/// "seconds":60}</c> for every attached socket (docs/PROTOCOL.md), and <see cref="TerminalLine"/> written into the
/// controlling terminal unless its client said it shows notices itself (<c>{"flag":"notices"}</c>, issue 14: Bastion's
/// page words the frame in its status bar). Neither is host output: not recorded, not in the screen model.
/// </summary>
internal sealed record LimitWarning(string Code, string Message, int Seconds)
{
    public static LimitWarning IdleSoon(TimeSpan left)
    {
        var seconds = WholeSeconds(left);
        return new(ErrorCodes.IdleTimeoutSoon, $"nobody has typed for a while: this session ends in {seconds} s unless someone types", seconds);
    }

    public static LimitWarning MaxDurationSoon(TimeSpan left)
    {
        var seconds = WholeSeconds(left);
        return new(ErrorCodes.MaxDurationSoon, $"this session reaches its maximum duration and ends in {seconds} s", seconds);
    }

    /// <summary>On a line of its own, in yellow, then back to the default colour.</summary>
    public string TerminalLine => "\r\n\u001b[33m[bastion] " + Message + "\u001b[0m\r\n";

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(192);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("flag"u8, "warning"u8);
            writer.WriteString("code"u8, Code);
            writer.WriteString("message"u8, Message);
            writer.WriteNumber("seconds"u8, Seconds);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static int WholeSeconds(TimeSpan left) => (int)Math.Max(1, Math.Round(left.TotalSeconds));
}
