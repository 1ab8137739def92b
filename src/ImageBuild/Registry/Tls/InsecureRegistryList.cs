namespace ImageBuild.Registry.Tls;

/// <summary>
/// Registries the user allowed to skip TLS verification and to fall back to plain HTTP, as
/// <c>HOST</c> (any port) or <c>HOST:PORT</c>; from <c>--insecure-registry</c>,
/// <c>DOTNET_IMAGE_INSECURE_REGISTRIES</c> and the .NET SDK's <c>DOTNET_CONTAINER_INSECURE_REGISTRIES</c>.
/// </summary>
public sealed class InsecureRegistryList
{
    public const string Variable = "DOTNET_IMAGE_INSECURE_REGISTRIES";
    public const string SdkVariable = "DOTNET_CONTAINER_INSECURE_REGISTRIES";

    private readonly IReadOnlyList<(string Host, string? Port)> entries;

    private InsecureRegistryList(IReadOnlyList<(string Host, string? Port)> entries)
    {
        this.entries = entries;
    }

    public static InsecureRegistryList None { get; } = new([]);

    public bool IsEmpty => entries.Count == 0;

    /// <summary>Entries as given; each may itself be a comma- or semicolon-separated list. A scheme or path is ignored.</summary>
    public static InsecureRegistryList Parse(IEnumerable<string?> values) =>
        new(values
            .SelectMany(value => (value ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(entry => Split(Credentials.RegistryServerAddress.Normalize(entry)))
            .Distinct()
            .ToList());

    /// <summary>The given entries plus both environment variables.</summary>
    public static InsecureRegistryList FromEnvironment(Func<string, string?> environment, IEnumerable<string> given) =>
        Parse(given.Append(environment(Variable)).Append(environment(SdkVariable)));

    /// <summary>True when <paramref name="authority"/> (<c>host[:port]</c>) is listed.</summary>
    public bool Matches(string authority)
    {
        var (host, port) = Split(authority.ToLowerInvariant());
        return entries.Any(entry => entry.Host == host && (entry.Port is null || entry.Port == (port ?? "443")));
    }

    /// <summary>True when some entry names <paramref name="host"/>; the TLS layer knows the host but not the port.</summary>
    public bool MatchesHost(string? host) =>
        host is not null && entries.Any(entry => entry.Host.Equals(host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) || entry.Host.Equals(host, StringComparison.OrdinalIgnoreCase));

    private static (string Host, string? Port) Split(string authority)
    {
        var close = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        return colon > close && (close >= 0 || authority.IndexOf(':') == colon)
            ? (authority[..colon], authority[(colon + 1)..])
            : (authority, null);
    }
}
