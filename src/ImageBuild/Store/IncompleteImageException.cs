using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// A tag was refused because a blob the image needs is not in the store. Usually a concurrent <c>rm</c> or
/// <c>prune</c> removed a blob this command had found present; copying the image again writes it back.
/// </summary>
public sealed class IncompleteImageException(Descriptor image, Descriptor missing, string storePath)
    : ImageBuildException($"cannot store image {image.Digest}: its blob {missing.Digest} ({missing.MediaType}) is not in {storePath}; pull or build the image again")
{
    public Descriptor Image { get; } = image;

    public Descriptor Missing { get; } = missing;
}
