using ImageBuild.Oci;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// Which registry repositories the store's images came from or are named for, blob by blob: a push mounts a
/// blob from such a repository instead of uploading it. A guess the registry may decline (then the blob is
/// uploaded), so it only has to be cheap and usually right.
/// </summary>
internal sealed class StoreMountSources
{
    private readonly Dictionary<(string Host, Digest Blob), List<string>> repositories;

    private StoreMountSources(Dictionary<(string Host, Digest Blob), List<string>> repositories)
    {
        this.repositories = repositories;
    }

    public static async Task<StoreMountSources> LoadAsync(ImageStore store, CancellationToken cancellationToken = default)
    {
        var map = new Dictionary<(string Host, Digest Blob), List<string>>();
        foreach (var group in (await store.ListAsync(cancellationToken)).GroupBy(e => e.Digest))
        {
            var names = group.SelectMany(e => new[] { e.RefName, e.PulledFrom })
                .Select(n => ImageReference.TryParse(n, out var reference) ? reference : null)
                .OfType<ImageReference>()
                .Select(r => (r.RegistryHost, r.Repository))
                .Distinct()
                .ToList();
            if (names.Count == 0)
            {
                continue;
            }

            var walk = await LayoutGraphWalk.WalkAsync(store.Layout, [group.First().Descriptor], cancellationToken: cancellationToken);
            foreach (var blob in walk.Present.Keys)
            {
                foreach (var (host, repository) in names)
                {
                    var key = (host, blob);
                    if (!map.TryGetValue(key, out var list))
                    {
                        map[key] = list = [];
                    }

                    if (!list.Contains(repository))
                    {
                        list.Add(repository);
                    }
                }
            }
        }

        return new StoreMountSources(map);
    }

    /// <summary>A repository on <paramref name="host"/>, other than <paramref name="targetRepository"/>, that should hold <paramref name="blob"/>.</summary>
    public string? Find(string host, string targetRepository, Descriptor blob) =>
        repositories.TryGetValue((host, blob.Digest), out var list) ? list.FirstOrDefault(r => r != targetRepository) : null;
}
