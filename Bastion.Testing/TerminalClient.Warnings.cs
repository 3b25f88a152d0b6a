using System.Text.Json;

namespace Bastion.Testing;

public sealed partial class TerminalClient
{
    private readonly List<JsonElement> _warnings = [];

    /// <summary><c>{"flag":"warning",...}</c> messages (a limit is about to end the session), in order.</summary>
    public IReadOnlyList<JsonElement> Warnings
    {
        get
        {
            lock (_output)
            {
                return [.. _warnings];
            }
        }
    }

    public Task WaitForWarningAsync(string code, TimeSpan? timeout = null) =>
        WaitForAsync(c => c.Warnings.Any(w => w.GetProperty("code").GetString() == code), $"a '{code}' warning", timeout);

    private void OnWarning(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        lock (_output)
        {
            _warnings.Add(doc.RootElement.Clone());
        }
    }
}
