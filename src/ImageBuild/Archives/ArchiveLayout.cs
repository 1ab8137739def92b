using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>File names inside OCI and docker archives.</summary>
internal static class ArchiveLayout
{
    public const string OciIndexFile = "index.json";
    public const string DockerManifestFile = "manifest.json";
    public const string RepositoriesFile = "repositories";

    /// <summary>What to do about an archive whose content does not match what it says it holds.</summary>
    public const string CorruptRemedy = "recreate the archive";

    /// <summary>What to do about a source blob that does not match its descriptor while an archive is written.</summary>
    public const string CorruptSourceRemedy = "repair or pull the image again ('dotnet image fsck --repair' for the store)";

    /// <summary><c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>: where both the image layout and docker 25+ keep a blob.</summary>
    public static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";
}
