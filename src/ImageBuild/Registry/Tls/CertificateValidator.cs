using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ImageBuild.Registry.Tls;

/// <summary>
/// Decides whether to trust a registry's certificate: the system's verdict, else a chain built to one of
/// the extra roots (a private CA from <c>--ca-file</c>), else nothing, except for registries the user
/// named insecure. A name mismatch is never forgiven for a verified host. Rejections are remembered per
/// host so the scheme fallback does not retry a rejected loopback registry over plain HTTP.
/// </summary>
/// <param name="extraRoots">Loaded only when a certificate the system does not trust is met.</param>
internal sealed class CertificateValidator(InsecureRegistryList insecure, Lazy<X509Certificate2Collection>? extraRoots)
{
    private readonly ConcurrentDictionary<string, bool> rejectedHosts = new(StringComparer.OrdinalIgnoreCase);

    public bool WasRejected(string host) => rejectedHosts.ContainsKey(host.Trim('[', ']')) || rejectedHosts.ContainsKey(host);

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var host = (sender as SslStream)?.TargetHostName;
        var trusted = errors == SslPolicyErrors.None
            || insecure.MatchesHost(host)
            || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && ChainsToExtraRoot(certificate, chain));
        if (host is not null)
        {
            if (trusted)
            {
                rejectedHosts.TryRemove(host, out _);
            }
            else
            {
                rejectedHosts[host] = true;
            }
        }

        return trusted;
    }

    private bool ChainsToExtraRoot(X509Certificate certificate, X509Chain? presented)
    {
        if (extraRoots is null || extraRoots.Value.Count == 0)
        {
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(extraRoots.Value);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }
}
