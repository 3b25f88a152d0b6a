using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>The session's tap (the recorder) with one more listener: input resets the idle clock (issue 9). Every
/// keystroke from any attachment that may type passes <see cref="OnInput"/>; output and resizes are not activity.</summary>
internal sealed class ActivityTap(ISessionTap? inner, Action onInput) : ISessionTap
{
    public bool OnOutput(ReadOnlySpan<char> text) => inner?.OnOutput(text) ?? true;

    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) =>
        inner?.WaitForRoomAsync(cancellationToken) ?? ValueTask.CompletedTask;

    public void OnInput(ReadOnlySpan<char> text)
    {
        onInput();
        inner?.OnInput(text);
    }

    public void OnResize(int cols, int rows) => inner?.OnResize(cols, rows);
}
