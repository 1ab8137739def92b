using System.Net;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Registry.Http;

namespace ImageBuild.Registry;

/// <summary>
/// One blob upload through an open session: a streamed monolithic PUT, or PATCH chunks that follow the
/// registry's Location and Range answers, resume from the registry's offset after a broken chunk (and start
/// a fresh session when the registry has lost the old one), and end with <c>PUT ?digest=</c>.
/// </summary>
internal sealed class BlobUploader(RegistryClient client)
{
    public async Task<Digest> UploadAsync(BlobUploadSession session, Descriptor descriptor, UploadSource source, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("upload blob", client.Registry, session.Repository, descriptor.Digest.ToString());
        var location = session.Location;
        try
        {
            var chunked = descriptor.Size > client.Options.ChunkedUploadThreshold || session.MinimumChunkLength is not null;
            if (!chunked)
            {
                for (var restarts = 0; ; restarts++)
                {
                    var stream = await source.OpenAtAsync(0, call.Display, cancellationToken);
                    try
                    {
                        return await CommitAsync(location, descriptor, new ChunkContent(stream, descriptor.Size), call, cancellationToken);
                    }
                    catch (RegistryException ex) when (IsTransient(ex) && source.CanRestart && restarts < client.Options.MaxUploadResumes && !cancellationToken.IsCancellationRequested)
                    {
                        // A streamed PUT cannot be replayed by the transport: the blob goes again in a fresh session.
                        await AbandonAsync(session with { Location = location });
                        location = (await client.StartUploadAsync(session.Repository, cancellationToken)).Location;
                    }
                    finally
                    {
                        await source.ReleaseAsync(stream);
                    }
                }
            }

            var chunks = new ChunkedUpload(client, session, descriptor, source, call);
            try
            {
                location = await chunks.SendAsync(cancellationToken);
            }
            finally
            {
                location = chunks.Location;
            }

            return await CommitAsync(location, descriptor, new ByteArrayContent([]), call, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await AbandonAsync(session with { Location = location });
            throw;
        }
    }

    private async Task<Digest> CommitAsync(Uri location, Descriptor descriptor, HttpContent content, RegistryCall call, CancellationToken cancellationToken)
    {
        using var request = client.NewRequest(HttpMethod.Put, UploadLocation.WithQueryParameter(location, "digest", descriptor.Digest.ToString()), [RegistryScope.PullPush(call.Repository!)]);
        request.Content = content;
        HttpResponseMessage response;
        try
        {
            response = await client.SendRawAsync(request, cancellationToken);
        }
        catch (Exception ex) when (SourceFailure(ex) is { } failure)
        {
            throw failure;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw RegistryErrors.Unreachable(ex, call);
        }

        using (response)
        {
            await RegistryClient.EnsureSuccessAsync(response, call, cancellationToken, HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.OK);
            var stated = RegistryClient.Header(response, "Docker-Content-Digest");
            if (Digest.TryParse(stated, out var stored) && stored != descriptor.Digest)
            {
                throw new RegistryException($"{client.Registry} stored blob {descriptor.Digest} in {call.RepositoryDisplay} as {stored}: the upload was corrupted");
            }
        }

        return descriptor.Digest;
    }

    /// <summary>A failure the registry or network may not repeat: no answer, a timeout, rate limiting, a server error.</summary>
    private static bool IsTransient(RegistryException exception) =>
        exception.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The source's own failure (a short stream, a read error it reported) hidden inside a transport exception.</summary>
    internal static ImageBuildException? SourceFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is ImageBuildException failure)
            {
                return failure;
            }
        }

        return null;
    }

    // Best effort: an abandoned session only costs the registry some disk until its upload purge runs.
    private async Task AbandonAsync(BlobUploadSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await client.CancelUploadAsync(session, timeout.Token);
        }
        catch (Exception ex) when (ex is RegistryException or OperationCanceledException or HttpRequestException or IOException)
        {
            // The original failure is what the user needs to see.
        }
    }
}
