using ImageBuild.Building;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;
using ImageBuild.Store;

namespace ImageBuild.Tests.Building;

public sealed class ImageBuilderTests(OciSchemaFixture schemas) : IClassFixture<OciSchemaFixture>, IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Scratch_build_writes_schema_valid_documents_with_history_matching_diff_ids()
    {
        var store = await OpenStoreAsync();
        var app = MakeApp("app", "hello");
        var plan = new BuildPlan
        {
            Layers = [LayerSpec.FromDirectory("app", app, "/app")],
            Changes = [new SetWorkingDir("/app"), new SetEntrypoint(["/app/run"]), new SetEnv("A", "1")],
            Platforms = [Platform.LinuxAmd64],
            Tags = ["example.com/team/app:1"],
        };

        var result = await new ImageBuilder(store).BuildAsync(plan, CancellationToken.None);

        var (manifestBytes, manifest, configBytes, config) = await ReadAsync(store.Layout, result.Images[0]);
        schemas.Validator.AssertValid(OciSchemaKind.Manifest, manifestBytes);
        schemas.Validator.AssertValid(OciSchemaKind.Config, configBytes);
        schemas.Validator.AssertValid(OciSchemaKind.Index, await File.ReadAllBytesAsync(store.Layout.IndexPath));
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(config.RootFs.DiffIds.Count, config.History!.Count(h => !h.IsEmptyLayer));
        Assert.Equal(3, config.History!.Count(h => h.IsEmptyLayer));
        Assert.Equal("dotnet image build: COPY app /app", config.History![0].CreatedBy);
        Assert.Equal(["A=1"], config.Config!.Env!);
        Assert.Equal("/app", config.Config.WorkingDir);
        Assert.Equal(result.Digest, (await store.ResolveAsync("example.com/team/app:1", CancellationToken.None)).Digest);
        Assert.Equal(1, result.LayersWritten);
    }

    [Fact]
    public async Task Same_files_in_another_folder_with_other_mtimes_give_the_same_digest_from_the_cache()
    {
        var store = await OpenStoreAsync();
        var first = MakeApp("one", "same content");
        var second = MakeApp("two", "same content");
        foreach (var file in Directory.EnumerateFiles(second, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        }

        var builder = new ImageBuilder(store);
        var a = await builder.BuildAsync(PlanFor(first), CancellationToken.None);
        var b = await builder.BuildAsync(PlanFor(second), CancellationToken.None);
        var c = await builder.BuildAsync(PlanFor(second), CancellationToken.None);

        Assert.Equal(a.Digest, b.Digest);
        Assert.Equal((1, 0), (a.LayersWritten, a.LayersReused));
        Assert.Equal((0, 1), (b.LayersWritten, b.LayersReused));
        Assert.Equal((0, 1), (c.LayersWritten, c.LayersReused));
        Assert.Equal(0, b.BlobsUploaded);

        // A layer from the cache still knows its files' hashes (an SBOM lists them).
        Assert.Equal(["app/lib/data.txt", "app/run"], c.Images[0].Layers[0].Files.Select(f => f.Path));
        Assert.Equal(a.Images[0].Layers[0].Files, c.Images[0].Layers[0].Files);

        // A fresh store cannot use the cache, yet makes the same bytes.
        var other = await ImageStore.OpenAsync(temp.Combine("other-store"), CancellationToken.None);
        var d = await new ImageBuilder(other).BuildAsync(PlanFor(second), CancellationToken.None);
        Assert.Equal(a.Digest, d.Digest);
        Assert.Equal(1, d.LayersWritten);
    }

    [Fact]
    public async Task Changed_content_misses_the_cache()
    {
        var store = await OpenStoreAsync();
        var app = MakeApp("app", "v1");
        var builder = new ImageBuilder(store);
        var a = await builder.BuildAsync(PlanFor(app), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(app, "run"), "v2");

        var b = await builder.BuildAsync(PlanFor(app), CancellationToken.None);

        Assert.NotEqual(a.Digest, b.Digest);
        Assert.Equal(1, b.LayersWritten);
    }

    [Fact]
    public async Task Layers_made_concurrently_stand_in_plan_order_each_with_its_own_content()
    {
        var store = await OpenStoreAsync();
        var names = Enumerable.Range(1, 6).Select(i => $"layer{i}").ToList();
        var plan = new BuildPlan
        {
            Layers = names.Select(name => LayerSpec.FromDirectory(name, MakeApp(name, name + " content"), "/" + name)).ToList(),
            Platforms = [Platform.LinuxAmd64],
            Tags = ["many:1"],
        };

        var result = await new ImageBuilder(store).BuildAsync(plan, CancellationToken.None);

        var (_, manifest, _, config) = await ReadAsync(store.Layout, result.Images[0]);
        Assert.Equal(names, result.Images[0].Layers.Select(l => l.Name));
        Assert.Equal(result.Images[0].Layers.Select(l => l.Digest), manifest.Layers.Select(l => l.Digest));
        Assert.Equal(6, manifest.Layers.Select(l => l.Digest).Distinct().Count());
        Assert.Equal(names.Select(n => $"dotnet image build: COPY {n} /{n}"), config.History!.Select(h => h.CreatedBy));
        // Each layer alone, built one at a time in another store, gives the same blob.
        var other = await ImageStore.OpenAsync(temp.Combine("single"), CancellationToken.None);
        var third = await new ImageBuilder(other).BuildAsync(plan with { Layers = [plan.Layers[2]] }, CancellationToken.None);
        Assert.Equal(result.Images[0].Layers[2].Digest, third.Images[0].Layers[0].Digest);
    }

    [Fact]
    public async Task Build_on_a_base_keeps_its_config_and_layers_and_records_it()
    {
        var store = await OpenStoreAsync();
        var builder = new ImageBuilder(store);
        var baseResult = await builder.BuildAsync(
            PlanFor(MakeApp("base", "base")) with { Changes = [new SetEnv("PATH", "/usr/bin"), new SetLabel("from", "base")], Format = ImageFormat.Docker },
            CancellationToken.None);

        var result = await builder.BuildAsync(
            PlanFor(MakeApp("app", "app")) with { Base = "base:1", Changes = [new SetEnv("B", "2")], Tags = ["app:1"] },
            CancellationToken.None);

        var (_, manifest, _, config) = await ReadAsync(store.Layout, result.Images[0]);
        Assert.Equal(MediaTypes.DockerManifest, manifest.MediaType);
        Assert.Null(manifest.Annotations);
        Assert.Equal(2, manifest.Layers.Count);
        Assert.Equal(baseResult.Images[0].Layers[0].Digest, manifest.Layers[0].Digest);
        Assert.Equal(["PATH=/usr/bin", "B=2"], config.Config!.Env!);
        Assert.Equal("base", config.Config.Labels!["from"]);
        Assert.Equal(config.RootFs.DiffIds.Count, config.History!.Count(h => !h.IsEmptyLayer));

        var oci = await builder.BuildAsync(
            PlanFor(MakeApp("app2", "app")) with { Base = "base:1", Format = ImageFormat.Oci, Tags = ["app:2"] }, CancellationToken.None);
        var (bytes, ociManifest, _, _) = await ReadAsync(store.Layout, oci.Images[0]);
        schemas.Validator.AssertValid(OciSchemaKind.Manifest, bytes);
        Assert.Equal("docker.io/library/base:1", ociManifest.Annotations![Annotations.BaseName]);
        Assert.Equal(baseResult.Digest.ToString(), ociManifest.Annotations[Annotations.BaseDigest]);
        Assert.All(ociManifest.Layers, l => Assert.Equal(MediaTypes.OciLayerGzip, l.MediaType));
    }

    [Fact]
    public async Task Two_platforms_make_an_index_with_per_platform_layers()
    {
        var store = await OpenStoreAsync();
        var plan = new BuildPlan
        {
            Layers =
            [
                LayerSpec.FromDirectory("app", MakeApp("common", "common"), "/app"),
                LayerSpec.FromDirectory("amd64", MakeApp("x64", "x64"), "/native", Platform.LinuxAmd64),
                LayerSpec.FromDirectory("arm64", MakeApp("arm", "arm"), "/native", Platform.LinuxArm64),
            ],
            Platforms = [Platform.LinuxAmd64, Platform.LinuxArm64],
            Tags = ["multi:1"],
            Annotations = new Dictionary<string, string> { [Annotations.Version] = "1" },
        };

        var result = await new ImageBuilder(store).BuildAsync(plan, CancellationToken.None);

        Assert.NotNull(result.IndexDigest);
        var indexDescriptor = await store.ResolveAsync("docker.io/library/multi:1", CancellationToken.None);
        var indexBytes = await store.Layout.ReadSmallBlobAsync(indexDescriptor, CancellationToken.None);
        schemas.Validator.AssertValid(OciSchemaKind.Index, indexBytes);
        var index = OciJson.ParseIndex(indexBytes);
        Assert.Equal(["amd64", "arm64"], index.Manifests.Select(m => m.Platform!.Architecture));
        Assert.Equal(3, result.LayersWritten);
        Assert.Equal(result.Images[0].Layers[0].Digest, result.Images[1].Layers[0].Digest);
        Assert.NotEqual(result.Images[0].Layers[1].Digest, result.Images[1].Layers[1].Digest);
        foreach (var image in result.Images)
        {
            var (manifestBytes, _, configBytes, config) = await ReadAsync(store.Layout, image);
            schemas.Validator.AssertValid(OciSchemaKind.Manifest, manifestBytes);
            schemas.Validator.AssertValid(OciSchemaKind.Config, configBytes);
            Assert.Equal(image.Platform.Architecture, config.Architecture);
        }
    }

    [Fact]
    public async Task Oci_layout_output_gets_every_tag_and_the_store_keeps_no_tag()
    {
        var store = await OpenStoreAsync();
        var output = temp.Combine("out");
        var plan = PlanFor(MakeApp("app", "x")) with
        {
            Tags = SemverTags.Apply([ImageBuild.References.ImageReference.Parse("example.com/app")], "1.4.2"),
            Outputs = [BuildOutput.Parse("oci:" + output)],
        };

        var result = await new ImageBuilder(store).BuildAsync(plan, CancellationToken.None);

        var layout = OciLayout.Open(output);
        var names = (await layout.ReadIndexAsync(CancellationToken.None)).Manifests.Select(m => m.Annotation(Annotations.RefName)).ToList();
        Assert.Equal(["example.com/app:1.4.2", "example.com/app:1.4", "example.com/app:1", "example.com/app:latest"], names);
        Assert.True(await layout.HasBlobAsync(new Descriptor { MediaType = "x", Digest = result.Images[0].Layers[0].Digest, Size = result.Images[0].Layers[0].Size }, CancellationToken.None));
        Assert.DoesNotContain(await store.ListAsync(CancellationToken.None), e => e.RefName is not null);
    }

    [Theory]
    [InlineData("app@sha256:0000000000000000000000000000000000000000000000000000000000000000", "a digest is computed")]
    [InlineData("UPPER:1", "invalid tag")]
    public async Task Bad_tags_are_refused_before_anything_is_written(string tag, string expected)
    {
        var store = await OpenStoreAsync();
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => new ImageBuilder(store).BuildAsync(PlanFor(MakeApp("a", "a")) with { Tags = [tag] }, CancellationToken.None));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Unknown_base_is_not_found()
    {
        var store = await OpenStoreAsync();
        var error = await Assert.ThrowsAsync<NotFoundException>(() => new ImageBuilder(store).BuildAsync(PlanFor(MakeApp("a", "a")) with { Base = "nothere:1" }, CancellationToken.None));
        Assert.Equal("No such image: nothere:1", error.Message);
    }

    private static BuildPlan PlanFor(string directory) => new()
    {
        Layers = [LayerSpec.FromDirectory("app", directory, "/app")],
        Platforms = [Platform.LinuxAmd64],
        Tags = ["base:1"],
    };

    private Task<ImageStore> OpenStoreAsync() => ImageStore.OpenAsync(temp.Combine("store"), CancellationToken.None);

    private string MakeApp(string name, string content)
    {
        var directory = temp.CreateDirectory(name);
        File.WriteAllText(Path.Combine(directory, "run"), content);
        Directory.CreateDirectory(Path.Combine(directory, "lib"));
        File.WriteAllText(Path.Combine(directory, "lib", "data.txt"), content + " data");
        return directory;
    }

    private static async Task<(byte[] ManifestBytes, ImageManifest Manifest, byte[] ConfigBytes, ImageConfig Config)> ReadAsync(OciLayout layout, BuiltImage image)
    {
        var manifestBytes = await layout.ReadSmallBlobAsync(new Descriptor { MediaType = image.ManifestMediaType, Digest = image.ManifestDigest, Size = image.ManifestSize }, CancellationToken.None);
        var manifest = OciJson.ParseManifest(manifestBytes);
        var configBytes = await layout.ReadSmallBlobAsync(manifest.Config, CancellationToken.None);
        return (manifestBytes, manifest, configBytes, OciJson.ParseConfig(configBytes));
    }

    public void Dispose() => temp.Dispose();
}
