using System.Buffers;

namespace Bastion.Core.Recording;

internal sealed partial class SessionRecorder
{
    /// <summary>A queued event: output in a pooled array (<see cref="Rented"/>, returned once written), everything
    /// else (rare) in <see cref="Text"/>.</summary>
    private readonly record struct Item(char Kind, string Text, long Timestamp, char[]? Rented = null, int RentedLength = 0)
    {
        public ReadOnlySpan<char> Chars => Rented is null ? Text : Rented.AsSpan(0, RentedLength);

        public int Length => Rented is null ? Text.Length : RentedLength;

        public void Return()
        {
            if (Rented is not null)
            {
                ArrayPool<char>.Shared.Return(Rented);
            }
        }
    }
}
