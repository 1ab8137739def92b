using System.Net;
using System.Threading.Channels;
using ImageBuild.Errors;
using ImageBuild.IO;
using ImageBuild.Oci;
using ImageBuild.Registry.Http;

namespace ImageBuild.Registry;

/// <summary>
/// An upload of a blob that is still being made: <c>POST</c>, then one <c>PATCH</c> whose body is sent as
/// <see cref="Body"/> is written (no length, no digest yet), then <c>PUT ?digest=</c> once the maker knows it, as
/// docker's push streams a layer. A new layer then goes out while it is compressed instead of after.
/// </summary>
/// <remarks>
/// Best effort by design: it never fails its writer. Any failure (the registry refuses, the connection breaks, the
/// body stalls past the attempt timeout) drops the upload, leaves the session to be deleted, and makes
/// <see cref="CompleteAsync"/> answer false, so the caller's ordinary push, which asks the registry what it has,
/// sends the blob with its retries as if this had not been tried.
/// </remarks>
internal sealed class StreamingBlobUpload : IAsyncDisposable
{
    /// <summary>Written bytes waiting for the connection; a few compressed chunks, so memory stays bounded.</summary>
    private const int QueuedWrites = 8;

    private readonly RegistryClient client;
    private readonly BlobUploadSession session;
    private readonly Channel<byte[]> queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueuedWrites) { SingleWriter = true });
    private readonly CancellationTokenSource abandon = new();
    private readonly BodyStream body;
    private Task<Uri?>? patch;
    private bool finished;

    private StreamingBlobUpload(RegistryClient client, BlobUploadSession session)
    {
        this.client = client;
        this.session = session;
        body = new BodyStream(this);
    }

    /// <summary>Where the blob's bytes go, in order. Writes never throw; after a failure they are dropped.</summary>
    public Stream Body => body;

    /// <summary>Opens the session and starts the PATCH; null when the registry does not take it (the push will send the blob).</summary>
    public static async Task<StreamingBlobUpload?> StartAsync(RegistryClient client, string repository, CancellationToken cancellationToken = default)
    {
        BlobUploadSession session;
        try
        {
            session = await client.StartUploadAsync(repository, cancellationToken);
        }
        catch (Exception ex) when (ex is ImageBuildException or HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Credentials refused, no push access, no such registry: the push says so, or copes, in its own words.
            return null;
        }

        if (session.MinimumChunkLength is not null)
        {
            // A registry that wants chunks of a minimum length would refuse one open-ended PATCH.
            await new StreamingBlobUpload(client, session).DisposeAsync();
            return null;
        }

        var upload = new StreamingBlobUpload(client, session);
        upload.patch = upload.SendPatchAsync(cancellationToken);
        return upload;
    }

    /// <summary>
    /// Ends the body and commits it as <paramref name="descriptor"/> (its digest and size are those of the bytes
    /// written). True when the registry stored it under that digest; false when the upload was dropped.
    /// </summary>
    public async Task<bool> CompleteAsync(Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (finished || body.BytesWritten != descriptor.Size || !queue.Writer.TryComplete())
        {
            return false;
        }

        var location = patch is null ? null : await patch;
        if (location is null)
        {
            return false;
        }

        try
        {
            using var request = client.NewRequest(HttpMethod.Put, UploadLocation.WithQueryParameter(location, "digest", descriptor.Digest.ToString()), [RegistryScope.PullPush(session.Repository)]);
            request.Content = new ByteArrayContent([]);
            using var response = await client.SendRawAsync(request, cancellationToken);
            finished = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.OK
                && (!Digest.TryParse(RegistryClient.Header(response, "Docker-Content-Digest"), out var stored) || stored == descriptor.Digest);
            return finished;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or RegistryException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // An attempt that timed out included: the push asks the registry and sends the blob if it is not there.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!finished)
        {
            queue.Writer.TryComplete(new OperationCanceledException("the streamed upload was abandoned"));
            await abandon.CancelAsync();
            if (patch is not null)
            {
                await patch;
            }

            // Best effort: an abandoned session only costs the registry some disk until its upload purge runs.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await client.CancelUploadAsync(session, timeout.Token);
            }
            catch (Exception ex) when (ex is RegistryException or OperationCanceledException or HttpRequestException or IOException)
            {
                // Nothing depended on it.
            }
        }

        abandon.Dispose();
    }

    /// <summary>The PATCH: its body is the queue until the writer completes it. Answers the next Location, or null on any failure.</summary>
    private async Task<Uri?> SendPatchAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abandon.Token);
        var timeout = client.Options.Retry.AttemptTimeout;
        try
        {
            using var request = client.NewRequest(HttpMethod.Patch, session.Location, [RegistryScope.PullPush(session.Repository)]);
            request.Content = new QueueContent(queue.Reader) { Sent = () => linked.CancelAfter(timeout) };
            using var response = await client.SendUnbufferedAsync(request, linked.Token);
            if (response.StatusCode != HttpStatusCode.Accepted || RegistryClient.Header(response, "Location") is not { } location)
            {
                Drop();
                return null;
            }

            return UploadLocation.Resolve(session.Location, location);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever went wrong here, the blob is in the store and the push sends it; this task must not fail the build.
            Drop();
            return null;
        }
    }

    /// <summary>Stops taking bytes: the writer goes on without waiting for a connection that will not take them.</summary>
    private void Drop()
    {
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out _))
        {
        }

        body.Dropped = true;
    }

    /// <summary>The write side: copies each write into the queue, waiting at most the attempt timeout for room.</summary>
    private sealed class BodyStream(StreamingBlobUpload owner) : WriteOnlyStream
    {
        private volatile bool dropped;

        /// <summary>Set from the connection's side when it stops taking bytes.</summary>
        public bool Dropped
        {
            get => dropped;
            set => dropped = value;
        }

        public override void Write(ReadOnlySpan<byte> buffer) => WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            BytesWritten += buffer.Length;
            if (Dropped || buffer.IsEmpty)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(owner.client.Options.Retry.AttemptTimeout);
            try
            {
                await owner.queue.Writer.WriteAsync(buffer.ToArray(), wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The connection took nothing for the whole timeout: give it up rather than hold up the layer.
                owner.Drop();
                await owner.abandon.CancelAsync();
            }
            catch (ChannelClosedException)
            {
                Dropped = true;
            }
        }
    }

    /// <summary>A request body of unknown length (sent chunked) read from the queue until the writer completes it.</summary>
    private sealed class QueueContent : HttpContent
    {
        private readonly ChannelReader<byte[]> reader;

        public QueueContent(ChannelReader<byte[]> reader)
        {
            this.reader = reader;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        }

        public Action? Sent { get; init; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await foreach (var bytes in reader.ReadAllAsync(cancellationToken))
            {
                await stream.WriteAsync(bytes, cancellationToken);
            }

            Sent?.Invoke();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
