using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>A CA made for one test run, valid from yesterday to the day after tomorrow, with its private key.</summary>
public static class TestCertificateAuthority
{
    public static X509Certificate2 Create(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        // Wider than any certificate it signs (those end a day sooner), so a leaf made a moment later still fits.
        return request.CreateSelfSigned(now.AddDays(-2), now.AddDays(3));
    }
}
