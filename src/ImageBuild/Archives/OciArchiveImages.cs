using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>The images of an OCI layout inside a tar: every root named in index.json, with its names.</summary>
internal static class OciArchiveImages
{
    /// <returns>Each image with the digests of the configs it reaches, so names can be matched to a docker manifest.json.</returns>
    public static async Task<IReadOnlyList<(LoadedImage Image, IReadOnlyList<Digest> Configs)>> ReadAsync(
        ArchiveIndex index, IBlobReader reader, CancellationToken cancellationToken = default)
    {
        var bytes = await index.ReadAllBytesAsync(
            index.Require(ArchiveLayout.OciIndexFile, "the archive"), BlobReaderExtensions.DefaultJsonSizeLimit, cancellationToken);
        ImageIndex layoutIndex;
        try
        {
            layoutIndex = OciJson.ParseIndex(bytes);
        }
        catch (ImageBuildException ex)
        {
            throw new ImageBuildException($"{index.ArchiveName} is not a valid OCI archive: index.json is malformed ({ex.Message})", ex);
        }

        var roots = new List<(Descriptor Root, List<string> Names)>();
        foreach (var entry in layoutIndex.Manifests)
        {
            var existing = roots.FindIndex(r => r.Root.Digest == entry.Digest);
            if (existing < 0)
            {
                roots.Add((WithoutNameAnnotations(entry), []));
                existing = roots.Count - 1;
            }

            // docker save writes the full name for containerd and only the tag as ref.name; the full name is the useful one.
            var name = entry.Annotation(Annotations.ContainerdImageName) ?? entry.Annotation(Annotations.RefName);
            if (!string.IsNullOrEmpty(name) && !roots[existing].Names.Contains(name))
            {
                roots[existing].Names.Add(name);
            }
        }

        var graph = new ImageGraph(reader);
        var configs = new List<IReadOnlyList<Digest>>();
        foreach (var (root, _) in roots)
        {
            configs.Add(await graph.AddAsync(root, cancellationToken));
        }

        return roots.Select((r, i) => (new LoadedImage(r.Root, r.Names), configs[i])).ToList();
    }

    /// <summary>The names travel in <see cref="LoadedImage.RefNames"/>; the root keeps only its other annotations.</summary>
    private static Descriptor WithoutNameAnnotations(Descriptor entry)
    {
        if (entry.Annotations is null)
        {
            return entry;
        }

        var rest = entry.Annotations
            .Where(a => a.Key is not Annotations.RefName and not Annotations.ContainerdImageName)
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return entry with { Annotations = rest.Count == 0 ? null : rest };
    }
}
