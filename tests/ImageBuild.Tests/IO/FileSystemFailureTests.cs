using ImageBuild.IO;
using ImageBuild.Tests.Infrastructure;

namespace ImageBuild.Tests.IO;

/// <summary>Real failures of real files, read back as kind, path and one line naming the store when the path is in it.</summary>
public sealed class FileSystemFailureTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_full_device_is_no_space_named_by_its_path()
    {
        var failure = FileSystemFailure.From(Assert.ThrowsAny<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            full.Write(new byte[16]);
            full.Flush();
        }));

        Assert.Equal(new FileSystemFailure(FileSystemFailureKind.NoSpace, "/dev/full", failure!.Detail), failure);
        Assert.StartsWith("no space left on device while writing /dev/full;", failure.Describe(temp.Path));
    }

    [Fact]
    public void A_path_inside_the_store_is_called_the_store()
    {
        var store = temp.CreateDirectory("store");
        var file = Path.Combine(store, "blobs", "x");
        var failure = FileSystemFailure.From(Assert.ThrowsAny<IOException>(() => File.WriteAllText(file, "x")))!;

        Assert.Equal(FileSystemFailureKind.Missing, failure.Kind);
        Assert.Equal(file, failure.Path);
        Assert.Equal($"{file} does not exist in the store at {store}; run 'dotnet image fsck' to check the store", failure.Describe(store));

        Directory.Delete(store);
        Assert.Equal(
            $"the image store or layout at {store} was deleted while this command was using it; nothing more was written there; run the command again to start anew",
            failure.Describe(store));
    }

    [Fact]
    public void A_file_another_process_holds_is_locked_and_nothing_else_is()
    {
        var path = temp.Combine("lock");
        using var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var locked = Assert.ThrowsAny<IOException>(() => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        var missing = Assert.ThrowsAny<IOException>(() => new FileStream(temp.Combine("no", "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));

        Assert.True(FileSystemFailure.IsLocked(locked));
        Assert.False(FileSystemFailure.IsLocked(missing));
    }

    [Fact]
    public void Something_that_is_not_a_file_system_failure_is_none()
    {
        Assert.Null(FileSystemFailure.From(new InvalidOperationException("no")));
        Assert.Equal(FileSystemFailureKind.Missing, FileSystemFailure.From(new AggregateException(new FileNotFoundException("gone")))!.Kind);
    }
}
