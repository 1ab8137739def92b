using System.Text;

namespace ImageBuild.Layers;

/// <summary>
/// The length limit of a path the host can open by name (PATH_MAX on Linux), checked before a deep tree in a
/// layer or a build context reaches a system call that would fail with an exception nobody can act on.
/// </summary>
internal static class HostPaths
{
    public const int MaxBytes = 4096;

    /// <summary>Whether <paramref name="path"/>, with its terminating NUL, is longer than the host accepts.</summary>
    public static bool IsTooLong(string path) => Encoding.UTF8.GetByteCount(path) >= MaxBytes;

    /// <summary>The start and end of a long path, for a one-line message.</summary>
    public static string Shorten(string path) => path.Length <= 120 ? path : $"{path[..60]}...{path[^40..]}";
}
