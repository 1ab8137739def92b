using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.Layers;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;
using ImageBuild.Store;

namespace ImageBuild.Building;

/// <summary>
/// Makes a single-layer image of a root filesystem (a directory or a tarball), as <c>docker import</c> does.
/// The blobs are stored first and the tag written last, so a failed import leaves no tag behind.
/// </summary>
public sealed class RootfsImporter(ImageStore store)
{
    public async Task<RootfsImportResult> ImportAsync(string source, string? refName, RootfsImportOptions options, CancellationToken cancellationToken = default)
    {
        var layer = await WriteLayerAsync(source, options.Layer, cancellationToken);
        var layerDescriptor = layer.ToDescriptor();
        await store.Layout.ImportBlobFileAsync(layer.FilePath, layerDescriptor, cancellationToken);

        var created = ImageConfig.FormatTime(options.Created);
        var containerConfig = DockerfileInstructionParser.ApplyAll(new ContainerConfig(), options.Changes);
        var sourceName = Path.GetFileName(Path.TrimEndingDirectorySeparator(source));
        var config = new ImageConfig
        {
            Created = created,
            Architecture = options.Platform.Architecture,
            Os = options.Platform.Os,
            Variant = options.Platform.Variant,
            OsVersion = options.Platform.OsVersion,
            Config = containerConfig,
            RootFs = new RootFs { DiffIds = [layer.DiffId] },
            History =
            [
                new HistoryEntry
                {
                    Created = created,
                    CreatedBy = "dotnet image import " + sourceName,
                    Comment = options.Message ?? "Imported from " + sourceName,
                },
            ],
        };
        var docker = options.Layer.DockerMediaTypes;
        var configBlob = JsonBlobs.Config(config, docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig);
        var manifest = JsonBlobs.Manifest(new ImageManifest
        {
            MediaType = docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest,
            Config = configBlob.ToDescriptor(),
            Layers = [layerDescriptor],
        });
        await store.Layout.WriteJsonAsync(configBlob, cancellationToken);
        var manifestDescriptor = await store.Layout.WriteJsonAsync(manifest, cancellationToken);

        if (refName is null)
        {
            await store.AddUntaggedAsync(manifestDescriptor, cancellationToken);
        }
        else
        {
            await store.TagAsync(refName, manifestDescriptor, cancellationToken);
        }

        return new RootfsImportResult(manifestDescriptor, configBlob.Digest, layerDescriptor, layer.DiffId);
    }

    private async Task<LayerBlob> WriteLayerAsync(string source, LayerOptions layerOptions, CancellationToken cancellationToken)
    {
        var writer = new LayerWriter(layerOptions);
        var tempDirectory = Path.GetDirectoryName(store.Layout.CreateIngestPath())!;
        if (Directory.Exists(source))
        {
            return await writer.WriteAsync(LayerEntries.FromDirectory(source), tempDirectory, cancellationToken);
        }

        if (!File.Exists(source))
        {
            throw new NotFoundException($"{source} does not exist; pass a root filesystem directory or tarball");
        }

        // Names that are absolute or climb are kept inside the root as docker import keeps them; a tarball
        // without any stays byte for byte as it is.
        bool needsCleaning;
        await using (var scanned = await RootfsSource.OpenTarAsync(source, cancellationToken))
        {
            needsCleaning = await ForeignTarNames.NeedsCleaningAsync(scanned, source, cancellationToken);
        }

        await using var tar = await RootfsSource.OpenTarAsync(source, cancellationToken);
        return needsCleaning
            ? await writer.WriteFromTarAsync((output, ct) => ForeignTarNames.RewriteAsync(tar, output, ct), tempDirectory, cancellationToken)
            : await writer.WriteFromTarAsync(tar, tempDirectory, cancellationToken);
    }
}
