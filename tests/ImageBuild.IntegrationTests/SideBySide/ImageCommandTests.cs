namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// inspect, ls and history run by docker and by us on the same loaded images: the same output, exit code and
/// (where the CLI writes it, not the daemon) the same error, with sizes and the storage driver masked (docker counts
/// unpacked bytes, the store compressed ones; see docs/docker-differences.md).
/// </summary>
[Collection(SideBySideCollection.Name)]
public sealed class ImageCommandTests(SideBySideFixture fixture)
{
    private const string Peers = "reference=pv-peer-*";

    [Fact]
    public async Task Inspect_prints_every_field_of_dockers_shape_indented_by_four_spaces()
    {
        await AssertSameAsync(SideBySideText.MaskInspect, "inspect", PeerImages.Full, PeerImages.Base);
        await AssertSameAsync(SideBySideText.MaskInspect, "inspect", "--format", "json", PeerImages.Full, PeerImages.Base);
    }

    [Fact]
    public async Task Inspect_of_a_missing_image_prints_an_empty_array_and_fails()
    {
        var docker = await fixture.DockerAsync("image", "inspect", "no-such-image");
        var ours = await fixture.OursAsync("inspect", "no-such-image");

        Assert.Equal((1, "[]\n"), (docker.ExitCode, docker.Output));
        Assert.Equal((docker.ExitCode, docker.Output), (ours.ExitCode, ours.Output));
        Assert.Contains("No such image: no-such-image:latest", ours.Error, StringComparison.Ordinal);
        Assert.Contains("No such image: no-such-image:latest", docker.Error, StringComparison.Ordinal);

        var dockerMixed = await fixture.DockerAsync("image", "inspect", "--format", "{{.Id}}", "no-such-image", PeerImages.Base);
        var oursMixed = await fixture.OursAsync("inspect", "--format", "{{.Id}}", "no-such-image", PeerImages.Base);
        Assert.Equal((dockerMixed.ExitCode, dockerMixed.Output), (oursMixed.ExitCode, oursMixed.Output));
    }

    /// <summary>Inspect formats the template vectors leave out: literals, empty configs, docker's fallbacks and both kinds of error.</summary>
    [Theory]
    [InlineData("{{printf \"%v %v %v %T\" 0x1p-2 0x_1F 1i 2i}}", PeerImages.Full)]
    [InlineData("{{range 3}}{{.}}{{end}}|{{join .Config.Env \"\n\"}}|{{.Os}}\\t{{.Architecture}}", PeerImages.Full)]
    [InlineData("{{len .Config.Volumes}}|{{.Config.Volumes}}|{{.Config.ExposedPorts}}|{{.Config.Healthcheck}}|{{len .Config.Env}}|{{join .Config.Env \",\"}}", PeerImages.Base)]
    [InlineData("{{.Config.Volumes}}|{{.Config.ExposedPorts}}|{{.Config.Healthcheck}}|{{.Config.Healthcheck.Interval}}|{{.RootFS}}|{{.Metadata}}", PeerImages.Full)]
    [InlineData("{{.Comment}}|{{.Author}}|{{.DockerVersion}}|{{.Variant}}|{{.ID}}|{{.Parent}}", PeerImages.Full)]
    [InlineData("{{index .Config.Labels \"missing\"}}|{{json .Config.Labels}}|{{.Config.Labels.x}}", PeerImages.Full)]
    [InlineData("{{.Foo}}", PeerImages.Full)]
    [InlineData("{{.os}}", PeerImages.Base)]
    [InlineData("{{.Os", PeerImages.Full)]
    [InlineData("{{if}}{{end}}", PeerImages.Full)]
    [InlineData("{{template \"x\"}}", PeerImages.Full)]
    public async Task Inspect_formats_print_and_fail_as_dockers(string format, string image)
    {
        var docker = await fixture.DockerAsync("image", "inspect", "--format", format, image);
        var ours = await fixture.OursAsync("inspect", "--format", format, image);

        Assert.Equal((docker.ExitCode, docker.Output, docker.Error), (ours.ExitCode, ours.Output, ours.Error));
    }

