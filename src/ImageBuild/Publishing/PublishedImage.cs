using System.Text.Json.Serialization;
using ImageBuild.Building;

namespace ImageBuild.Publishing;

/// <summary>A build's result, the full references pushed to registries (empty when nothing was pushed), and where the image went.</summary>
/// <param name="Places">Each output as the summary shows it: "store PATH", "Docker at unix:///var/run/docker.sock", "registry", a file.</param>
/// <param name="DaemonNote">When the project chose no output: whether the local daemon got the image too, and how to load it if not.</param>
internal sealed record PublishedImage(BuildResult Result, IReadOnlyList<string> PushedReferences, IReadOnlyList<string> Places, string? DaemonNote)
{
    /// <summary>Every name the image now has: pushed references, else the tags it got in the store, daemon or archives.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> References => PushedReferences.Count > 0 ? PushedReferences : Result.Tags;
}
