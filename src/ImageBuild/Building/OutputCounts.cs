namespace ImageBuild.Building;

/// <summary>Blob traffic of the outputs of one build.</summary>
internal sealed class OutputCounts
{
    public int Uploaded { get; set; }

    public int Mounted { get; set; }

    public int Skipped { get; set; }
}
