using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Archives;

/// <summary>
/// What <c>docker load</c> reads from an archive: <c>manifest.json</c> (each image's config and layer paths and its
/// RepoTags) and the legacy <c>repositories</c> file (repository -> tag -> top layer). Both docker-archives and our
/// OCI archives carry them, so every docker, podman and skopeo version loads what we write.
/// </summary>
internal sealed class DockerLoadManifest
{
    private readonly List<DockerArchiveManifestItem> items = [];
    private readonly Dictionary<string, Dictionary<string, string>> repositories = new(StringComparer.Ordinal);

    public bool IsEmpty => items.Count == 0;

    /// <param name="names">Names as recorded elsewhere in the archive; those that are not <c>name:tag</c> cannot be RepoTags and are left out.</param>
    public void Add(string configPath, IReadOnlyList<string> layerPaths, IReadOnlyList<Digest> diffIds, IEnumerable<string> names)
    {
        var repoTags = names.Select(RepoTag).OfType<string>().Distinct().ToList();
        items.Add(new DockerArchiveManifestItem { Config = configPath, RepoTags = repoTags, Layers = layerPaths });
        if (diffIds.Count == 0)
        {
            return;
        }

        foreach (var name in repoTags)
        {
            if (ReferenceNames.SplitTag(name) is var (repository, tag))
            {
                if (!repositories.TryGetValue(repository, out var tags))
                {
                    repositories[repository] = tags = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                tags[tag] = diffIds[^1].Hex;
            }
        }
    }

    public async Task WriteAsync(DeterministicTarWriter tar, CancellationToken cancellationToken = default)
    {
        await tar.WriteFileAsync(ArchiveLayout.DockerManifestFile, DockerArchiveJson.SerializeManifest(items), cancellationToken);
        if (repositories.Count > 0)
        {
            await tar.WriteFileAsync(ArchiveLayout.RepositoriesFile, DockerArchiveJson.SerializeRepositories(repositories), cancellationToken);
        }
    }

    /// <summary>docker's RepoTags form, <c>name:tag</c> in familiar form; null for a bare tag, a digest reference or a malformed name.</summary>
    private static string? RepoTag(string name) =>
        ImageReference.TryParse(name, out var reference) && reference.Tag is not null && reference.Digest is null
            ? reference.FamiliarString
            : null;
}
