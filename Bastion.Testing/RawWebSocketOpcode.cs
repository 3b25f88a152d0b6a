namespace Bastion.Testing;

/// <summary>RFC 6455 §5.2 opcodes; other values (3–7, 11–15) are reserved and pass through as numbers.</summary>
public enum RawWebSocketOpcode
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}
