using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageBuild.Errors;
using ImageBuild.Registry.Tls;

namespace ImageBuild.Tests.Registry;

/// <summary>
/// Extra CA roots: a bad <c>--ca-file</c> is a one-line error before any request; <c>SSL_CERT_FILE</c> is checked at
/// once but decoded only when a certificate the system does not trust asks for the roots.
/// </summary>
public sealed class TrustedCertificatesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Named_files_and_the_environment_file_are_all_trusted()
    {
        var named = WriteCertificate("named.pem", "CN=named");
        var fromEnvironment = WriteCertificate("env.pem", "CN=environment");

        var roots = TrustedCertificates.Prepare([named], Environment(fromEnvironment)).Value;

        Assert.Equal(["CN=environment", "CN=named"], roots.Select(c => c.Subject).Order());
    }

    [Fact]
    public void A_missing_ca_file_is_named_with_the_fix()
    {
        var missing = temp.Combine("missing.pem");

        var error = Assert.Throws<InvalidInputException>(() => TrustedCertificates.Prepare([missing], _ => null));

        Assert.Equal($"CA certificate file {missing} does not exist; give a PEM bundle with --ca-file", error.Message);
    }

    [Fact]
    public void A_ca_file_without_a_certificate_is_refused()
    {
        var key = temp.Combine("key.pem");
        File.WriteAllText(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        var error = Assert.Throws<InvalidInputException>(() => TrustedCertificates.Prepare([key], _ => null));

        Assert.Contains("holds no PEM certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_ca_file_is_refused_before_any_request()
    {
        // Well-formed PEM around bytes that are no certificate: only decoding finds it, and a named file is decoded at once.
        var damaged = temp.Combine("damaged.pem");
        File.WriteAllText(damaged, "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAA\n-----END CERTIFICATE-----\n");

        var error = Assert.Throws<InvalidInputException>(() => TrustedCertificates.Prepare([damaged], _ => null));

        Assert.StartsWith($"CA certificate file {damaged} is not a valid PEM bundle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_file_is_checked_at_once_and_decoded_at_first_use()
    {
        var missing = temp.Combine("gone.pem");
        Assert.Throws<InvalidInputException>(() => TrustedCertificates.Prepare([], Environment(missing)));

        var damaged = temp.Combine("damaged-env.pem");
        File.WriteAllText(damaged, "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAA\n-----END CERTIFICATE-----\n");
        var roots = TrustedCertificates.Prepare([], Environment(damaged));

        Assert.False(roots.IsValueCreated);
        var error = Assert.Throws<InvalidInputException>(() => roots.Value);
        Assert.StartsWith($"CA certificate file {damaged} is not a valid PEM bundle", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(string file) => name => name == TrustedCertificates.Variable ? file : null;

    private string WriteCertificate(string name, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = temp.Combine(name);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
