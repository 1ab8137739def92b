using System.Diagnostics;
using ImageBuild.Errors;
using ImageBuild.IO;

namespace ImageBuild.Store;

/// <summary>
/// The exclusive lock that serializes every change to a layout's index.json and side files, across
/// threads and processes. It is an OS lock on an open handle (flock on Unix, a share-none handle on
/// Windows), so it ends with the process holding it: a killed writer never leaves the store locked.
/// </summary>
public sealed class LayoutLock : IDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(250);

    private readonly FileStream handle;
    private bool released;

    private LayoutLock(string layoutPath, FileStream handle)
    {
        LayoutPath = layoutPath;
        this.handle = handle;
    }

    /// <summary>The layout this lock guards.</summary>
    public string LayoutPath { get; }

    public bool IsHeld => !released;

    public void Dispose()
    {
        if (!released)
        {
            released = true;
            handle.Dispose();
        }
    }

    /// <summary>Takes the lock, retrying with growing delays until <paramref name="timeout"/> passes.</summary>
    internal static async Task<LayoutLock> AcquireAsync(
        string layoutPath, string lockFilePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var delay = FirstDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryOpen(layoutPath, lockFilePath) is { } handle)
            {
                return new LayoutLock(layoutPath, handle);
            }

            if (waited.Elapsed >= timeout)
            {
                throw new ImageBuildException(
                    $"timed out after {timeout.TotalSeconds:0.#} s waiting for the lock on {lockFilePath}: another process is changing the store; retry when it has finished");
            }

            // Jitter keeps many waiters from retrying in lock step.
            var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)delay.TotalMilliseconds + 1));
            await Task.Delay(delay + jitter, cancellationToken);
            delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
        }
    }

    private static FileStream? TryOpen(string layoutPath, string lockFilePath)
    {
        try
        {
            return new FileStream(lockFilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (FileSystemFailure.IsLocked(ex))
        {
            // Someone else holds the lock. Any other failure (a read-only or full file system) is final.
            return null;
        }
        catch (DirectoryNotFoundException) when (!Directory.Exists(layoutPath))
        {
            throw LayoutDirectories.Vanished(layoutPath);
        }
    }
}
