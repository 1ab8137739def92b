using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>Arguments are data: an image name from an untrusted source never reads a file or echoes one.</summary>
public sealed class HostileArgumentTests : IDisposable
{
    private const string Canary = "canary-secret-4f1d9a";
    private readonly TempDirectory temp = TempDirectory.Create("imagebuild-hostile-arguments");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task An_at_sign_argument_is_an_image_name_not_a_response_file()
    {
        var cli = new CliRunner(temp.Combine("store"), new Dictionary<string, string?> { ["IMAGEBUILD_CANARY"] = Canary });
        var file = temp.Combine("arguments.txt");
        await File.WriteAllTextAsync(file, $"--store\n{temp.Combine("elsewhere")}\nls\n{Canary}\n");

        foreach (var argument in new[] { "@/proc/self/environ", "@" + file })
        {
            var result = await cli.RunAsync("inspect", argument);

            // Not a valid reference: a usage error that names it, as for any other malformed name.
            Assert.Equal(2, result.ExitCode);
            Assert.Empty(result.StandardOutput);
            var line = Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
            Assert.Contains(argument, line);
            Assert.DoesNotContain(Canary, result.StandardError);
        }

        Assert.False(Directory.Exists(temp.Combine("elsewhere")));
    }
}
