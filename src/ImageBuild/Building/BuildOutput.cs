using ImageBuild.Errors;

namespace ImageBuild.Building;

/// <summary>One place a build writes its image to.</summary>
/// <param name="Path">The directory or file, for layouts and archives.</param>
/// <param name="RefName">The name to record in a layout or archive instead of the plan's tags.</param>
public sealed record BuildOutput(BuildOutputKind Kind, string? Path = null, string? RefName = null)
{
    public static BuildOutput Store { get; } = new(BuildOutputKind.Store);

    public static BuildOutput Registry { get; } = new(BuildOutputKind.Registry);

    /// <summary>Parses <c>oci:DIR[:REF]</c>, <c>oci-archive:FILE[:REF]</c>, <c>docker-archive:FILE[:REF]</c>, <c>store</c> or <c>registry</c>.</summary>
    public static BuildOutput Parse(string text)
    {
        if (text is "store" or "registry")
        {
            return text == "store" ? Store : Registry;
        }

        var colon = text.IndexOf(':');
        var transport = colon < 0 ? text : text[..colon];
        var kind = transport switch
        {
            "oci" => BuildOutputKind.OciLayout,
            "oci-archive" => BuildOutputKind.OciArchive,
            "docker-archive" => BuildOutputKind.DockerArchive,
            _ => throw new InvalidInputException($"unknown output \"{text}\": use oci:DIR, oci-archive:FILE, docker-archive:FILE, store or registry"),
        };
        var rest = text[(colon + 1)..];
        if (rest.Length == 0)
        {
            throw new InvalidInputException($"output \"{text}\" has no path: write it as {transport}:PATH");
        }

        // A reference after the path, as skopeo writes it; a path itself may not hold ':' then.
        var refColon = rest.IndexOf(':');
        return refColon < 0
            ? new BuildOutput(kind, rest)
            : new BuildOutput(kind, rest[..refColon], rest[(refColon + 1)..] is { Length: > 0 } name ? name : null);
    }

    public override string ToString() => Kind switch
    {
        BuildOutputKind.Store => "store",
        BuildOutputKind.Registry => "registry",
        BuildOutputKind.OciLayout => "oci:" + Path,
        BuildOutputKind.OciArchive => "oci-archive:" + Path,
        _ => "docker-archive:" + Path,
    };
}
