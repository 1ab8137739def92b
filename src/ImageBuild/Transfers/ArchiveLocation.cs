using ImageBuild.Archives;
using ImageBuild.Errors;
using ImageBuild.References;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>
/// An image in an oci-archive or docker-archive file. Read by loading the archive into a scratch layout first
/// (the archive loader verifies every blob); written by collecting the image in a scratch layout and writing
/// the archive at commit. A docker-archive stores layers uncompressed and holds one platform, so an image
/// that passes through one gets new manifest digests; an oci-archive keeps them.
/// </summary>
public sealed record ArchiveLocation(ArchiveFormat Format, string Path, string? Reference) : ImageLocation
{
    public override string ToString() => (Format == ArchiveFormat.Oci ? OciArchivePrefix : DockerArchivePrefix) + Path + (Reference is null ? string.Empty : ":" + Reference);

    public override async Task<ImageSource> OpenSourceAsync(TransferEndpoints endpoints, CancellationToken cancellationToken)
    {
        var scratch = ScratchLayout.Create(endpoints.ScratchDirectory);
        try
        {
            var layout = await scratch.OpenLayoutAsync(cancellationToken);
            var loaded = await new ArchiveLoader().LoadAsync(Path, layout, scratch.Directory, cancellationToken);
            var image = Choose(loaded);
            return new ImageSource(image.Root, layout, ToString(), cleanup: scratch.DisposeAsync);
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }

    public override async Task<ImageDestination> OpenDestinationAsync(TransferEndpoints endpoints, ImageSource source, CancellationToken cancellationToken)
    {
        var names = ArchiveNames();
        var scratch = ScratchLayout.Create(endpoints.ScratchDirectory);
        try
        {
            return new ArchiveDestination(Format, Path, names, await scratch.OpenLayoutAsync(cancellationToken), scratch, ToString());
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }

    /// <summary>An OCI archive records the name as given (skopeo's bare tag); docker-archive's RepoTags need name:tag.</summary>
    private IReadOnlyList<string> ArchiveNames()
    {
        if (Reference is null)
        {
            return [];
        }

        if (Format == ArchiveFormat.Oci)
        {
            return [Reference];
        }

        var reference = ImageReference.ParseNormalized(Reference);
        return reference.Digest is null
            ? [reference.FamiliarString]
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
