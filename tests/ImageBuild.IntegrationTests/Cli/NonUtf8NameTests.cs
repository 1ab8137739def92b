using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>Names are bytes on Linux: files whose names are not UTF-8 are built into the layer as the bytes they are, GNU tar judging.</summary>
public sealed class NonUtf8NameTests : IDisposable
{
    private readonly CliStore store = new();
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-non-utf8");

    public void Dispose()
    {
        ProcessRunner.RunAsync("rm", ["-rf", temp.Path]).GetAwaiter().GetResult().EnsureSuccess();
        store.Dispose();
    }

    [Fact]
    public async Task A_context_with_latin1_and_invalid_byte_names_is_built_byte_for_byte()
    {
        var context = temp.CreateSubdirectory("context");
        (await ProcessRunner.RunAsync("bash", ["-c", "printf latin1 > $'caf\\xe9.txt' && mkdir $'d\\xff' && printf inner > $'d\\xff/inner' && ln -s $'caf\\xe9.txt' $'l\\xfe'"],
            workingDirectory: context)).EnsureSuccess();

        (await store.RunAsync("build", context, "--from", "scratch", "-t", "bytes:1", "--workdir", "/app")).EnsureSuccess();

        var id = (await store.OutputAsync("inspect", "--format", "{{.Id}}", "bytes:1")).Trim();
        var layer = Assert.Single(await store.LayerDigestsAsync(id));
        var listing = await ProcessRunner.OutputOfAsync("tar", "--quoting-style=escape", "-tvzf", store.BlobPath(layer));
        var lines = listing.TrimEnd('\n').Split('\n').Select(line => line[(line.IndexOf(" 00:00 ", StringComparison.Ordinal) + 7)..]).ToList();
        Assert.Equal(["app/", "app/caf\\351.txt", "app/d\\377/", "app/d\\377/inner", "app/l\\376 -> caf\\351.txt"], lines);

        var extracted = temp.CreateSubdirectory("extracted");
        await ProcessRunner.OutputOfAsync("tar", "-xzf", store.BlobPath(layer), "-C", extracted);
        Assert.Equal("latin1", (await ProcessRunner.OutputOfAsync("bash", "-c", $"cat {extracted}/app/$'caf\\xe9.txt'")).Trim());
        Assert.Equal("inner", (await ProcessRunner.OutputOfAsync("bash", "-c", $"cat {extracted}/app/$'d\\xff/inner'")).Trim());
    }
}
