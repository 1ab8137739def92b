namespace ImageBuild.Cli;

/// <summary>The manifest family a command writes.</summary>
internal enum ManifestFormat
{
    Oci,
    Docker,
}
