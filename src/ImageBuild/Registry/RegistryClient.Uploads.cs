using System.Net;
using ImageBuild.Oci;

namespace ImageBuild.Registry;

public sealed partial class RegistryClient
{
    /// <summary><c>POST /v2/NAME/blobs/uploads/</c>: opens an upload session.</summary>
    public async Task<BlobUploadSession> StartUploadAsync(string repository, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("start upload to", Registry, repository);
        using var request = NewRequest(HttpMethod.Post, UploadsPath(repository), [RegistryScope.PullPush(repository)]);
        using var response = await SendAsync(request, call, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.Accepted);
        return SessionFrom(response, request.RequestUri!, repository, call);
    }

    /// <summary><c>DELETE &lt;location&gt;</c>: abandons an upload session; one the registry already forgot is fine.</summary>
    public async Task CancelUploadAsync(BlobUploadSession session, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("cancel upload to", Registry, session.Repository);
        using var request = NewRequest(HttpMethod.Delete, session.Location, [RegistryScope.PullPush(session.Repository)]);
        using var response = await SendAsync(request, call, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, call, cancellationToken);
        }
    }

    /// <summary>
    /// Uploads a blob: one streamed PUT, or PATCH chunks when the blob is over
    /// <see cref="RegistryClientOptions.ChunkedUploadThreshold"/> or the registry asks for a minimum chunk length.
    /// After a broken chunk the upload asks the registry for its offset and calls
    /// <paramref name="openAt"/> for a stream positioned there. Returns the digest the registry stored.
    /// </summary>
    public Task<Digest> UploadBlobAsync(
        string repository, Descriptor descriptor, Func<long, CancellationToken, Task<Stream>> openAt, CancellationToken cancellationToken = default) =>
        UploadBlobAsync(repository, descriptor, UploadSource.FromOpener(openAt), cancellationToken);

    /// <summary>
    /// Uploads a blob from <paramref name="content"/>, which stays the caller's. A seekable stream lets a
    /// broken chunked upload resume; a forward-only one makes it fail.
    /// </summary>
    public Task<Digest> UploadBlobAsync(string repository, Descriptor descriptor, Stream content, CancellationToken cancellationToken = default) =>
        UploadBlobAsync(repository, descriptor, UploadSource.FromStream(content), cancellationToken);

    /// <summary>Uploads a blob from <paramref name="source"/> in a new session.</summary>
    internal async Task<Digest> UploadBlobAsync(string repository, Descriptor descriptor, UploadSource source, CancellationToken cancellationToken)
    {
        var session = await StartUploadAsync(repository, cancellationToken);
        return await new BlobUploader(this).UploadAsync(session, descriptor, source, cancellationToken);
    }

    /// <summary>Completes an open session (say, from a mount the registry declined) with the blob's data.</summary>
    public Task<Digest> CompleteUploadAsync(BlobUploadSession session, Descriptor descriptor, Stream content, CancellationToken cancellationToken = default) =>
        CompleteUploadAsync(session, descriptor, UploadSource.FromStream(content), cancellationToken);

    /// <inheritdoc cref="CompleteUploadAsync(BlobUploadSession, Descriptor, Stream, CancellationToken)"/>
    public Task<Digest> CompleteUploadAsync(
        BlobUploadSession session, Descriptor descriptor, Func<long, CancellationToken, Task<Stream>> openAt, CancellationToken cancellationToken = default) =>
        CompleteUploadAsync(session, descriptor, UploadSource.FromOpener(openAt), cancellationToken);

    internal Task<Digest> CompleteUploadAsync(BlobUploadSession session, Descriptor descriptor, UploadSource source, CancellationToken cancellationToken) =>
        new BlobUploader(this).UploadAsync(session, descriptor, source, cancellationToken);

    internal BlobUploadSession SessionFrom(HttpResponseMessage response, Uri requestUri, string repository, RegistryCall call)
    {
        var location = Header(response, "Location")
            ?? throw new RegistryException($"cannot {call.Operation} {call.Display}: {Registry} opened an upload without a Location header", response.StatusCode);
        var minimum = long.TryParse(Header(response, "OCI-Chunk-Min-Length"), out var value) && value > 0 ? value : (long?)null;
        return new BlobUploadSession(repository, UploadLocation.Resolve(requestUri, location), minimum);
    }
}
