using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageBuild.Errors;

namespace ImageBuild.Registry.Tls;

/// <summary>Loads the extra CA certificates a user trusts for registries: PEM bundles from <c>--ca-file</c> and <c>SSL_CERT_FILE</c>.</summary>
public static class TrustedCertificates
{
    public const string Variable = "SSL_CERT_FILE";

    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>
    /// Loads the files the user named now, so a bad <c>--ca-file</c> is a clear error before any request; checks
    /// <c>SSL_CERT_FILE</c> now (it exists and holds a PEM certificate) but decodes it at the first use. That file
    /// often names the system's whole bundle (140-odd roots, tens of milliseconds to decode), and extra roots are only
    /// asked about for a certificate the system does not trust, which most commands never meet.
    /// </summary>
    public static Lazy<X509Certificate2Collection> Prepare(IEnumerable<string> caFiles, Func<string, string?> environment)
    {
        var files = caFiles.ToList();
        var named = Load(files, _ => null);
        var fromEnvironment = FilesOf([], environment).Except(files).ToList();
        fromEnvironment.ForEach(Check);
        return new Lazy<X509Certificate2Collection>(
            () =>
            {
                var all = new X509Certificate2Collection(named);
                all.AddRange(Load(fromEnvironment, _ => null));
                return all;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every certificate in the given PEM files, plus <c>SSL_CERT_FILE</c> when set.</summary>
    public static X509Certificate2Collection Load(IEnumerable<string> caFiles, Func<string, string?> environment)
    {
        var all = new X509Certificate2Collection();
        foreach (var file in FilesOf(caFiles, environment))
        {
            Check(file);
            try
            {
                all.ImportFromPemFile(file);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidInputException($"CA certificate file {file} is not a valid PEM bundle ({ex.Message})");
            }
        }

        return all;
    }

    private static void Check(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidInputException($"CA certificate file {file} does not exist; give a PEM bundle with --ca-file");
        }

        if (!HoldsCertificate(File.ReadAllText(file)))
        {
            throw new InvalidInputException($"CA certificate file {file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
    }

    private static List<string> FilesOf(IEnumerable<string> caFiles, Func<string, string?> environment)
    {
        var files = caFiles.ToList();
        if (environment(Variable) is { Length: > 0 } fromEnvironment)
        {
            files.Add(fromEnvironment);
        }

        return files.Distinct().ToList();
    }

    /// <summary>A well-formed PEM certificate block (label and base64), found without decoding the certificate.</summary>
    private static bool HoldsCertificate(string text)
    {
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual(CertificateLabel))
            {
                return true;
            }

            rest = rest[fields.Location.End..];
        }

        return false;
    }
}
