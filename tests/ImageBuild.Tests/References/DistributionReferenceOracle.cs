using System.Text.RegularExpressions;

namespace ImageBuild.Tests.References;

/// <summary>
/// An independent model of docker's ParseNormalizedNamed: the domain split of splitDockerDomain and the
/// regular expressions of distribution/reference (regexp.go) transcribed as written there, plus the limits
/// ImageBuild adds (sha256/sha512 only, 255 characters for registry and path, no 64-hex official name).
/// Go's \w and [[:xdigit:]] are ASCII, so they are spelled out; \z because .NET's $ accepts a final newline.
/// </summary>
internal static class DistributionReferenceOracle
{
    private const string Alphanumeric = "[a-z0-9]+";
    private const string Separator = "(?:[._]|__|[-]+)";
    private const string PathComponent = Alphanumeric + "(?:" + Separator + Alphanumeric + ")*";
    private const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    private const string DomainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainName = DomainNameComponent + @"(?:\." + DomainNameComponent + ")*";
    private const string Ipv6Address = @"\[(?:[a-fA-F0-9:]+)\]";
    private const string DomainAndPort = "(?:" + DomainName + "|" + Ipv6Address + ")(?::[0-9]+)?";
    private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";

    private static readonly Regex Domain = new("^" + DomainAndPort + @"\z", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Remainder = new(
        "^(?<path>" + RemoteName + ")(?::(?<tag>" + Tag + "))?(?:@(?<digest>" + DigestPattern + "))?\\z",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Sha256Hex = new("^[a-f0-9]{64}\\z");
    private static readonly Regex Sha512Hex = new("^[a-f0-9]{128}\\z");

    public sealed record Expected(string Registry, string Repository, string? Tag, string? Digest);

    public static Expected? Parse(string text)
    {
        var (domain, remainder) = SplitDockerDomain(text);
        if (!Domain.IsMatch(domain))
        {
            return null;
        }

        var match = Remainder.Match(remainder);
        if (!match.Success)
        {
            return null;
        }

        var path = match.Groups["path"].Value;
        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var digest = match.Groups["digest"].Success ? match.Groups["digest"].Value : null;
        if (digest is not null && !IsSupportedDigest(digest))
        {
            return null;
        }

        if (domain.Length + 1 + path.Length > 255)
        {
            return null;
        }

        if (domain == "docker.io" && path.StartsWith("library/", StringComparison.Ordinal) &&
            Sha256Hex.IsMatch(path["library/".Length..]))
        {
            return null;
        }

        return new Expected(domain, path, tag, digest);
    }

    private static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        var slash = name.IndexOf('/');
        if (slash < 0)
        {
            return ("docker.io", "library/" + name);
        }

        var maybeDomain = name[..slash];
        var maybeRemainder = name[(slash + 1)..];
        var (domain, remainder) =
            maybeDomain == "localhost" ? (maybeDomain, maybeRemainder)
            : maybeDomain == "index.docker.io" ? ("docker.io", maybeRemainder)
            : maybeDomain.Contains('.') || maybeDomain.Contains(':') ? (maybeDomain, maybeRemainder)
            : maybeDomain.ToLowerInvariant() != maybeDomain ? (maybeDomain, maybeRemainder)
            : ("docker.io", name);
        if (domain == "docker.io" && !remainder.Contains('/'))
        {
            remainder = "library/" + remainder;
        }

        return (domain, remainder);
    }

    private static bool IsSupportedDigest(string digest)
    {
        var colon = digest.IndexOf(':');
        var hex = digest[(colon + 1)..];
        return digest[..colon] switch
        {
            "sha256" => Sha256Hex.IsMatch(hex),
            "sha512" => Sha512Hex.IsMatch(hex),
            _ => false,
        };
    }
}
