using QRCoder;

namespace ApexAgent.Portal.Features.Account;

/// <summary>Draws the otpauth:// link of an authenticator app as an inline SVG QR code (no image service involved).</summary>
public static class AuthenticatorQrCode
{
    public static string Svg(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
