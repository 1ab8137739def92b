namespace ImageBuild.Layers;

/// <summary>
/// Reads files that go into layers by the names <see cref="LayerEntries"/> found, including names that are not
/// UTF-8 (see <see cref="UnixNames"/>), which only native calls can reach; every other name uses .NET's own APIs.
/// </summary>
internal static class SourceFiles
{
    public static FileStream OpenRead(string path, FileOptions options = FileOptions.SequentialScan) =>
        NeedsNative(path)
            ? UnixNative.OpenRead(path)
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, options);

    public static (long Length, DateTime ModifiedUtc) SizeAndTime(string path)
    {
        if (NeedsNative(path))
        {
            var identity = UnixNative.TryGetIdentity(path)!.Value;
            return (identity.Size, identity.ModifiedUtc);
        }

        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static UnixFileMode Mode(string path) =>
        NeedsNative(path) ? (UnixFileMode)(UnixNative.TryGetIdentity(path)!.Value.Mode & 0xFFF) : File.GetUnixFileMode(path);

    private static bool NeedsNative(string path) => OperatingSystem.IsLinux() && UnixNames.HasEscapes(path);
}
