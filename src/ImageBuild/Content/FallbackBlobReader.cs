using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Content;

/// <summary>
/// Reads each blob from the first reader that has it: a build's new blobs sit in the store, its base's
/// blobs wherever the base lives, and outputs read both through one reader.
/// </summary>
public sealed class FallbackBlobReader(IReadOnlyList<IBlobReader> readers) : IBlobReader
{
    public async Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        NotFoundException? last = null;
        foreach (var reader in readers)
        {
            try
            {
                return await reader.OpenBlobAsync(descriptor, cancellationToken);
            }
            catch (NotFoundException e)
            {
                last = e;
            }
        }

        throw last ?? new NotFoundException($"blob {descriptor.Digest} is in none of the build's sources");
    }
}
