using ImageBuild.Archives;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Oci;

namespace ImageBuild.Transfers;

/// <summary>
/// An oci-archive or docker-archive to write. The archive is written whole while content is written, streaming
/// each blob from the source (nothing is collected first): to a file, under a temporary name the commit renames
/// into place, so a failure never leaves a partial archive; or to a stream (standard output, a pipe).
/// </summary>
public sealed class ArchiveDestination : ImageDestination
{
    private readonly ArchiveFormat format;
    private readonly string? path;
    private readonly Stream? stream;
    private readonly string? refName;
    private readonly Func<string> newScratchFile;
    private StagedFile? staged;
    private bool written;

    private ArchiveDestination(ArchiveFormat format, string? path, Stream? stream, string? refName, Func<string> newScratchFile, string displayName)
    {
        this.format = format;
        this.path = path;
        this.stream = stream;
        this.refName = refName;
        this.newScratchFile = newScratchFile;
        DisplayName = displayName;
    }

    public override string DisplayName { get; }

    /// <param name="refName">The location's own name, in the form the format records (a docker-archive's <c>name:tag</c>), which wins over the caller's names.</param>
    /// <param name="newScratchFile">Names a temporary file, where a layer docker cannot load compressed waits, decompressed, to be written.</param>
    public static ArchiveDestination ToFile(ArchiveFormat format, string path, string? refName, Func<string> newScratchFile, string displayName) =>
        new(format, path, null, refName, newScratchFile, displayName);

    /// <summary>Writes the archive to <paramref name="output"/> as it is made; the caller owns the stream.</summary>
    public static ArchiveDestination ToStream(ArchiveFormat format, Stream output, Func<string> newScratchFile, string displayName) =>
        new(format, null, output, null, newScratchFile, displayName);

    public override void Validate(NamedImage image)
    {
        if (format == ArchiveFormat.Docker && !MediaTypes.IsManifest(image.Root.MediaType))
        {
            throw new InvalidInputException($"{DisplayName}: a docker-archive holds single-platform images; write one platform (drop --all-platforms), or use an oci-archive");
        }
    }

    public override async Task<ContentCopySummary> WriteContentAsync(
        IReadOnlyList<NamedImage> images, IBlobReader source, ContentCopyOptions options, CancellationToken cancellationToken = default)
    {
        if (written)
        {
            throw new InvalidOperationException("an archive destination writes its images once, all together");
        }

        written = true;
        var archiveImages = images.Select(i => new ArchiveImage(i.Root, NamesOf(i))).ToList();
        var output = stream;
        if (output is null)
        {
            staged = StagedFile.Create(path!);
            output = staged.Stream;
        }

        return format == ArchiveFormat.Oci
            ? await new OciArchiveWriter().WriteAsync(output, source, archiveImages, cancellationToken)
            : await new DockerArchiveWriter(newScratchFile).WriteAsync(output, source, archiveImages, cancellationToken);
    }

    public override async Task CommitAsync(IReadOnlyList<NamedImage> images, IBlobReader source, CancellationToken cancellationToken = default)
    {
        if (staged is not null)
        {
            await staged.CommitAsync(cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (staged is not null)
        {
            await staged.DisposeAsync();
        }
    }

    /// <summary>An OCI archive records full references; docker's RepoTags take familiar <c>name:tag</c>.</summary>
    private IReadOnlyList<string> NamesOf(NamedImage image) =>
        refName is not null ? [refName]
        : image.Names.Select(n => format == ArchiveFormat.Docker ? n.FamiliarString : n.ToString()).Distinct().ToList();
}
