using System.Text.Json;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// Every case of the shared template vectors, run by the real docker CLI and by our tool on the same images: the exit
/// code, standard output and error messages must be docker's. inspect vectors run <c>docker image inspect --format</c>
/// and <c>dotnet image inspect --format</c>, ls vectors <c>image ls --format</c> over the peer images. Where docker's values depend on its storage (SIZE: docker
/// counts unpacked bytes, we count the store's compressed bytes, see docs/docker-differences.md), the vector's
/// compare mode says what is compared.
/// </summary>
[Collection(SideBySideCollection.Name)]
public sealed class TemplateVectorTests(SideBySideFixture fixture)
{
    private const string VectorsPath = "peer-vectors/template-vectors.jsonl";

    [Fact]
    public async Task Every_template_vector_behaves_as_in_docker()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(SharedReferenceFiles.PathOf(VectorsPath)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var vector = json.RootElement;
            var id = vector.GetProperty("id").GetString()!;
            var template = vector.GetProperty("template").GetString()!;
            var compare = vector.GetProperty("compare").GetString()!;
            string[] command = vector.GetProperty("mode").GetString() == "inspect"
                ? ["inspect", "--format", template, vector.GetProperty("image").GetString()!]
                : ["ls", "--format", template, "--filter", "reference=pv-peer-*"];
            var docker = await fixture.DockerAsync(["image", .. command]);
            var ours = await fixture.OursAsync(command);
            count++;
            if (Differs(compare, docker, ours) is { } difference)
            {
                failures.Add($"{id} {template}: {difference}\n  docker: {Show(docker)}\n  ours:   {Show(ours)}");
            }
        }

        Assert.True(count >= 490, $"only {count} vectors were read");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} vectors differ from docker:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Template_output_reaches_standard_output_byte_for_byte()
    {
        // docker's truncate cuts "日" after its first byte; the tool's own process must write that byte, not U+FFFD.
        string[] command = ["inspect", "--format", "{{truncate \"日本語\" 4}}|{{.Os}}", PeerImages.Full];

        var docker = await fixture.DockerAsync(["image", .. command]);
        var ours = await ExactRun.OurProcessAsync(fixture.Store, string.Empty, command);

        Assert.Equal((0, docker.Output), (ours.ExitCode, ours.Output));
    }

    private static string? Differs(string compare, ExactRun docker, ExactRun ours)
    {
        if (docker.ExitCode != ours.ExitCode)
        {
            return "exit code";
        }

        if (docker.Error != ours.Error)
        {
            return "error";
        }

        return compare switch
        {
            "exact" => docker.Output == ours.Output ? null : "output",
            "mask-size" => SideBySideText.MaskSizes(docker.Output) == SideBySideText.MaskSizes(ours.Output) ? null : "output (sizes masked)",
            "json-shape" or "json-lines-shape" => SideBySideText.JsonShape(docker.Output) == SideBySideText.JsonShape(ours.Output) ? null : "JSON shape",
            _ => $"unknown compare mode {compare}",
        };
    }

    private static string Show(ExactRun run) => JsonSerializer.Serialize(new { run.ExitCode, run.Output, run.Error });
}
