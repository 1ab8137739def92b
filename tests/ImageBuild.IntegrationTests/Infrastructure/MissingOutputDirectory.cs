namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>The check shared by every command that writes an archive with <c>-o FILE</c>: a file in a missing directory.</summary>
public static class MissingOutputDirectory
{
    /// <summary>
    /// Runs <paramref name="command"/> with <c>-o</c> naming a file in a directory that does not exist inside
    /// <paramref name="work"/>, which must hold nothing but the store. The command must fail with exit code 1
    /// and one line naming the directory, create nothing, and leave no temp file behind.
    /// </summary>
    public static async Task AssertRefusedAsync(CliRunner cli, TempDirectory work, params string[] command)
    {
        var missing = work.Combine("no-such-dir");
        var output = Path.Combine(missing, "out.tar");

        var result = await cli.RunAsync([.. command, "-o", output], timeout: null, CancellationToken.None);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot write {output}: directory {missing} does not exist", result.StandardError.Trim());
        Assert.False(Directory.Exists(missing));
        Assert.Equal([Path.GetFileName(cli.StoreDirectory)], Directory.EnumerateFileSystemEntries(work.Path).Select(Path.GetFileName));
    }
}
