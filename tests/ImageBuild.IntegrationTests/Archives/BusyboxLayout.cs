using ImageBuild.Oci;

namespace ImageBuild.IntegrationTests.Archives;

/// <summary>A one-layer busybox image in an OCI layout, made by umoci (not by ImageBuild) so it is an independent input.</summary>
internal static class BusyboxLayout
{
    public const string Tag = "t";

    /// <summary>Creates the layout at <paramref name="layout"/> and returns its manifest descriptor.</summary>
    public static async Task<Descriptor> CreateAsync(string layout, string workDirectory)
    {
        var bundle = Path.Combine(workDirectory, "bundle");
        await ArchiveTools.RunAsync("umoci", "init", "--layout", layout);
        await ArchiveTools.RunAsync("umoci", "new", "--image", $"{layout}:{Tag}");
        await ArchiveTools.RunAsync("umoci", "unpack", "--image", $"{layout}:{Tag}", bundle);
        Directory.CreateDirectory(Path.Combine(bundle, "rootfs", "bin"));
        File.Copy("/bin/busybox", Path.Combine(bundle, "rootfs", "bin", "busybox"));
        await ArchiveTools.RunAsync("umoci", "repack", "--image", $"{layout}:{Tag}", bundle);
        await ArchiveTools.RunAsync("umoci", "config", "--image", $"{layout}:{Tag}", "--config.cmd", "/bin/busybox");
        return ReadRoot(layout, Tag);
    }

    /// <summary>The index.json entry of an OCI layout with the given ref.name.</summary>
    public static Descriptor ReadRoot(string layout, string refName) =>
        OciJson.ParseIndex(File.ReadAllBytes(Path.Combine(layout, "index.json"))).Manifests
            .Single(m => m.Annotation(Annotations.RefName) == refName);
}
