using System.Net;

namespace ImageBuild.References;

/// <summary>
/// The registry part of a reference: <c>host[:port]</c> where host is a DNS-style name (letters, digits and
/// inner '-' per label; upper case allowed, as distribution/reference allows it), a dotted IPv4 address, or an
/// IPv6 address in brackets.
/// </summary>
internal static class RegistryDomain
{
    public const string DockerHub = References.DockerHub.Registry;
    public const string LegacyDockerHub = References.DockerHub.LegacyHost;
    public const string DockerHubApiHost = References.DockerHub.ApiHost;

    /// <summary>Docker Hub keeps official images under this namespace; familiar names hide it.</summary>
    public const string OfficialImagesPrefix = "library/";

    /// <summary>
    /// Decides, as docker does, whether the first path segment names a registry: it must be followed by '/',
    /// and be <c>localhost</c>, contain '.' or ':', or contain upper case (which a repository path never may).
    /// </summary>
    public static bool LooksLikeDomain(string firstSegment) =>
        firstSegment == "localhost" ||
        firstSegment.Contains('.') ||
        firstSegment.Contains(':') ||
        !firstSegment.Equals(firstSegment.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary>Returns null when <paramref name="domain"/> is a valid host with an optional port.</summary>
    public static string? Check(string domain)
    {
        string host;
        string? port;
        if (domain.StartsWith('['))
        {
            var close = domain.IndexOf(']');
            if (close < 0)
            {
                return $"registry \"{domain}\" opens an IPv6 address with '[' but never closes it with ']'";
            }

            host = domain[..(close + 1)];
            var rest = domain[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ':')
            {
                return $"registry \"{domain}\" has {ReferenceGrammar.Describe(rest[0])} at position {close + 2}; " +
                    "only ':port' may follow an IPv6 address";
            }

            port = rest.Length > 0 ? rest[1..] : null;
            var problem = CheckIpv6(host, domain);
            if (problem is not null)
            {
                return problem;
            }
        }
        else
        {
            var colon = domain.IndexOf(':');
            if (colon >= 0 && domain.IndexOf(':', colon + 1) >= 0)
            {
                return $"registry \"{domain}\" has more than one ':'; write an IPv6 address in brackets, " +
                    "for example [::1]:5000";
            }

            host = colon < 0 ? domain : domain[..colon];
            port = colon < 0 ? null : domain[(colon + 1)..];
            var problem = CheckHostName(host, domain);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (port is null)
        {
            return null;
        }

        if (port.Length == 0)
        {
            return $"registry \"{domain}\" ends with ':' but has no port number after it";
        }

        var nonDigit = port.AsSpan().IndexOfAnyExceptInRange('0', '9');
        return nonDigit < 0
            ? null
            : $"invalid character {ReferenceGrammar.Describe(port[nonDigit])} at position " +
              $"{domain.Length - port.Length + nonDigit + 1} in registry port \"{port}\"; a port is a number";
    }

    /// <summary>True for localhost, 127.0.0.0/8 and the IPv6 loopback, with or without a port.</summary>
    public static bool IsLoopback(string domain)
    {
        var host = HostWithoutPort(domain);
        if (host.StartsWith('['))
        {
            return IPAddress.TryParse(host[1..^1], out var address) && IPAddress.IsLoopback(address);
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IsDottedQuadIn127(host);
    }

    private static string HostWithoutPort(string domain)
    {
        if (domain.StartsWith('['))
        {
            var close = domain.IndexOf(']');
            return close < 0 ? domain : domain[..(close + 1)];
        }

        var colon = domain.IndexOf(':');
        return colon < 0 ? domain : domain[..colon];
    }

    // Only the strict dotted form counts: "127.1" or "2130706433" resolve to loopback with some resolvers,
    // but treating them as loopback would let an odd spelling switch a registry to plain HTTP.
    private static bool IsDottedQuadIn127(string host)
    {
        var parts = host.Split('.');
        return parts.Length == 4 &&
            parts[0] == "127" &&
            parts.All(part => part.Length is >= 1 and <= 3 && part.All(char.IsAsciiDigit) && int.Parse(part) <= 255);
    }

    private static string? CheckIpv6(string bracketed, string domain)
    {
        var inner = bracketed[1..^1];
        if (inner.Length == 0)
        {
            return $"registry \"{domain}\" has an empty IPv6 address between '[' and ']'";
        }

        for (var i = 0; i < inner.Length; i++)
        {
            if (!char.IsAsciiHexDigit(inner[i]) && inner[i] != ':')
            {
                return $"invalid character {ReferenceGrammar.Describe(inner[i])} at position {i + 2} " +
                    $"in IPv6 registry address \"{bracketed}\"; " +
                    "only hex digits and ':' are allowed (no zone or embedded IPv4)";
            }
        }

        return null;
    }

    private static string? CheckHostName(string host, string domain)
    {
        var labelStart = 0;
        foreach (var label in host.Split('.'))
        {
            if (label.Length == 0)
            {
                return $"registry \"{domain}\" has an empty name part at position {labelStart + 1} " +
                    "(leading, trailing or doubled '.')";
            }

            for (var i = 0; i < label.Length; i++)
            {
                if (!char.IsAsciiLetterOrDigit(label[i]) && label[i] != '-')
                {
                    return $"invalid character {ReferenceGrammar.Describe(label[i])} at position " +
                        $"{labelStart + i + 1} in registry \"{domain}\"; " +
                        "a host name may contain only letters, digits, '-' and '.'";
                }
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"registry host part \"{label}\" in \"{domain}\" must not start or end with '-'";
            }

            labelStart += label.Length + 1;
        }

        return null;
    }
}
