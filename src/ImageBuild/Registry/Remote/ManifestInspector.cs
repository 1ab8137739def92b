using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Registry.Remote;

/// <summary>What <c>manifest inspect -v</c> reports: each platform image behind a reference, without its layers.</summary>
public static class ManifestInspector
{
    /// <summary>
    /// For an index, every child manifest (fetched by digest) with the platform its index entry declares, in
    /// index order; for a manifest, that manifest with the platform its config declares. Configs that are not
    /// image configs (artifacts) give no platform.
    /// </summary>
    public static async Task<IReadOnlyList<InspectedManifest>> InspectAsync(
        RegistryClient client, ImageReference reference, RegistryManifest root, CancellationToken cancellationToken = default)
    {
        if (!MediaTypes.IsIndex(root.MediaType))
        {
            var platform = await ReadConfigPlatformAsync(client, reference.Repository, root, cancellationToken);
            return [new InspectedManifest(reference, root.ToDescriptor() with { Platform = platform }, root.Bytes)];
        }

        var index = OciJson.ParseIndex(root.Bytes);
        var children = new List<InspectedManifest>(index.Manifests.Count);
        foreach (var entry in index.Manifests)
        {
            var child = await client.GetManifestAsync(reference.Repository, entry.Digest, cancellationToken);
            var childReference = reference.WithDigest(entry.Digest);
            if (!MediaTypes.IsManifest(child.MediaType))
            {
                throw new ImageBuildException(
                    $"{reference} lists {entry.Digest}, which is a {child.MediaType}, not an image manifest; inspect it on its own with 'dotnet image manifest inspect {childReference.WithoutTag()}'");
            }

            children.Add(new InspectedManifest(childReference, child.ToDescriptor() with { Platform = entry.Platform }, child.Bytes));
        }

        return children;
    }

    private static async Task<Platform?> ReadConfigPlatformAsync(
        RegistryClient client, string repository, RegistryManifest manifest, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsManifest(manifest.MediaType))
        {
            throw new ImageBuildException($"{client.Registry}/{repository}@{manifest.Digest} is a {manifest.MediaType}, neither an image manifest nor an index");
        }

        var config = OciJson.ParseManifest(manifest.Bytes).Config;
        if (config.MediaType is not (MediaTypes.OciConfig or MediaTypes.DockerConfig))
        {
            return null;
        }

        var parsed = OciJson.ParseConfig(await client.Repository(repository).ReadSmallBlobAsync(config, cancellationToken));
        return new Platform
        {
            Architecture = parsed.Architecture,
            Os = parsed.Os,
            OsVersion = parsed.OsVersion,
            OsFeatures = parsed.OsFeatures,
            Variant = parsed.Variant,
        };
    }
}
