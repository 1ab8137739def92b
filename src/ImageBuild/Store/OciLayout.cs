using System.Collections.Concurrent;
using ImageBuild.Content;
using ImageBuild.Errors;
using ImageBuild.Oci;

namespace ImageBuild.Store;

/// <summary>
/// A directory in OCI image layout form: <c>oci-layout</c>, <c>index.json</c>, <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>.
/// Blobs become visible only whole and verified (temp file, hash while writing, flush, rename). index.json
/// changes only under <see cref="LayoutLock"/> and is replaced by a rename, so readers need no lock.
/// Besides the spec's files the layout holds <c>ingest/</c> (temp files) and <c>index.json.lock</c>.
/// </summary>
public sealed class OciLayout : IBlobReader, IBlobWriter
{
    public const string IndexFileName = "index.json";
    public const string LockFileName = "index.json.lock";

    private const string IncomingRemedy = "the source is corrupt or changed while it was read";

    private readonly OciLayoutOptions options;

    /// <summary>
    /// Blobs this instance published, hashed as they were written, with the file time it last gave them: a file
    /// written since by anything else has another time and is hashed again.
    /// </summary>
    private readonly ConcurrentDictionary<Digest, DateTime> writtenHere = new();
    private bool staleTempsSwept;

    private OciLayout(string rootPath, OciLayoutOptions options)
    {
        RootPath = rootPath;
        this.options = options;
    }

    public string RootPath { get; }

    public string IndexPath => Path.Combine(RootPath, IndexFileName);

    internal string IngestPath => Path.Combine(RootPath, IngestFiles.FolderName);

    internal OciLayoutOptions Options => options;

    /// <summary>Opens an existing layout; throws <see cref="NotFoundException"/> when the directory is not one.</summary>
    public static OciLayout Open(string path, OciLayoutOptions? options = null)
    {
        var root = Path.GetFullPath(path);
        if (!File.Exists(Path.Combine(root, ImageLayoutMarker.FileName)))
        {
            throw new NotFoundException($"{root} is not an OCI image layout (it has no oci-layout file); check the path");
        }

        CheckMarker(root);
        return new OciLayout(root, options ?? OciLayoutOptions.Default);
    }

    /// <summary>
    /// Opens a layout, creating it when the directory is missing or empty. A directory holding anything
    /// else is refused so an unrelated folder is never turned into a layout.
    /// </summary>
    public static Task<OciLayout> OpenOrCreateAsync(string path, CancellationToken cancellationToken = default) =>
        OpenOrCreateAsync(path, options: null, cancellationToken);

    /// <inheritdoc cref="OpenOrCreateAsync(string, CancellationToken)"/>
    public static async Task<OciLayout> OpenOrCreateAsync(string path, OciLayoutOptions? options, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(path);
        if (File.Exists(Path.Combine(root, ImageLayoutMarker.FileName)) && File.Exists(Path.Combine(root, IndexFileName)))
        {
            return Open(root, options);
        }

        if (File.Exists(root))
        {
            throw new ImageBuildException($"{root} is a file, not an OCI image layout directory; choose a directory path");
        }

        Directory.CreateDirectory(root);
        var layout = new OciLayout(root, options ?? OciLayoutOptions.Default);
        using (await layout.AcquireLockAsync(cancellationToken))
        {
            // Checked again under the lock: another process may have created the layout meanwhile.
            var markerPath = Path.Combine(root, ImageLayoutMarker.FileName);
            if (File.Exists(markerPath))
            {
                CheckMarker(root);
            }
            else
            {
                RefuseForeignContent(root);
                await IngestFiles.ReplaceAsync(markerPath, OciJson.Serialize(new ImageLayoutMarker()), layout.IngestPath, cancellationToken);
            }

            if (!File.Exists(layout.IndexPath))
            {
                await IngestFiles.ReplaceAsync(layout.IndexPath, OciJson.Serialize(EmptyIndex()), layout.IngestPath, cancellationToken);
            }
        }

        return layout;
    }

    /// <summary>Takes the exclusive lock for a read-modify-write of index.json (and side files).</summary>
    public Task<LayoutLock> AcquireLockAsync(CancellationToken cancellationToken = default) =>
        LayoutLock.AcquireAsync(RootPath, Path.Combine(RootPath, LockFileName), options.LockTimeout, cancellationToken);

    /// <summary>Reads index.json. Needs no lock: it is only ever replaced whole.</summary>
    public async Task<ImageIndex> ReadIndexAsync(CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            // Read at once, as the documents are (see OpenBlobAsync).
            cancellationToken.ThrowIfCancellationRequested();
            bytes = File.ReadAllBytes(IndexPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"{RootPath} has no index.json, so it is not a complete OCI image layout; recreate it");
        }

