using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.Transfers;

/// <summary>Collects an image in a scratch layout and writes it as an archive file at commit (atomically, so a failure leaves no partial file).</summary>
internal sealed class ArchiveDestination(
    ArchiveFormat format, string path, IReadOnlyList<string> names, OciLayout scratchLayout, ScratchLayout scratch, string displayName) : ImageDestination
{
    public override IBlobWriter Writer => scratchLayout;

    public override string DisplayName => displayName;

    public override async Task CommitAsync(Descriptor root, IBlobReader source, CancellationToken cancellationToken)
    {
        IReadOnlyList<ArchiveImage> images = [new ArchiveImage(root, names)];
        if (format == ArchiveFormat.Oci)
        {
            await AtomicFile.WriteAsync(path, (stream, ct) => new OciArchiveWriter().WriteAsync(stream, scratchLayout, images, ct), cancellationToken);
            return;
        }

        await AtomicFile.WriteAsync(path, (stream, ct) => new DockerArchiveWriter(scratch.Directory).WriteAsync(stream, scratchLayout, images, ct), cancellationToken);
    }

    public override void ValidateRoot(Descriptor root)
    {
        if (format == ArchiveFormat.Docker && !MediaTypes.IsManifest(root.MediaType))
        {
            throw new InvalidInputException($"{displayName}: a docker-archive holds single-platform images; copy one platform (drop --all-platforms)");
        }
    }

    public override ValueTask DisposeAsync() => scratch.DisposeAsync();
}
