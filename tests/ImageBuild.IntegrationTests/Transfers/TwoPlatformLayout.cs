using ImageBuild.IntegrationTests.Infrastructure;
using ImageBuild.Oci;
using ImageBuild.Store;

namespace ImageBuild.IntegrationTests.Transfers;

/// <summary>
/// An OCI layout with a two-platform index: umoci makes the busybox image and an arm64 copy of its config;
/// the index naming both is written by hand, so skopeo can push it with <c>--all</c>.
/// </summary>
public sealed record TwoPlatformLayout(string Path, string RefName, Descriptor Index, Descriptor Amd64, Descriptor Arm64)
{
    public static async Task<TwoPlatformLayout> CreateAsync(string path, string refName)
    {
        await BusyboxImage.CreateLayoutAsync(path, "amd64");
        (await ProcessRunner.RunAsync(Tools.Umoci.Path, ["config", "--image", $"{path}:amd64", "--tag", "arm64", "--architecture", "arm64"])).EnsureSuccess();
        var amd64 = Strip(await LayoutIndex.FindAsync(path, "amd64")) with { Platform = new Platform { Os = "linux", Architecture = "amd64" } };
        var arm64 = Strip(await LayoutIndex.FindAsync(path, "arm64")) with { Platform = new Platform { Os = "linux", Architecture = "arm64" } };
        Assert.NotEqual(amd64.Digest, arm64.Digest);

        var layout = OciLayout.Open(path);
        var bytes = OciJson.Serialize(new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = [amd64, arm64] });
        var index = await layout.WriteBytesAsync(bytes, MediaTypes.OciIndex, CancellationToken.None);
        await layout.UpdateIndexAsync(
            i => i with { Manifests = [.. i.Manifests, index with { Annotations = new Dictionary<string, string> { [Annotations.RefName] = refName } }] },
            CancellationToken.None);
        return new TwoPlatformLayout(path, refName, index, amd64, arm64);
    }

    private static Descriptor Strip(Descriptor entry) => entry with { Annotations = null };
}
