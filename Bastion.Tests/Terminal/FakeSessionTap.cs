using System.Text;
using Bastion.Core.Terminal;

namespace Bastion.Tests.Terminal;

/// <summary>A hand-written tap: records what it saw, and refuses output once <see cref="Refuse"/> is set (a recorder
/// that fell behind under the <c>EndSession</c> policy).</summary>
internal sealed class FakeSessionTap : ISessionTap
{
    private readonly StringBuilder _seen = new();

    public bool Refuse { get; set; }

    public string Output
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToString();
            }
        }
    }

    public bool OnOutput(ReadOnlySpan<char> text)
    {
        if (Refuse)
        {
            return false;
        }

        lock (_seen)
        {
            _seen.Append(text);
        }

        return true;
    }

    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void OnInput(ReadOnlySpan<char> text)
    {
    }

    public void OnResize(int cols, int rows)
    {
    }
}
