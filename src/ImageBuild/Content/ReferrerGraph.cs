using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// The referrers that travel with an image: those of its root, of each platform manifest of an index, and of the
/// referrers themselves (a signature of an SBOM), each once.
/// </summary>
public static class ReferrerGraph
{
    /// <summary>How a referrer manifest is described in a referrers list: its artifactType (else its config's media type) and its annotations.</summary>
    public static Descriptor Describe(Descriptor manifestDescriptor, ImageManifest manifest) => new()
    {
        MediaType = manifestDescriptor.MediaType,
        Digest = manifestDescriptor.Digest,
        Size = manifestDescriptor.Size,
        ArtifactType = manifest.ArtifactType ?? manifest.Config.MediaType,
        Annotations = manifest.Annotations is { Count: > 0 } annotations ? annotations : null,
    };

    /// <summary>
    /// Every referrer reachable from <paramref name="root"/>, each after the subject it refers to.
    /// </summary>
    public static async Task<IReadOnlyList<Referrer>> CollectAsync(
        IBlobReader reader, IReferrerSource referrers, Descriptor root, CancellationToken cancellationToken = default)
    {
        var subjects = new Queue<Digest>([root.Digest]);
        if (MediaTypes.IsIndex(root.MediaType))
        {
            var index = OciJson.ParseIndex(await reader.ReadSmallBlobAsync(root, cancellationToken));
            foreach (var child in index.Manifests.Where(m => ContentGraph.HasChildren(m)))
            {
                subjects.Enqueue(child.Digest);
            }
        }

        var found = new List<Referrer>();
        var seen = new HashSet<Digest>(subjects);
        while (subjects.TryDequeue(out var subject))
        {
            foreach (var referrer in await referrers.ListReferrersAsync(subject, cancellationToken))
            {
                if (seen.Add(referrer.Digest))
                {
                    found.Add(new Referrer(referrer, subject));
                    subjects.Enqueue(referrer.Digest);
                }
            }
        }

        return found;
    }
}
