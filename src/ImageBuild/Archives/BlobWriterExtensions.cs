using ImageBuild.Content;
using ImageBuild.Oci;

namespace ImageBuild.Archives;

internal static class BlobWriterExtensions
{
    /// <summary>Stores a blob unless the sink already has it; content is addressed by digest, so a present blob is the same blob.</summary>
    public static async Task WriteIfMissingAsync(this IBlobWriter sink, Descriptor descriptor, Func<Stream> open, CancellationToken cancellationToken)
    {
        if (await sink.HasBlobAsync(descriptor, cancellationToken))
        {
            return;
        }

        await using var content = open();
        await sink.WriteBlobAsync(descriptor, content, cancellationToken);
    }

    public static Task WriteIfMissingAsync(this IBlobWriter sink, Descriptor descriptor, byte[] content, CancellationToken cancellationToken) =>
        sink.WriteIfMissingAsync(descriptor, () => new MemoryStream(content, writable: false), cancellationToken);
}