    /// <summary>Arguments are separated by '|'.</summary>
    [Theory]
    [InlineData("--filter|" + Peers)]
    [InlineData("--digests|--filter|" + Peers)]
    [InlineData("-q|--filter|" + Peers)]
    [InlineData("-q|--no-trunc|--filter|" + Peers)]
    [InlineData("-q|--format|{{.Repository}}:{{.Tag}}|--filter|" + Peers)]
    [InlineData("--format|json|--filter|" + Peers)]
    [InlineData("--format|table {{.ID}}\\t{{.CreatedAt}}\\t{{.Digest}}|--filter|" + Peers)]
    [InlineData("--filter|reference=docker.io/library/pv-peer-img")]
    public async Task Ls_lists_as_docker_lists(string arguments)
    {
        await AssertSameAsync(SideBySideText.MaskSizes, ["ls", .. arguments.Split('|')]);
    }

    /// <summary>Arguments are separated by '|'.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("--no-trunc|--format|json")]
    [InlineData("-H=false|--format|{{.ID}} {{.CreatedSince}} {{.CreatedAt}} {{.CreatedBy}} {{.Comment}}")]
    [InlineData("-q")]
    public async Task History_shows_the_steps_as_docker_does(string arguments)
    {
        await AssertSameAsync(SideBySideText.MaskSizes, ["history", .. arguments.Split('|', StringSplitOptions.RemoveEmptyEntries), PeerImages.Full]);
    }

    [Fact]
    public async Task A_tag_moved_to_another_image_leaves_a_dangling_image_that_ls_lists()
    {
        using var work = Infrastructure.TempDirectory.Create("dangling");
        var first = await PeerImages.WriteArchiveAsync(work.Combine("a.tar"), "pv-dangle:1", new() { ["Env"] = new System.Text.Json.Nodes.JsonArray("V=1") }, 1, "2022-01-01T00:00:00Z");
        var second = await PeerImages.WriteArchiveAsync(work.Combine("b.tar"), "pv-dangle:1", new() { ["Env"] = new System.Text.Json.Nodes.JsonArray("V=2") }, 1, "2022-02-01T00:00:00Z");
        foreach (var archive in new[] { first, second })
        {
            await fixture.Daemon.LoadAsync(archive);
            Assert.Equal(0, (await fixture.OursAsync("load", "-i", archive)).ExitCode);
        }

        try
        {
            await AssertSameAsync(SideBySideText.MaskSizes, "ls", "--filter", "dangling=true");
            await AssertSameAsync(text => SideBySideText.SortedLines(SideBySideText.MaskSizes(text)), "ls", "--format", "{{.ID}} {{.Repository}}:{{.Tag}} {{.Size}}");
        }
        finally
        {
            var dangling = (await fixture.OursAsync("ls", "-q", "--filter", "dangling=true")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in dangling.Append("pv-dangle:1"))
            {
                await fixture.DockerAsync("image", "rm", name);
                await fixture.OursAsync("rm", name);
            }
        }
    }

    /// <summary>Runs docker's <c>image COMMAND</c> and our <c>COMMAND</c>; both must agree after <paramref name="normalize"/>.</summary>
    private async Task AssertSameAsync(Func<string, string> normalize, params string[] arguments)
    {
        var docker = await fixture.DockerAsync(["image", .. arguments]);
        var ours = await fixture.OursAsync(arguments);
        Assert.True(docker.ExitCode == 0, $"docker {string.Join(' ', arguments)} failed: {docker.Error}");
        Assert.Equal(normalize(docker.Output), normalize(ours.Output));
        Assert.Equal((docker.ExitCode, docker.Error), (ours.ExitCode, ours.Error));
    }
}
