using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>Looks up what other tools (umoci, skopeo) wrote into an OCI layout, through the store's own reader.</summary>
public static class LayoutIndex
{
    /// <summary>The index.json entry whose <c>org.opencontainers.image.ref.name</c> is <paramref name="refName"/>.</summary>
    public static async Task<Descriptor> FindAsync(string layout, string refName, CancellationToken cancellationToken = default)
    {
        var index = await OciLayout.Open(layout).ReadIndexAsync(cancellationToken);
        return index.Manifests.Single(m => m.Annotation(Annotations.RefName) == refName);
    }

    /// <summary>The ref.name of every index.json entry, in order (null for an unnamed entry).</summary>
    public static async Task<IReadOnlyList<string?>> NamesAsync(string layout, CancellationToken cancellationToken = default)
    {
        var index = await OciLayout.Open(layout).ReadIndexAsync(cancellationToken);
        return index.Manifests.Select(m => m.Annotation(Annotations.RefName)).ToList();
    }
}
