using ImageBuild.Archives;
using ImageBuild.Content;

namespace ImageBuild.Tests.Infrastructure;

/// <summary>Reads an archive in place and copies every image it holds into a blob sink, as a load does.</summary>
public static class ArchiveLoading
{
    public static async Task<IReadOnlyList<LoadedImage>> LoadAsync(string archive, IBlobWriter sink, string scratchDirectory)
    {
        await using var contents = await ArchiveContents.OpenAsync(archive, ScratchFiles(scratchDirectory), CancellationToken.None);
        var copier = new ContentCopier(contents.Reader, sink);
        foreach (var image in contents.Images)
        {
            // A partial multi-platform image (one platform pulled) is normal: its index is kept whole.
            await copier.CopyAsync(image.Root, new ContentCopyOptions { AllowMissingIndexChildren = true }, cancellationToken: CancellationToken.None);
        }

        return contents.Images;
    }

    /// <summary>Names new files in <paramref name="directory"/>, made on first use.</summary>
    public static Func<string> ScratchFiles(string directory) =>
        () => Path.Combine(Directory.CreateDirectory(directory).FullName, $"{Guid.NewGuid():N}.tmp");
}
