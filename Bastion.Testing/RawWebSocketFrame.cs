using System.Buffers.Binary;
using System.Text;

namespace Bastion.Testing;

/// <summary>One frame exactly as read from the wire (unmasked if the peer masked it, which a server must not do).</summary>
public sealed record RawWebSocketFrame(bool Fin, int Rsv, RawWebSocketOpcode Opcode, bool Masked, byte[] Payload)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public bool IsControl => (int)Opcode >= 0x8;

    /// <summary>The payload as UTF-8; throws <see cref="DecoderFallbackException"/> on invalid UTF-8 (RFC 6455 §8.1).</summary>
    public string Text => StrictUtf8.GetString(Payload);

    /// <summary>The status code of a close frame (RFC 6455 §5.5.1), or null for other frames and empty close bodies.</summary>
    public int? CloseCode => Opcode == RawWebSocketOpcode.Close && Payload.Length >= 2
        ? BinaryPrimitives.ReadUInt16BigEndian(Payload)
        : null;

    public string CloseReason => Opcode == RawWebSocketOpcode.Close && Payload.Length > 2
        ? StrictUtf8.GetString(Payload, 2, Payload.Length - 2)
        : "";
}
