using System.Runtime.Versioning;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// An OCI layout holding a three-layer image that umoci made by diffing changed trees, so every whiteout
/// in it is umoci's, not ImageBuild's: deleted files and trees, a directory replaced by a file and a file
/// by a directory, a directory emptied and refilled, changed modes and owners, symlinks and hardlinks.
/// umoci runs as root so that owners are kept.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class UmociLayeredImage
{
    public static async Task CreateLayoutAsync(string layout, string tag, string scratch, CancellationToken cancellationToken = default)
    {
        var image = $"{layout}:{tag}";
        await UmociAsync(cancellationToken, "init", "--layout", layout);
        await UmociAsync(cancellationToken, "new", "--image", image);
        await AddLayerAsync(image, Path.Combine(scratch, "bundle-1"), FirstLayerAsync, cancellationToken);
        await AddLayerAsync(image, Path.Combine(scratch, "bundle-2"), SecondLayerAsync, cancellationToken);
        await AddLayerAsync(image, Path.Combine(scratch, "bundle-3"), ThirdLayerAsync, cancellationToken);
    }

    /// <summary>
    /// Copies the image into the store behind <paramref name="cli"/> the way a user would bring one in: skopeo
    /// writes an oci-archive named <paramref name="reference"/> and <c>dotnet image load</c> reads it.
    /// </summary>
    public static async Task LoadIntoStoreAsync(string layout, string tag, CliRunner cli, string reference, string scratch)
    {
        var archive = Path.Combine(scratch, "umoci-image.tar");
        (await ProcessRunner.RunAsync(Tools.Skopeo.Path, ["copy", "--quiet", $"oci:{layout}:{tag}", $"oci-archive:{archive}:{reference}"])).EnsureSuccess();
        (await cli.RunAsync("load", "-i", archive)).EnsureSuccess();
        File.Delete(archive);
    }

    /// <summary>Unpacks the image as it is now, changes the tree, and lets umoci repack the difference as a new layer.</summary>
    private static async Task AddLayerAsync(string image, string bundle, Func<string, Task> change, CancellationToken cancellationToken)
    {
        await UmociAsync(cancellationToken, "unpack", "--image", image, bundle);
        await change(Path.Combine(bundle, "rootfs"));
        await UmociAsync(cancellationToken, "repack", "--image", image, bundle);
        Directory.Delete(bundle, recursive: true);
    }

    private static async Task FirstLayerAsync(string root)
    {
        Write(root, "etc/hostname", "hello\n");
        Write(root, "etc/keep", "kept\n");
        Write(root, "etc/remove-me", "removed in layer 2\n");
        Write(root, "usr/bin/tool", "#!/bin/sh\necho tool\n", (UnixFileMode)0x1ED);
        File.CreateSymbolicLink(Path.Combine(root, "usr/bin/relative"), "../../etc/hostname");
        File.CreateSymbolicLink(Path.Combine(root, "usr/bin/absolute"), "/etc/hostname");
        await HardlinkAsync(root, "etc/keep", "data/hard");
        Directory.CreateDirectory(Path.Combine(root, "data/sticky/deep"));
        File.SetUnixFileMode(Path.Combine(root, "data/sticky"), (UnixFileMode)0x3FF);
        Write(root, "gone/tree/x/f", "deleted with its tree\n");
        Write(root, "swapdir/inner", "a directory that becomes a file\n");
        Write(root, "swapdir/nested/deeper/file", "deep\n");
        Write(root, "swapfile", "a file that becomes a directory\n");
        Write(root, "refill/a/1", "one\n");
        Write(root, "refill/b", "b\n");
        Write(root, "refill/.hidden", "hidden\n");
        Write(root, "owned/secret", "private\n", (UnixFileMode)0x180);
        await ChownAsync(root, "1000:1001", "owned", "owned/secret");
        Directory.CreateDirectory(Path.Combine(root, "shared"));
        File.SetUnixFileMode(Path.Combine(root, "shared"), (UnixFileMode)0x5ED);
        Write(root, "empty", string.Empty);
    }

    private static async Task SecondLayerAsync(string root)
    {
        File.Delete(Path.Combine(root, "etc/remove-me"));
        Directory.Delete(Path.Combine(root, "gone"), recursive: true);
        Directory.Delete(Path.Combine(root, "swapdir"), recursive: true);
        Write(root, "swapdir", "now a file\n");
        File.Delete(Path.Combine(root, "swapfile"));
        Write(root, "swapfile/x", "inside the new directory\n");
        foreach (var child in Directory.EnumerateFileSystemEntries(Path.Combine(root, "refill")))
        {
            if (Directory.Exists(child))
            {
                Directory.Delete(child, recursive: true);
            }
            else
            {
                File.Delete(child);
            }
        }

        Write(root, "refill/new", "the only child now\n");
        File.SetUnixFileMode(Path.Combine(root, "etc/hostname"), (UnixFileMode)0x180);
        Write(root, "bin2/a", "linked pair\n", (UnixFileMode)0x1ED);
        await HardlinkAsync(root, "bin2/a", "bin2/b");
    }

    private static async Task ThirdLayerAsync(string root)
    {
        // The deleted tree comes back as a symlink; a symlink becomes a file; one side of a hardlink pair goes.
        File.CreateSymbolicLink(Path.Combine(root, "gone"), "etc");
        File.Delete(Path.Combine(root, "usr/bin/relative"));
        Write(root, "usr/bin/relative", "a file where a symlink was\n");
        File.Delete(Path.Combine(root, "data/hard"));
        await ChownAsync(root, "2000:2000", "owned/secret");
        Write(root, "swapfile/deeper/y", "y\n");
        File.Delete(Path.Combine(root, "swapfile/x"));
        Directory.Delete(Path.Combine(root, "data/sticky/deep"));
    }

    private static void Write(string root, string relative, string content, UnixFileMode mode = (UnixFileMode)0x1A4)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }

    private static async Task HardlinkAsync(string root, string existing, string link)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, link))!);
        (await ProcessRunner.RunAsync("ln", [Path.Combine(root, existing), Path.Combine(root, link)])).EnsureSuccess();
    }

    private static async Task ChownAsync(string root, string owner, params string[] relative) =>
        (await ProcessRunner.RunAsync("chown", [owner, .. relative.Select(r => Path.Combine(root, r))])).EnsureSuccess();

    private static async Task UmociAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await ProcessRunner.RunAsync(Tools.Umoci.Path, arguments, cancellationToken: cancellationToken)).EnsureSuccess();
}
