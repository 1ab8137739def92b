using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Tls;

/// <summary>Loads the extra CA certificates a user trusts for registries: PEM bundles from <c>--ca-file</c> and <c>SSL_CERT_FILE</c>.</summary>
public static class TrustedCertificates
{
    public const string Variable = "SSL_CERT_FILE";

    /// <summary>Every certificate in the given PEM files, plus <c>SSL_CERT_FILE</c> when set.</summary>
    public static X509Certificate2Collection Load(IEnumerable<string> caFiles, Func<string, string?> environment)
    {
        var all = new X509Certificate2Collection();
        var files = caFiles.ToList();
        if (environment(Variable) is { Length: > 0 } fromEnvironment)
        {
            files.Add(fromEnvironment);
        }

        foreach (var file in files.Distinct())
        {
            if (!File.Exists(file))
            {
                throw new InvalidInputException($"CA certificate file {file} does not exist; give a PEM bundle with --ca-file");
            }

            var before = all.Count;
            try
            {
                all.ImportFromPemFile(file);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidInputException($"CA certificate file {file} is not a valid PEM bundle ({ex.Message})");
            }

            if (all.Count == before)
            {
                throw new InvalidInputException($"CA certificate file {file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
        }

        return all;
    }
}
