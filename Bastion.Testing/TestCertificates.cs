using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bastion.Testing;

/// <summary>A throw-away CA and a server certificate it signed (ECDSA P-256, valid for a day), as PEM files.</summary>
public static class TestCertificates
{
    public const string CaFileName = "ca.pem";
    public const string ServerCertFileName = "server.pem";
    public const string ServerKeyFileName = "server.key";

    public static void WriteCaAndServer(string directory, string serverName)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Bastion test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={serverName}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(12));

        File.WriteAllText(Path.Combine(directory, CaFileName), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, ServerCertFileName), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, ServerKeyFileName), serverKey.ExportPkcs8PrivateKeyPem());
    }
}
