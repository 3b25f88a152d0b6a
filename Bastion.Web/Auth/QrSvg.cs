using QRCoder;

namespace Bastion.Web.Auth;

/// <summary>The enrolment QR code as an SVG document (text, so the client shows it as an image from a data URL
/// without a request that would carry the secret).</summary>
internal static class QrSvg
{
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
