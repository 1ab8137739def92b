using ImageBuild.Building;

namespace ImageBuild.Tasks;

/// <summary>A build's result and the full references pushed to registries (empty when nothing was pushed).</summary>
public sealed record PublishedImage(BuildResult Result, IReadOnlyList<string> PushedReferences)
{
    /// <summary>Every name the image now has: pushed references, else the tags it got in the store or archives.</summary>
    public IReadOnlyList<string> References => PushedReferences.Count > 0 ? PushedReferences : Result.Tags;
}
