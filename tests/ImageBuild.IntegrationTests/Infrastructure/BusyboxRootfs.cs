using System.Security.Cryptography;

namespace ImageBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal root filesystem: the static busybox with a few applet links and a root user. Small enough to
/// build in milliseconds, real enough to run under runc.
/// </summary>
public static class BusyboxRootfs
{
    /// <summary>The applets linked in bin/, which is what the tests may run.</summary>
    public static IReadOnlyList<string> Applets { get; } = ["sh", "echo", "cat", "ls", "env", "id", "pwd", "true", "false", "test", "sleep", "mkdir", "rm"];

    /// <summary>
    /// The cached rootfs directory, built on first use. Shared between tests: treat it as read-only and
    /// copy it (or its tarball) to change it.
    /// </summary>
    public static async Task<string> GetAsync(CancellationToken cancellationToken = default)
    {
        var busybox = Tools.Busybox.Path;
        await using var binary = File.OpenRead(busybox);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(binary, cancellationToken));

        // The busybox hash is in the name, so an upgraded package gets a fresh fixture.
        return await TestCache.GetOrCreateDirectoryAsync($"busybox-rootfs-{hash[..16]}", (directory, _) => BuildAsync(busybox, directory), cancellationToken);
    }

    /// <summary>
    /// Writes the rootfs as an uncompressed tar to <paramref name="tarballPath"/>, with entries named
    /// <c>bin/...</c> (no leading <c>./</c>), owned by 0:0 and sorted, as an image layer would be.
    /// </summary>
    public static async Task<string> CreateTarballAsync(string tarballPath, CancellationToken cancellationToken = default)
    {
        var rootfs = await GetAsync(cancellationToken);
        var topLevel = Directory.EnumerateFileSystemEntries(rootfs)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
        string[] options = ["--create", "--file", tarballPath, "--directory", rootfs, "--sort=name", "--numeric-owner", "--owner=0", "--group=0", "--mtime=@0"];
        var result = await ProcessRunner.RunAsync(Tools.Tar.Path, options.Concat(topLevel), cancellationToken: cancellationToken);
        result.EnsureSuccess();
        return tarballPath;
    }

    private static Task BuildAsync(string busybox, string directory)
    {
        var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
        var etc = Directory.CreateDirectory(Path.Combine(directory, "etc")).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));

        // File.Copy keeps the executable mode on Unix.
        File.Copy(busybox, Path.Combine(bin, "busybox"));
        foreach (var applet in Applets)
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }

        File.WriteAllText(Path.Combine(etc, "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        File.WriteAllText(Path.Combine(etc, "group"), "root:x:0:\n");
        return Task.CompletedTask;
    }
}
