using System.Globalization;
using System.Text.RegularExpressions;
using ImageBuild.Building;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;

namespace ImageBuild.Publishing;

/// <summary>
/// Exposes the ports an ASP.NET Core app will listen on, read from the image's environment as PublishContainer
/// does: the ports of ASPNETCORE_URLS when it is set (it wins in ASP.NET Core too), else ASPNETCORE_HTTP_PORTS and
/// ASPNETCORE_HTTPS_PORTS. Added to the ContainerPort items, never replacing them.
/// </summary>
internal sealed partial record ExposeAspNetCorePorts : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config) =>
        Ports(config.Env ?? []).Aggregate(config, (current, port) => new AddExposedPort($"{port}/tcp").Apply(current));

    public override string Describe() => "EXPOSE ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS / ASPNETCORE_HTTPS_PORTS";

    public static IReadOnlyList<int> Ports(IReadOnlyList<string> environment)
    {
        string? Value(string name) => environment.LastOrDefault(e => e.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        var split = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        var ports = Value("ASPNETCORE_URLS") is { Length: > 0 } urls
            ? urls.Split(';', split).Select(url => UrlPort().Match(url)).Where(m => m.Success).Select(m => m.Groups["port"].Value)
            : new[] { "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" }.SelectMany(name => (Value(name) ?? string.Empty).Split([';', ','], split));
        return ports
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 65535 ? n : 0)
            .Where(n => n > 0)
            .Distinct()
            .ToList();
    }

    // scheme://host:port[/path] with host possibly * or +, which Uri does not parse.
    [GeneratedRegex(@"^\w+://[^/]*:(?<port>[0-9]+)/?")]
    private static partial Regex UrlPort();
}
