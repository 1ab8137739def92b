using System.Text.Json;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>Reads and writes <c>imagebuild-metadata.json</c> beside index.json, replaced whole under the layout lock.</summary>
internal sealed class StoreMetadataFile(OciLayout layout)
{
    public const string FileName = "imagebuild-metadata.json";

    private string FilePath => Path.Combine(layout.RootPath, FileName);

    public async Task<StoreMetadata> ReadAsync(CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            // Small and local: read at once, as the layout's documents are.
            cancellationToken.ThrowIfCancellationRequested();
            bytes = File.ReadAllBytes(FilePath);
        }
        catch (FileNotFoundException)
        {
            return new StoreMetadata();
        }

        try
        {
            var metadata = JsonSerializer.Deserialize(bytes, StoreJsonContext.Default.StoreMetadata) ?? new StoreMetadata();

            // Source-generated deserialization sets init-only properties the file lacks to null, not to their initializers.
            return metadata with
            {
                Refs = metadata.Refs ?? new(StringComparer.Ordinal),
                Images = metadata.Images ?? new(StringComparer.Ordinal),
                Referrers = metadata.Referrers ?? new(StringComparer.Ordinal),
            };
        }
        catch (JsonException ex)
        {
            throw new ImageBuildException($"{FilePath} is damaged ({ex.Message}); delete it to lose only tag times, pull sources and attached referrers", ex);
        }
    }

    /// <summary>Writes <paramref name="metadata"/>, dropping what no longer belongs to an entry of <paramref name="index"/>.</summary>
    public async Task WriteAsync(LayoutLock heldLock, StoreMetadata metadata, ImageIndex index, CancellationToken cancellationToken = default)
    {
        layout.EnsureHeld(heldLock);
        var refNames = index.Manifests.Select(IndexEdits.RefNameOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var digests = index.Manifests.Select(m => m.Digest.ToString()).ToHashSet(StringComparer.Ordinal);
        var pruned = metadata with
        {
            Refs = metadata.Refs.Where(r => refNames.Contains(r.Key)).ToDictionary(StringComparer.Ordinal),
            Images = metadata.Images.Where(i => digests.Contains(i.Key)).ToDictionary(StringComparer.Ordinal),
            Referrers = metadata.Referrers.Where(r => digests.Contains(r.Key)).ToDictionary(StringComparer.Ordinal),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(pruned, StoreJsonContext.Default.StoreMetadata);
        await IngestFiles.ReplaceAsync(FilePath, bytes, layout.IngestPath, cancellationToken);
    }
}
