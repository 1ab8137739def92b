namespace ImageBuild.Tests.Infrastructure;

/// <summary>
/// The workplace's shared reference folder (peer test vectors, SPDX schema), which tests read in place and the
/// project never copies: <c>$IMAGEBUILD_SHARED</c>, else a <c>shared</c> folder beside the checkout or one of
/// its parents, else <c>/work/shared</c>. A missing folder fails the test that needs it, so a machine without it
/// can never report a green run that checked nothing.
/// </summary>
public static class SharedReferenceFiles
{
    private const string Marker = "peer-vectors";

    public static string Root => Locate() ?? throw new DirectoryNotFoundException(
        $"the shared reference folder (with {Marker}/) was not found: set IMAGEBUILD_SHARED to it");

    /// <summary>The path of <paramref name="relative"/> in the shared folder, such as <c>peer-vectors/glob-vectors.jsonl</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("IMAGEBUILD_SHARED");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(Path.Combine(configured, Marker)) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, Marker)))
            {
                return candidate;
            }
        }

        return Directory.Exists(Path.Combine("/work/shared", Marker)) ? "/work/shared" : null;
    }
}
