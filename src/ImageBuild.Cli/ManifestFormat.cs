namespace ImageBuild.Cli;

/// <summary>The manifest family a command writes.</summary>
public enum ManifestFormat
{
    Oci,
    Docker,
}
