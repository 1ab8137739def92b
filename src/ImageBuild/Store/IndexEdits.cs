using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// The tag rules of the store as pure functions on index.json. Each digest has either tagged entries (one
/// per reference name) or one untagged ("dangling") entry, never both; a reference name is on one entry.
/// </summary>
internal static class IndexEdits
{
    public static string? RefNameOf(Descriptor entry) => entry.Annotation(Annotations.RefName);

    /// <summary>
    /// Points <paramref name="refName"/> at <paramref name="image"/>. The image it pointed at before stays as
    /// a dangling entry unless another tag keeps it. Tagging the same digest again changes nothing.
    /// </summary>
    public static ImageIndex Tag(ImageIndex index, string refName, Descriptor image)
    {
        var entries = index.Manifests.ToList();
        var at = entries.FindIndex(e => RefNameOf(e) == refName);
        if (at >= 0)
        {
            var previous = entries[at];
            if (previous.Digest == image.Digest)
            {
                return index;
            }

            entries.RemoveAt(at);
            KeepDangling(entries, previous, at);
        }

        entries.RemoveAll(e => e.Digest == image.Digest && RefNameOf(e) is null);
        entries.Add(WithRefName(image, refName));
        return index with { Manifests = entries };
    }

    /// <summary>
    /// Points <paramref name="refName"/> at <paramref name="image"/> as skopeo and umoci do in a plain OCI layout:
    /// the entry of that name is replaced and nothing of the old image is kept (a layout is not a store of images).
    /// </summary>
    public static ImageIndex Replace(ImageIndex index, string refName, Descriptor image) =>
        index with { Manifests = [.. index.Manifests.Where(e => RefNameOf(e) != refName), WithRefName(image, refName)] };

    /// <summary>Adds an untagged entry for <paramref name="image"/> unless some entry already keeps it.</summary>
    public static ImageIndex AddUntagged(ImageIndex index, Descriptor image) =>
        index.Manifests.Any(e => e.Digest == image.Digest)
            ? index
            : index with { Manifests = [.. index.Manifests, WithRefName(image, null)] };

    /// <summary>
    /// Removes <paramref name="refName"/>. When it was the image's last tag the image stays as a dangling
    /// entry, or goes when <paramref name="removeWhenLast"/>. Returns null when the name is not there.
    /// </summary>
    public static (ImageIndex Index, Descriptor Untagged)? Untag(ImageIndex index, string refName, bool removeWhenLast)
    {
        var entries = index.Manifests.ToList();
        var at = entries.FindIndex(e => RefNameOf(e) == refName);
        if (at < 0)
        {
            return null;
        }

        var previous = entries[at];
        entries.RemoveAt(at);
        if (!removeWhenLast)
        {
            KeepDangling(entries, previous, at);
        }

        return (index with { Manifests = entries }, previous);
    }

    /// <summary>Removes every entry of <paramref name="digest"/>, tagged or not.</summary>
    public static (ImageIndex Index, IReadOnlyList<Descriptor> Removed) Remove(ImageIndex index, Digest digest)
    {
        var removed = index.Manifests.Where(e => e.Digest == digest).ToList();
        return (index with { Manifests = index.Manifests.Where(e => e.Digest != digest).ToList() }, removed);
    }

    public static Descriptor WithRefName(Descriptor entry, string? refName)
    {
        var annotations = new Dictionary<string, string>(entry.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        annotations.Remove(Annotations.RefName);
        if (refName is not null)
        {
            annotations[Annotations.RefName] = refName;
        }

        return entry with { Annotations = annotations.Count == 0 ? null : annotations };
    }

    private static void KeepDangling(List<Descriptor> entries, Descriptor previous, int position)
    {
        if (!entries.Any(e => e.Digest == previous.Digest))
        {
            entries.Insert(position, WithRefName(previous, null));
        }
    }
}
