using System.Text.Json.Nodes;
using ImageBuild.IntegrationTests.Infrastructure;

namespace ImageBuild.IntegrationTests.SideBySide;

/// <summary>
/// rm and prune run by docker and by us on the same images: which names go, when an image goes, what needs -f, and
/// prune's question on standard input. docker also lists each layer it frees as "Deleted: sha256:..." (by layer
/// chain ID); the store frees blobs instead, so those lines are not compared (docs/docker-differences.md).
/// </summary>
[Collection(SideBySideCollection.Name)]
public sealed class RemovalTests(SideBySideFixture fixture)
{
    [Fact]
    public async Task Rm_untags_and_deletes_with_dockers_rules()
    {
        using var work = TempDirectory.Create("rm");
        var archive = await PeerImages.WriteArchiveAsync(work.Combine("rm.tar"), "pv-rm:1", new JsonObject { ["Env"] = new JsonArray("RM=1") }, 2, "2021-05-05T05:05:05Z");
        await LoadBothAsync(archive);
        foreach (var name in new[] { "rmtest/a:1", "rmtest/b:1" })
        {
            Assert.Equal(0, (await fixture.DockerAsync("image", "tag", "pv-rm:1", name)).ExitCode);
            Assert.Equal(0, (await fixture.OursAsync("tag", "pv-rm:1", name)).ExitCode);
        }

        var id = (await fixture.DockerAsync("image", "ls", "-q", "pv-rm:1")).Output.Trim();

        var refused = await BothAsync("rm", id);
        Assert.Equal((1, 1), (refused.Docker.ExitCode, refused.Ours.ExitCode));
        Assert.Contains(refused.Ours.Error.Trim(), refused.Docker.Error, StringComparison.Ordinal);
        Assert.Contains("(must be forced) - image is referenced in multiple repositories", refused.Ours.Error, StringComparison.Ordinal);

        var untagged = await BothAsync("rm", "rmtest/b:1");
        Assert.Equal(("Untagged: rmtest/b:1\n", 0), (untagged.Docker.Output, untagged.Docker.ExitCode));
        Assert.Equal((untagged.Docker.Output, untagged.Docker.ExitCode), (untagged.Ours.Output, untagged.Ours.ExitCode));

        var forced = await BothAsync("rm", "-f", id);
        Assert.Equal((0, 0), (forced.Docker.ExitCode, forced.Ours.ExitCode));
        Assert.Equal(Lines(forced.Docker.Output, "Untagged: "), Lines(forced.Ours.Output, "Untagged: "));
        var deleted = Assert.Single(Lines(forced.Ours.Output, "Deleted: "));
        Assert.Contains(deleted, Lines(forced.Docker.Output, "Deleted: "));

        var missing = await BothAsync("rm", "pv-no-such-image");
        var missingForced = await BothAsync("rm", "-f", "pv-no-such-image");
        Assert.Equal((missing.Docker.ExitCode, missing.Docker.Output), (missing.Ours.ExitCode, missing.Ours.Output));
        Assert.Equal((missingForced.Docker.ExitCode, missingForced.Docker.Output), (missingForced.Ours.ExitCode, missingForced.Ours.Output));
    }

    [Fact]
    public async Task Rm_no_prune_still_deletes_an_image_that_has_no_parents_to_keep()
    {
        using var work = TempDirectory.Create("rm-no-prune");
        var archive = await PeerImages.WriteArchiveAsync(work.Combine("rm-no-prune.tar"), "pv-no-prune:1", new JsonObject { ["Env"] = new JsonArray("NOPRUNE=1") }, 1, "2021-06-06T06:06:06Z");
        await LoadBothAsync(archive);

        var removed = await BothAsync("rm", "--no-prune", "pv-no-prune:1");

        Assert.Equal((0, 0), (removed.Docker.ExitCode, removed.Ours.ExitCode));
        Assert.Equal(Lines(removed.Docker.Output, "Untagged: "), Lines(removed.Ours.Output, "Untagged: "));
        Assert.Contains(Assert.Single(Lines(removed.Ours.Output, "Deleted: ")), Lines(removed.Docker.Output, "Deleted: "));
        Assert.Equal((await fixture.DockerAsync("image", "ls", "-q", "pv-no-prune")).Output, (await fixture.OursAsync("ls", "-q", "pv-no-prune")).Output);
    }

