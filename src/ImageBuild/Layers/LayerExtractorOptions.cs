namespace ImageBuild.Layers;

/// <summary>What the extractor may do beyond files, directories and links; by default, what the process is allowed to.</summary>
public sealed record LayerExtractorOptions
{
    /// <summary>Set owners from the layer (lchown); only root may, so it defaults to whether the process is privileged.</summary>
    public bool PreserveOwnership { get; init; } = Environment.IsPrivilegedProcess;

    /// <summary>Create character/block devices and fifos; otherwise they are skipped without failing.</summary>
    public bool CreateSpecialFiles { get; init; } = Environment.IsPrivilegedProcess;
}
