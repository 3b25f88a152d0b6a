using System.Buffers;

namespace Bastion.Core.Terminal;

/// <summary>
/// The buffers output passes through while it moves (issue 12: memory per session): the <see cref="OutputBuffer"/>'s
/// ring and the <see cref="OutputPump"/>'s byte and char batches are rented from here while output is buffered or being
/// delivered, and returned as soon as the session has nothing in flight, so an idle session holds none of them.
/// <para>
/// Policy: one pool for the process, no per-thread caches (SSH.NET runs one receive thread per connection, and the
/// shared pool's per-thread slots would keep a buffer on each of them), at most <see cref="ArraysPerSize"/> idle arrays
/// of each size kept; beyond that a returned array is left to the GC. What the pool keeps is bounded by
/// <see cref="RetainedBytesBound"/> whatever the number of sessions.
/// </para>
/// </summary>
internal static class RelayBuffers
{
    /// <summary>Idle arrays kept per size (power of two) between sessions' batches.</summary>
    public const int ArraysPerSize = 8;

    /// <summary>The largest array the pool keeps (a ring of 1 MiB + a batch; larger settings are allocated each time).</summary>
    public const int MaxArrayBytes = 2 * 1024 * 1024;

    public static ArrayPool<byte> Bytes { get; } = ArrayPool<byte>.Create(MaxArrayBytes, ArraysPerSize);

    public static ArrayPool<char> Chars { get; } = ArrayPool<char>.Create(MaxArrayBytes / sizeof(char), ArraysPerSize);

    /// <summary>With the default settings (64 KiB buffer + 32 KiB batch): rings of 128 KiB, byte batches of 32 KiB and
    /// char batches of 64 Ki chars (128 KiB), <see cref="ArraysPerSize"/> of each: 2.25 MiB.</summary>
    public const long RetainedBytesBound = ArraysPerSize * ((128 + 32 + 128) * 1024L);
}