    [Fact]
    public async Task Prune_reads_its_answer_from_standard_input_and_removes_dangling_images()
    {
        using var work = TempDirectory.Create("prune");
        var first = await PeerImages.WriteArchiveAsync(work.Combine("a.tar"), "pv-prune:1", new JsonObject { ["Env"] = new JsonArray("P=1") }, 1, "2021-01-01T00:00:00Z");
        var second = await PeerImages.WriteArchiveAsync(work.Combine("b.tar"), "pv-prune:1", new JsonObject { ["Env"] = new JsonArray("P=2") }, 1, "2021-02-01T00:00:00Z");
        await LoadBothAsync(first);
        await LoadBothAsync(second);
        try
        {
            var unanswered = await PruneBothAsync(input: string.Empty);
            Assert.Equal(("WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ", 0), (unanswered.Docker.Output, unanswered.Docker.ExitCode));
            Assert.Equal((unanswered.Docker.Output, unanswered.Docker.ExitCode), (unanswered.Ours.Output, unanswered.Ours.ExitCode));
            Assert.NotEmpty((await fixture.OursAsync("ls", "-q", "--filter", "dangling=true")).Output);

            var answered = await PruneBothAsync(input: "y\n");
            Assert.Equal(0, answered.Docker.ExitCode);
            Assert.Equal(
                SideBySideText.MaskSizes(WithoutLayerLines(answered.Docker.Output, "deleted: ")),
                SideBySideText.MaskSizes(answered.Ours.Output));
            Assert.Empty((await fixture.OursAsync("ls", "-q", "--filter", "dangling=true")).Output);
        }
        finally
        {
            await BothAsync("rm", "pv-prune:1");
        }
    }

    [Fact]
    public async Task Prune_all_removes_every_image_as_no_container_uses_one()
    {
        try
        {
            var unanswered = (await ExactRun.ProcessAsync(DockerDaemonFixture.Docker.Path, ["image", "prune", "-a"], fixture.Daemon.Environment, string.Empty),
                await ExactRun.OurProcessAsync(fixture.Store, string.Empty, "prune", "-a"));
            Assert.Equal(("WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ", 0), (unanswered.Item1.Output, unanswered.Item1.ExitCode));
            Assert.Equal((unanswered.Item1.Output, unanswered.Item1.ExitCode), (unanswered.Item2.Output, unanswered.Item2.ExitCode));
            Assert.NotEmpty((await fixture.OursAsync("ls", "-q")).Output);

            var docker = await fixture.DockerAsync("image", "prune", "-a", "-f");
            var ours = await fixture.OursAsync("prune", "-a", "-f");

            Assert.Equal((0, 0), (docker.ExitCode, ours.ExitCode));
            Assert.Equal(Lines(docker.Output, "untagged: "), Lines(ours.Output, "untagged: "));
            Assert.Subset(Lines(docker.Output, "deleted: ").ToHashSet(), Lines(ours.Output, "deleted: ").ToHashSet());
            Assert.Equal(string.Empty, (await fixture.OursAsync("ls", "-q")).Output);
            Assert.Equal(string.Empty, (await fixture.DockerAsync("image", "ls", "-q")).Output);
        }
        finally
        {
            await fixture.RestorePeerImagesAsync();
        }
    }

    private async Task LoadBothAsync(string archive)
    {
        await fixture.Daemon.LoadAsync(archive);
        Assert.Equal(0, (await fixture.OursAsync("load", "-i", archive)).ExitCode);
    }

    private async Task<(ExactRun Docker, ExactRun Ours)> BothAsync(params string[] arguments) =>
        (await fixture.DockerAsync(["image", .. arguments]), await fixture.OursAsync(arguments));

    private async Task<(ExactRun Docker, ExactRun Ours)> PruneBothAsync(string input) =>
        (await ExactRun.ProcessAsync(DockerDaemonFixture.Docker.Path, ["image", "prune"], fixture.Daemon.Environment, input),
         await ExactRun.OurProcessAsync(fixture.Store, input, "prune"));

    /// <summary>The lines starting with <paramref name="prefix"/>, sorted (docker's order of names is a map's).</summary>
    private static List<string> Lines(string output, string prefix) =>
        output.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>docker's prune report without the layers it freed (every "deleted:" line after the first of an image).</summary>
    private static string WithoutLayerLines(string output, string prefix)
    {
        var kept = new List<string>();
        var previousDeleted = false;
        foreach (var line in output.Split('\n'))
        {
            var deleted = line.StartsWith(prefix, StringComparison.Ordinal);
            if (!(deleted && previousDeleted))
            {
                kept.Add(line);
            }

            previousDeleted = deleted;
        }

        return string.Join('\n', kept);
    }
}
