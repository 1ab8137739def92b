using System.Net;
using ImageBuild.Oci;

namespace ImageBuild.Registry;

public sealed partial class RegistryClient
{
    /// <summary><c>HEAD /v2/NAME/blobs/DIGEST</c>: true when the repository has the blob.</summary>
    public async Task<bool> HasBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("check blob", Registry, repository, digest.ToString());
        using var response = await SendFollowingRedirectsAsync(
            uri => NewRequest(HttpMethod.Head, uri, [RegistryScope.Pull(repository)]), BlobPath(repository, digest), call, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.OK);
        return true;
    }

    /// <summary>
    /// <c>GET /v2/NAME/blobs/DIGEST</c> as a stream of the blob as stored, following redirects (credentials
    /// never leave the registry's host). The caller disposes the stream; the bytes are not verified here, the
    /// writer they go to verifies them.
    /// </summary>
    public async Task<Stream> OpenBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var first = await OpenBlobFromAsync(repository, digest, 0, cancellationToken);
        return new ResumingDownloadStream(
            first.Content,
            (offset, ct) => OpenBlobFromAsync(repository, digest, offset, ct),
            $"blob {digest} from {Registry}/{repository}",
            Options.Retry);
    }

    /// <summary>
    /// GETs a blob from <paramref name="offset"/> on (a Range request past 0). A registry that ignores the
    /// range answers 200 with the whole blob; the caller then skips what it already has.
    /// </summary>
    private async Task<(Stream Content, bool FromOffset)> OpenBlobFromAsync(string repository, Digest digest, long offset, CancellationToken cancellationToken)
    {
        var call = new RegistryCall("get blob", Registry, repository, digest.ToString());
        var response = await SendFollowingRedirectsAsync(
            uri =>
            {
                var request = NewRequest(HttpMethod.Get, uri, [RegistryScope.Pull(repository)]);
                if (offset > 0)
                {
                    request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(offset, null);
                }

                return request;
            },
            BlobPath(repository, digest), call, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        try
        {
            await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.OK, HttpStatusCode.PartialContent);
            var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            return (content, response.StatusCode == HttpStatusCode.PartialContent || offset == 0);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Asks the registry to link a blob that <paramref name="fromRepository"/> (on the same registry) already
    /// has: <c>POST /v2/NAME/blobs/uploads/?mount=DIGEST&amp;from=OTHER</c>. On 201 the blob is there; on 202
    /// the registry opened an upload session instead, which the caller must complete with
    /// <see cref="CompleteUploadAsync(BlobUploadSession, Descriptor, Stream, CancellationToken)"/> or cancel with
    /// <see cref="CancelUploadAsync"/>.
    /// </summary>
    public async Task<BlobMountResult> MountBlobAsync(string repository, Digest digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("mount blob", Registry, repository, digest.ToString());
        var query = $"?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}";
        using var request = NewRequest(HttpMethod.Post, UploadsPath(repository) + query, [RegistryScope.PullPush(repository), RegistryScope.Pull(fromRepository)]);
        using var response = await SendAsync(request, call, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.Created, HttpStatusCode.Accepted);
        return response.StatusCode == HttpStatusCode.Created
            ? new BlobMountResult(true, null)
            : new BlobMountResult(false, SessionFrom(response, request.RequestUri!, repository, call));
    }

    private static string BlobPath(string repository, Digest digest) => $"v2/{repository}/blobs/{digest}";

    private static string UploadsPath(string repository) => $"v2/{repository}/blobs/uploads/";
}