        try
        {
            return OciJson.ParseIndex(bytes);
        }
        catch (ImageBuildException ex)
        {
            throw new ImageBuildException($"{IndexPath} is damaged ({ex.Message}); restore it from a backup or remove the layout", ex);
        }
    }

    /// <summary>Replaces index.json. The caller proves it holds this layout's lock by passing it.</summary>
    public async Task WriteIndexAsync(LayoutLock heldLock, ImageIndex index, CancellationToken cancellationToken = default)
    {
        EnsureHeld(heldLock);
        var normalized = index with { SchemaVersion = 2, MediaType = MediaTypes.OciIndex };
        await IngestFiles.ReplaceAsync(IndexPath, OciJson.Serialize(normalized), IngestPath, cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to index.json under the lock and returns the index written.</summary>
    public async Task<ImageIndex> UpdateIndexAsync(Func<ImageIndex, ImageIndex> change, CancellationToken cancellationToken = default)
    {
        using var heldLock = await AcquireLockAsync(cancellationToken);
        var updated = change(await ReadIndexAsync(cancellationToken));
        await WriteIndexAsync(heldLock, updated, cancellationToken);
        return updated;
    }

    public string BlobPath(Digest digest) => Path.Combine(RootPath, "blobs", digest.Algorithm, digest.Hex);

    /// <summary>
    /// Whether the blob is here and intact: its content is hashed, so a damaged copy counts as absent and a
    /// copy into this layout (a pull) fetches it again instead of trusting it. A writer asks this to skip a blob it
    /// is about to reference, so an intact blob's time is renewed: garbage collection spares blobs used within its
    /// grace period. A blob this instance wrote was hashed on the way in and is not read again (a build's store
    /// output would otherwise re-read every layer it just made).
    /// </summary>
    public async Task<bool> HasBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        if (!HasBlob(descriptor))
        {
            return false;
        }

        var path = BlobPath(descriptor.Digest);
        if (writtenHere.TryGetValue(descriptor.Digest, out var writtenTime) && File.GetLastWriteTimeUtc(path) == writtenTime)
        {
            MarkUsed(new FileInfo(path));
            writtenHere[descriptor.Digest] = File.GetLastWriteTimeUtc(path);
            return true;
        }

        try
        {
            await using var stream = (VerifyingReadStream)await OpenBlobAsync(descriptor, cancellationToken);
            await stream.VerifyToEndAsync(cancellationToken);
            MarkUsed(new FileInfo(BlobPath(descriptor.Digest)));
            return true;
        }
        catch (Exception ex) when (ex is CorruptBlobException or NotFoundException)
        {
            return false;
        }
    }

    /// <summary>Below this size a blob is a document (manifest, config, index) read whole and at once.</summary>
    private const int SmallDocumentSize = 81920;

    /// <summary>Opens a blob for reading; the stream fails at its end (or once too long) unless the content matches the descriptor.</summary>
    public Task<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        try
        {
            if (descriptor.Size is >= 0 and < SmallDocumentSize)
            {
                // A document (manifest, config) is read at once: on Unix every asynchronous file read is a hop to the
                // thread pool, which costs more than reading a few KiB. One byte past its size is read so that a
                // longer file still fails the check.
                using var small = new FileStream(BlobPath(descriptor.Digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1);
                var bytes = new byte[descriptor.Size + 1];
                var read = small.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                return Task.FromResult<Stream>(VerifyingReadStream.ForBlob(new MemoryStream(bytes, 0, read, writable: false), descriptor, $" in {RootPath}", CorruptBlobRemedy));
            }

            var file = new FileStream(
                BlobPath(descriptor.Digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream>(VerifyingReadStream.ForBlob(file, descriptor, $" in {RootPath}", CorruptBlobRemedy));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"blob {descriptor.Digest} is not in {RootPath}; pull or build the image again");
        }
    }

    /// <summary>Streams a blob in, verifying digest and size. A blob already present intact is not written again.</summary>
    public async Task WriteBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken = default)
    {
        if (await HasBlobAsync(descriptor, cancellationToken))
        {
            return;
        }

        SweepStaleTempsOnce();
        var temp = CreateIngestPath();
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await using (var verifying = VerifyingReadStream.ForBlob(content, descriptor, string.Empty, IncomingRemedy, leaveOpen: true))
                {
                    await verifying.CopyToAsync(file, cancellationToken);
                }

                file.Flush(flushToDisk: true);
            }

            Publish(temp, descriptor.Digest);
        }
        catch
        {
            IngestFiles.TryDelete(temp);
            throw;
        }
    }

    /// <summary>Stores a small document (manifest, index, config) and returns its descriptor.</summary>
    public async Task<Descriptor> WriteBytesAsync(ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default)
    {
        var descriptor = new Descriptor { MediaType = mediaType, Digest = Digest.Compute(bytes.Span), Size = bytes.Length };
        await WriteBlobAsync(descriptor, new MemoryStream(bytes.ToArray(), writable: false), cancellationToken);
        return descriptor;
    }

    /// <summary>Stores the exact bytes of a parsed document and returns its descriptor.</summary>
    public Task<Descriptor> WriteJsonAsync<T>(JsonBlob<T> blob, CancellationToken cancellationToken = default)
        where T : class =>
        WriteBytesAsync(blob.Bytes, blob.MediaType, cancellationToken);

    /// <summary>
    /// A fresh temp file path inside this layout, for producers (the layer writer) that write a blob before
    /// they know its digest and then hand it over with <see cref="ImportBlobFileAsync"/>. Files left there
    /// by a killed process are swept by later writers.
    /// </summary>
    public string CreateIngestPath() => IngestFiles.NewPath(IngestPath);

    /// <summary>
    /// Moves a finished temp file whose digest the caller computed while writing it into the blob store.
    /// Its size is checked (its digest is not hashed again). The file is consumed: moved in, or deleted when
    /// the blob is already there or the size is wrong.
    /// </summary>
    public Task ImportBlobFileAsync(string tempPath, Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(tempPath);
        var staged = file.FullName;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!file.Exists)
            {
                throw new NotFoundException($"cannot import blob {descriptor.Digest}: the file {tempPath} does not exist");
            }

            if (file.Length != descriptor.Size)
            {
                throw new CorruptBlobException(descriptor.Digest.ToString(), $"blob {descriptor.Digest} is corrupt: it is {file.Length} bytes but its descriptor says {descriptor.Size}; {IncomingRemedy}");
            }

            if (HasBlob(descriptor, markUsed: true))
            {
                return Task.CompletedTask;
            }

            if (!string.Equals(Path.GetDirectoryName(staged), IngestPath, StringComparison.Ordinal))
            {
                // Another file system cannot be renamed from atomically: move it next to the blobs first.
                staged = CreateIngestPath();
                File.Move(file.FullName, staged);
            }

            using (var handle = new FileStream(staged, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                handle.Flush(flushToDisk: true);
            }

            Publish(staged, descriptor.Digest);
        }
        finally
        {
            // The file is consumed on every path: published (renamed away), or deleted.
            IngestFiles.TryDelete(file.FullName);
            IngestFiles.TryDelete(staged);
        }

        return Task.CompletedTask;
    }

    /// <summary>Deletes temp files left by killed processes (see <see cref="IngestFiles.SweepStale"/>).</summary>
    public long SweepStaleTemps() =>
        IngestFiles.SweepStale(IngestPath, options.StaleTempAge, options.Time.GetUtcNow());

    internal void EnsureHeld(LayoutLock heldLock)
    {
        if (!heldLock.IsHeld || !string.Equals(heldLock.LayoutPath, RootPath, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the lock passed in is not a held lock of {RootPath}");
        }
    }

    private string CorruptBlobRemedy => $"run 'dotnet image fsck --repair --store {RootPath}' to remove it, then pull or build the images that use it again";

    /// <summary>Whether a file of the blob's size is here; cheap, and trusted only where the content is read (and so verified) anyway.</summary>
    /// <param name="markUsed">Renew the blob's time, for a caller about to reference it (see <see cref="HasBlobAsync"/>).</param>
    internal bool HasBlob(Descriptor descriptor, bool markUsed = false)
    {
        var file = new FileInfo(BlobPath(descriptor.Digest));
        if (!file.Exists || file.Length != descriptor.Size)
        {
            return false;
        }

        if (markUsed)
        {
            MarkUsed(file);
        }

        return true;
    }

    private static ImageIndex EmptyIndex() => new() { SchemaVersion = 2, MediaType = MediaTypes.OciIndex };

    private void MarkUsed(FileInfo blob)
    {
        try
        {
            blob.LastWriteTimeUtc = options.Time.GetUtcNow().UtcDateTime;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only store is still readable; its blobs are not collected by this process anyway.
        }
    }

    private void Publish(string temp, Digest digest)
    {
        var target = BlobPath(digest);
        LayoutDirectories.Ensure(RootPath, Path.GetDirectoryName(target)!);

        // Replacing is safe: whatever is at the target has the same digest, or is damaged.
        File.Move(temp, target, overwrite: true);

        // The blob's time is when it was written by the layout's clock, which the grace period of collection reads.
        MarkUsed(new FileInfo(target));
        writtenHere[digest] = File.GetLastWriteTimeUtc(target);
    }

    private void SweepStaleTempsOnce()
    {
        if (!staleTempsSwept)
        {
            staleTempsSwept = true;
            SweepStaleTemps();
        }
    }

    private static void CheckMarker(string root)
    {
        var marker = OciJson.ParseLayoutMarker(File.ReadAllBytes(Path.Combine(root, ImageLayoutMarker.FileName)));
        if (!marker.ImageLayoutVersion.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new ImageBuildException(
                $"{root} is an OCI image layout of version {marker.ImageLayoutVersion}, which this tool does not support (it reads 1.x)");
        }
    }

    private static void RefuseForeignContent(string root)
    {
        var ours = new HashSet<string>(StringComparer.Ordinal) { LockFileName, IngestFiles.FolderName };
        var foreign = Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).FirstOrDefault(n => !ours.Contains(n!));
        if (foreign is not null)
        {
            throw new ImageBuildException(
                $"{root} exists and is not an OCI image layout (it has no oci-layout file but holds \"{foreign}\"); choose an empty or new directory");
        }
    }
}
