using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Transfers;

/// <summary>
/// An image in an oci-archive or docker-archive file. Read in place (the tar is indexed once and blobs are served
/// as slices of it); written by streaming the archive from the source under a temporary name that the commit
/// renames. Our oci-archives also carry docker load's manifest.json, so docker loads them too. A docker-archive
/// holds single-platform images and no manifests, so an image that passes through one keeps its layer and config
/// digests but gets a new manifest.
/// </summary>
public sealed record ArchiveLocation(ArchiveFormat Format, string Path, string? Reference) : ImageLocation
{
    public override string ToString() => (Format == ArchiveFormat.Oci ? OciArchivePrefix : DockerArchivePrefix) + Path + (Reference is null ? string.Empty : ":" + Reference);

    public override bool NamesItself => Reference is not null;

    public override async Task<ImageSource> OpenSourceAsync(TransferEndpoints endpoints, CancellationToken cancellationToken = default)
    {
        var contents = await OpenContentsAsync(endpoints, cancellationToken);
        try
        {
            var image = Choose(contents.Images);
            return new ImageSource(image.Root, contents.Reader, ToString(), cleanup: contents.DisposeAsync);
        }
        catch
        {
            await contents.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every image of the archive with the names it records, for <c>load</c>.</summary>
    public async Task<ArchiveContents> OpenContentsAsync(TransferEndpoints endpoints, CancellationToken cancellationToken = default) =>
        await ArchiveContents.OpenAsync(Path, await endpoints.ScratchFilesAsync(cancellationToken), cancellationToken);

    public override async Task<ImageDestination> OpenDestinationAsync(TransferEndpoints endpoints, ImageSource source, CancellationToken cancellationToken = default) =>
        ArchiveDestination.ToFile(Format, Path, OwnName(), await endpoints.ScratchFilesAsync(cancellationToken), ToString());

    /// <summary>An OCI archive records the name as given (skopeo's bare tag); docker-archive's RepoTags need name:tag.</summary>
    private string? OwnName()
    {
        if (Reference is null || Format == ArchiveFormat.Oci)
        {
            return Reference;
        }

        var reference = ImageReference.ParseNormalized(Reference);
        return reference.Digest is null
            ? reference.FamiliarString
            : throw new InvalidInputException($"{this}: a docker-archive names images by name:tag, not by digest");
    }

    private LoadedImage Choose(IReadOnlyList<LoadedImage> loaded)
    {
        if (Reference is null)
        {
            return loaded.Count == 1
                ? loaded[0]
                : throw new InvalidInputException($"{this} holds {loaded.Count} images; name one as {this}:REF");
        }

        var wanted = ImageReference.TryParse(Reference, out var parsed) ? parsed.WithDefaultTag().ToString() : null;
        return loaded.FirstOrDefault(i => i.RefNames.Contains(Reference))
            ?? loaded.FirstOrDefault(i => wanted is not null && i.RefNames.Any(n => ImageReference.TryParse(n, out var name) && name.WithDefaultTag().ToString() == wanted))
            ?? throw new NotFoundException($"{this} not found: the archive has no image named {Reference}");
    }
}
