namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// Where expensive fixtures (root filesystems) are kept between runs: $IMAGEBUILD_TEST_CACHE, else
/// ~/.cache/imagebuild-tests, the same place eng/test.sh uses.
/// </summary>
public static class TestCache
{
    public static string Root
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("IMAGEBUILD_TEST_CACHE");
            var root = string.IsNullOrEmpty(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "imagebuild-tests")
                : configured;
            Directory.CreateDirectory(root);
            return root;
        }
    }

    /// <summary>
    /// Returns the cached directory <paramref name="name"/>, building it with <paramref name="build"/> first
    /// when absent. The build goes to a scratch directory that is renamed into place, so a run that dies
    /// half-way, or another test process building the same entry, never leaves a partial fixture.
    /// </summary>
    public static async Task<string> GetOrCreateDirectoryAsync(string name, Func<string, CancellationToken, Task> build, CancellationToken cancellationToken)
    {
        var target = Path.Combine(Root, name);
        if (Directory.Exists(target))
        {
            return target;
        }

        var scratch = Path.Combine(Root, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(scratch);
        try
        {
            await build(scratch, cancellationToken);
            Directory.Move(scratch, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // Another process finished the same fixture first; theirs is as good as ours.
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        return target;
    }
}
