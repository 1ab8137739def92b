using ImageBuild.Oci;

namespace ImageBuild.Archives;

/// <summary>File names inside OCI and docker archives.</summary>
internal static class ArchiveLayout
{
    public const string OciIndexFile = "index.json";
    public const string DockerManifestFile = "manifest.json";
    public const string RepositoriesFile = "repositories";

    /// <summary><c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>: where both the image layout and docker 25+ keep a blob.</summary>
    public static string BlobPath(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Hex}";
}
