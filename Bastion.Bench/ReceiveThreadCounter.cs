using System.Text;

namespace Bastion.Bench;

/// <summary>
/// The receive-thread baseline's data handler (<see cref="RelayScenario.RunReceiveThread"/>): on SSH.NET's receive
/// thread it counts each packet's bytes and looks for the end marker in the last bytes seen (a marker may straddle two
/// packets), then drops the packet. Nothing is copied and no other thread is woken until the marker arrives.
/// </summary>
internal sealed class ReceiveThreadCounter(string marker)
{
    private readonly byte[] _marker = Encoding.ASCII.GetBytes(marker);
    private readonly byte[] _tail = new byte[256];
    private int _tailLength;

    public long Bytes { get; private set; }

    public ManualResetEventSlim Seen { get; } = new();

    /// <summary>Forgets what was counted so far (the banner and the prompt).</summary>
    public void Reset()
    {
        Bytes = 0;
        _tailLength = 0;
    }

    public void OnData(ArraySegment<byte> data)
    {
        Bytes += data.Count;
        if (Seen.IsSet)
        {
            return;
        }

        // Keep the last bytes: the previous tail's end, then this packet's end.
        var span = data.AsSpan();
        var keep = Math.Min(span.Length, _tail.Length - _marker.Length);
        var carry = Math.Min(_tailLength, _marker.Length - 1);
        _tail.AsSpan(_tailLength - carry, carry).CopyTo(_tail);
        span[^keep..].CopyTo(_tail.AsSpan(carry));
        _tailLength = carry + keep;
        if (_tail.AsSpan(0, _tailLength).IndexOf(_marker) >= 0)
        {
            Seen.Set();
        }
    }
}
