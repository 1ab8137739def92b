using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageBuild.IntegrationTests.Infrastructure;

public sealed partial class RegistryFixture
{
    /// <summary>The PEM certificate of the CA that signed the registry's certificate (TLS fixtures only).</summary>
    public string CaCertificatePath => directory!.Combine("ca.pem");

    // A CA made for this run and a server certificate for 127.0.0.1 and localhost signed by it.
    private async Task<(string Certificate, string Key)> WriteTlsFilesAsync()
    {
        using var ca = TestCertificateAuthority.Create("CN=ImageBuild Test CA");
        var now = DateTimeOffset.UtcNow;

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(2), RandomNumberGenerator.GetBytes(16));

        var certificatePath = directory!.Combine("server.pem");
        var keyPath = directory.Combine("server.key");
        await File.WriteAllTextAsync(CaCertificatePath, ca.ExportCertificatePem());
        await File.WriteAllTextAsync(certificatePath, server.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, serverKey.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
