using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// The one place that picks an image out of an index, with docker's policy: the platform asked for; without one,
/// this machine's platform, else the nearest one it can run (containerd's ranking: an arm64 machine runs arm v8 down
/// to v5, an amd64 machine runs 386); else an error naming the platforms the index has and <c>--platform</c>. There is
/// no "first" or "only image" fallback, so inspect, export, save and copy all answer the same for the same index.
/// </summary>
public static class PlatformChooser
{
    /// <summary>The image manifest of <paramref name="manifests"/> (an index's entries) for <paramref name="wanted"/>, or for this machine.</summary>
    public static Descriptor Choose(IReadOnlyList<Descriptor> manifests, Platform? wanted, string displayName) =>
        Choose(manifests, wanted, displayName, Platform.Current());

    /// <inheritdoc cref="Choose(IReadOnlyList{Descriptor}, Platform?, string)"/>
    /// <param name="host">The machine's platform (tests give another).</param>
    public static Descriptor Choose(IReadOnlyList<Descriptor> manifests, Platform? wanted, string displayName, Platform host) =>
        TryChoose(manifests, wanted, host) ?? throw NoMatch(manifests, wanted, displayName, host);

    /// <summary>As <see cref="Choose(IReadOnlyList{Descriptor}, Platform?, string)"/>, but null when nothing matches.</summary>
    public static Descriptor? TryChoose(IReadOnlyList<Descriptor> manifests, Platform? wanted) =>
        TryChoose(manifests, wanted, Platform.Current());

    /// <inheritdoc cref="TryChoose(IReadOnlyList{Descriptor}, Platform?)"/>
    public static Descriptor? TryChoose(IReadOnlyList<Descriptor> manifests, Platform? wanted, Platform host)
    {
        var candidates = Candidates(manifests).ToList();
        if (wanted is not null)
        {
            return candidates.FirstOrDefault(m => wanted.IsSatisfiedBy(m.Platform!));
        }

        foreach (var preferred in RunnableOn(host))
        {
            if (candidates.FirstOrDefault(m => preferred.IsSatisfiedBy(m.Platform!)) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The platforms a machine runs, best first: itself, then lower variants and compatible architectures.</summary>
    public static IReadOnlyList<Platform> RunnableOn(Platform host)
    {
        var normalized = host.Normalize();
        var runnable = new List<Platform> { normalized };
        switch (normalized.Architecture)
        {
            case "amd64":
                runnable.Add(normalized with { Architecture = "386", Variant = null });
                break;
            case "arm64":
                runnable.AddRange(ArmDownFrom(normalized, 8));
                break;
            case "arm" when int.TryParse(normalized.Variant?.TrimStart('v') ?? "7", out var level):
                runnable.AddRange(ArmDownFrom(normalized, level - 1));
                break;
        }

        return runnable;
    }

    private static IEnumerable<Platform> ArmDownFrom(Platform host, int level)
    {
        for (var v = level; v >= 5; v--)
        {
            yield return host with { Architecture = "arm", Variant = "v" + v };
        }
    }

    /// <summary>Entries that are images of a named platform; attestations (unknown/unknown) and artifacts are never chosen.</summary>
    private static IEnumerable<Descriptor> Candidates(IReadOnlyList<Descriptor> manifests) =>
        manifests.Where(m => MediaTypes.IsManifest(m.MediaType) && m.Platform is { } p && p.Os != "unknown" && p.Architecture != "unknown");

    private static ImageBuildException NoMatch(IReadOnlyList<Descriptor> manifests, Platform? wanted, string displayName, Platform host)
    {
        var present = Candidates(manifests).Select(m => m.Platform!.ToString()).Distinct().ToList();
        var has = present.Count == 0 ? "it has no platform images" : "it has " + string.Join(", ", present);
        return wanted is not null
            ? new NotFoundException($"{displayName} has no image for {wanted}; {has}")
            : new NotFoundException($"{displayName} has no image for this machine ({host}); {has}: pass --platform with one of them");
    }
}
