using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bastion.Core.Audit.Export;

namespace Bastion.Web.AuditApi.Syslog;

/// <summary>The CA certificates of <see cref="SyslogOptions.CaFile"/>, or null for the system's trust store.</summary>
internal static class SyslogTrust
{
    /// <summary>The certificates, or an error naming the file and what is wrong with it.</summary>
    public static (X509Certificate2Collection? Cas, string? Error) Load(SyslogOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CaFile))
        {
            return (null, null);
        }

        var path = options.CaFile;
        if (!File.Exists(path))
        {
            return (null, $"{SyslogOptions.SectionName}:CaFile is {path}, which does not exist.");
        }

        try
        {
            var cas = new X509Certificate2Collection();
            cas.ImportFromPemFile(path);
            return cas.Count == 0
                ? (null, $"{SyslogOptions.SectionName}:CaFile {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
                : (cas, null);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return (null, $"{SyslogOptions.SectionName}:CaFile {path} cannot be read as PEM certificates: {ex.Message}");
        }
    }
}
