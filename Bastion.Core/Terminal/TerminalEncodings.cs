using System.Text;

namespace Bastion.Core.Terminal;

/// <summary>Terminal charsets by name; legacy code pages (GBK, GB18030, Big5, Shift_JIS...) come from .NET's provider.</summary>
internal static class TerminalEncodings
{
    static TerminalEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The named encoding with U+FFFD replacement for invalid bytes; UTF-8 for unknown names.</summary>
    public static Encoding Get(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || IsUtf8(name))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        }

        return TryGet(name) ?? Get(null);
    }

    public static Encoding? TryGet(string name)
    {
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsUtf8(string name) => name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
