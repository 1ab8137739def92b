using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Transfers;

/// <summary>A pull of a tag that does not exist names the repository's tags that look like it.</summary>
public sealed class NearTagsTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-near-tags");

    [Fact]
    public async Task A_missing_tag_lists_the_nearest_existing_tags()
    {
        var cli = new CliRunner(temp.Combine("store"));
        var repository = $"{registry.Host}/near/app";
        (await cli.RunAsync("import", await BusyboxRootfs.GetAsync(), $"{repository}:1.0")).EnsureSuccess();
        (await cli.RunAsync("tag", $"{repository}:1.0", $"{repository}:1.1", $"{repository}:2.0", $"{repository}:latest")).EnsureSuccess();
        (await cli.RunAsync("push", "--all-tags", repository)).EnsureSuccess();

        var result = await new CliRunner(temp.Combine("fresh")).RunAsync("pull", $"{repository}:1.2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: manifest for {repository}:1.2 not found: the tag does not exist; tags near it: 1.0, 1.1, 2.0 (all of them: 'dotnet image tags {repository}')",
            result.StandardError.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task A_repository_without_tags_keeps_the_plain_message()
    {
        var result = await new CliRunner(temp.Combine("store")).RunAsync("pull", $"{registry.Host}/never/pushed:1.0");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("tags near it", result.StandardError);
    }

    public void Dispose() => temp.Dispose();
}
