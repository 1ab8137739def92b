using System.Text.RegularExpressions;
using ImageBuild.Oci;

namespace ImageBuild.Oci.Changes;

/// <summary>
/// Sets an environment variable whose value may name others as <c>$NAME</c> or <c>${NAME}</c>, expanded from
/// the config being changed, so <c>PATH=/app/bin:$PATH</c> appends to the base image's PATH.
/// </summary>
public sealed partial record SetEnvExpanded(string Name, string Value) : ConfigChange
{
    public override ContainerConfig Apply(ContainerConfig config)
    {
        var env = (config.Env ?? [])
            .Select(e => e.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().ElementAtOrDefault(1) ?? string.Empty, StringComparer.Ordinal);
        var expanded = Reference().Replace(Value, m =>
            env.TryGetValue(m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value, out var value) ? value : string.Empty);
        return new SetEnv(Name, expanded).Apply(config);
    }

    public override string Describe() => $"ENV {Name}={Value}";

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?<plain>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Reference();
}
