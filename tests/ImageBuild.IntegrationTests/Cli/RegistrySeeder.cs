using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Registry;

namespace ImageBuild.IntegrationTests.Cli;

/// <summary>
/// Puts images into a test registry the way a user's other tools would: <c>dotnet image import</c> makes a
/// one-file image in a local store (an OCI layout) and skopeo pushes it. A two-platform index is two such
/// images plus an index PUT with the registry client.
/// </summary>
internal sealed class RegistrySeeder(RegistryFixture registry, TempDirectory temp)
{
    private readonly CliRunner cli = new(temp.Combine("seed-store"));

    /// <summary>Pushes a new single-platform image to <c>registry/repository:tag</c>; returns the digest skopeo reports for what it pushed.</summary>
    public async Task<Digest> PushImageAsync(string repository, string tag, string platform = "linux/amd64")
    {
        var id = Guid.NewGuid().ToString("N");
        var rootfs = temp.CreateSubdirectory($"rootfs-{id}");
        await File.WriteAllTextAsync(Path.Combine(rootfs, "marker.txt"), $"{repository}:{tag} for {platform}\n");
        (await cli.RunAsync("import", rootfs, $"seed-{id}:{tag}", "--platform", platform)).EnsureSuccess();

        var digestFile = temp.Combine($"{id}.digest");
        await SkopeoAsync("copy", "--dest-tls-verify=false", "--digestfile", digestFile,
            $"oci:{cli.StoreDirectory}:docker.io/library/seed-{id}:{tag}", $"docker://{registry.Host}/{repository}:{tag}");
        return Digest.Parse((await File.ReadAllTextAsync(digestFile)).Trim());
    }

    /// <summary>Copies an image inside the registry to more repositories (skopeo mounts or uploads the blobs).</summary>
    public async Task CopyAsync(string source, params string[] targets)
    {
        foreach (var target in targets)
        {
            await SkopeoAsync("copy", "--src-tls-verify=false", "--dest-tls-verify=false", $"docker://{registry.Host}/{source}", $"docker://{registry.Host}/{target}");
        }
    }

    /// <summary>
    /// Pushes an amd64 and an arm64 image (tags TAG-amd64, TAG-arm64) and an OCI index of the two as TAG;
    /// returns the index bytes and its entries, in index order.
    /// </summary>
    public async Task<(JsonBlob<ImageIndex> Index, IReadOnlyList<Descriptor> Entries)> PushIndexAsync(string repository, string tag)
    {
        (string Suffix, Platform Platform)[] platforms =
        [
            ("amd64", new Platform { Os = "linux", Architecture = "amd64" }),
            ("arm64", new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" }),
        ];
        using var transport = new RegistryTransport();
        var client = transport.CreateClient(registry.Host);
        var entries = new List<Descriptor>();
        foreach (var (suffix, platform) in platforms)
        {
            await PushImageAsync(repository, $"{tag}-{suffix}", platform.ToString());
            var manifest = await client.HeadManifestAsync(repository, $"{tag}-{suffix}", CancellationToken.None);
            entries.Add(manifest! with { Platform = platform });
        }

        var index = JsonBlobs.Index(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = entries });
        await client.PutManifestAsync(repository, tag, index.Bytes, MediaTypes.OciIndex, CancellationToken.None);
        return (index, entries);
    }

    public static async Task<ProcessResult> SkopeoAsync(params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, arguments)).EnsureSuccess();
}
