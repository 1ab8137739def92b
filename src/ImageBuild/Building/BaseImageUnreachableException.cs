using ImageBuild.Errors;

namespace ImageBuild.Building;

/// <summary>
/// The base image's registry (or daemon) did not answer, as distinct from an output's: the fix is another base or a
/// mirror, not the push target.
/// </summary>
public sealed class BaseImageUnreachableException(string baseImage, ImageBuildException inner)
    : ImageBuildException($"cannot read the base image {baseImage}: {inner.Message}", inner)
{
    public string BaseImage { get; } = baseImage;

    /// <summary>Why it could not be read, in the words of the registry or daemon client.</summary>
    public string Reason => InnerException!.Message;
}
