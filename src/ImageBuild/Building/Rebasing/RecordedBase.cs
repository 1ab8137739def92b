using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Building.Rebasing;

/// <summary>
/// The base an image says it was built on: the <c>org.opencontainers.image.base.name</c> and <c>.base.digest</c>
/// annotations of its manifest (of an index, or of its first platform manifest), else the labels of the same names
/// in its config (Docker manifests carry no annotations; PublishImage writes both).
/// </summary>
public sealed record RecordedBase(string? Name, Digest? Digest)
{
    /// <summary>
    /// The name whose current image a rebase moves to: <see cref="Name"/>, without the digest a pinned base
    /// (<c>name:tag@sha256:...</c>) carries, since the tag is what moves.
    /// </summary>
    public string? MovingName =>
        Name is { } name && References.ImageReference.TryParse(name, out var reference) && reference is { Tag: not null, Digest: not null }
            ? reference.WithoutDigest().ToString()
            : Name;

    public static async Task<RecordedBase> ReadAsync(IBlobReader reader, Descriptor root, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<string, string>? annotations;
        var manifestDescriptor = root;
        if (MediaTypes.IsIndex(root.MediaType))
        {
            var index = OciJson.ParseIndex(await reader.ReadSmallBlobAsync(root, cancellationToken));
            annotations = index.Annotations;
            manifestDescriptor = index.Manifests.FirstOrDefault(m => MediaTypes.IsManifest(m.MediaType)) ?? root;
            if (Complete(annotations) is { } fromIndex)
            {
                return fromIndex;
            }
        }

        var image = await ManifestSelector.ResolveAsync(reader, manifestDescriptor, null, root.Digest.ToString(), cancellationToken);
        return Complete(image.Manifest.Value.Annotations)
            ?? Complete(image.Config.Value.Config?.Labels)
            ?? new RecordedBase(Value(image.Manifest.Value.Annotations, Annotations.BaseName) ?? Value(image.Config.Value.Config?.Labels, Annotations.BaseName), null);
    }

    private static RecordedBase? Complete(IReadOnlyDictionary<string, string>? values) =>
        Value(values, Annotations.BaseDigest) is { } text && Oci.Digest.TryParse(text, out var digest)
            ? new RecordedBase(Value(values, Annotations.BaseName), digest)
            : null;

    private static string? Value(IReadOnlyDictionary<string, string>? values, string key) =>
        values is not null && values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
