using System.Net;
using ImageBuild.Oci;
using ImageBuild.Registry.Http;

namespace ImageBuild.Registry;

/// <summary>
/// The PATCH phase of a chunked upload. Each chunk carries <c>Content-Range: start-end</c>; each 202 gives
/// the next Location and a Range that must confirm the bytes sent. A chunk broken on the wire (or refused
/// with 416) is followed by <c>GET &lt;location&gt;</c>, whose Range says where to go on; a registry that
/// has lost the session gets a fresh one and the blob from the start.
/// </summary>
internal sealed class ChunkedUpload(RegistryClient client, BlobUploadSession session, Descriptor descriptor, UploadSource source, RegistryCall call)
{
    private readonly IReadOnlyList<string> scopes = [RegistryScope.PullPush(session.Repository)];

    /// <summary>The newest upload URL the registry gave; the commit and a cancel go there.</summary>
    public Uri Location { get; private set; } = session.Location;

    public async Task<Uri> SendAsync(CancellationToken cancellationToken = default)
    {
        var chunkSize = Math.Max(1, Math.Max(client.Options.ChunkSize, session.MinimumChunkLength ?? 0));
        long offset = 0;
        var resumes = 0;
        Stream? stream = null;
        try
        {
            while (offset < descriptor.Size)
            {
                stream ??= await source.OpenAtAsync(offset, call.Display, cancellationToken);
                var length = Math.Min(chunkSize, descriptor.Size - offset);
                var (response, broken) = await SendChunkAsync(stream, offset, length, cancellationToken);
                using (response)
                {
                    if (response?.StatusCode == HttpStatusCode.Accepted)
                    {
                        Location = NextLocation(response);
                        var confirmed = UploadRange.ParseEnd(RegistryClient.Header(response, "Range")) is { } end ? end + 1 : offset + length;
                        if (confirmed != offset + length)
                        {
                            // The registry kept a different amount than was sent: carry on from what it has.
                            await source.ReleaseAsync(stream);
                            stream = null;
                        }

                        offset = confirmed;
                        continue;
                    }

                    if (response is not null && response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
                    {
                        throw await RegistryErrors.FromResponseAsync(response, call, cancellationToken);
                    }
                }

                if (resumes++ >= client.Options.MaxUploadResumes)
                {
                    throw broken is not null
                        ? RegistryErrors.Unreachable(broken, call)
                        : new RegistryException($"cannot {call.Operation} {call.Display}: {client.Registry} kept refusing the chunk at offset {offset} (416) after {client.Options.MaxUploadResumes} resumes", HttpStatusCode.RequestedRangeNotSatisfiable);
                }

                await source.ReleaseAsync(stream);
                stream = null;
                offset = await ResumeAsync(offset, cancellationToken);
            }
        }
        finally
        {
            await source.ReleaseAsync(stream);
        }

        return Location;
    }

    private async Task<(HttpResponseMessage? Response, Exception? Broken)> SendChunkAsync(
        Stream stream, long offset, long length, CancellationToken cancellationToken)
    {
        using var request = client.NewRequest(HttpMethod.Patch, Location, scopes);
        request.Content = new ChunkContent(stream, length);
        request.Content.Headers.TryAddWithoutValidation("Content-Range", UploadRange.Format(offset, length));
        try
        {
            return (await client.SendRawAsync(request, cancellationToken), null);
        }
        catch (Exception ex) when (BlobUploader.SourceFailure(ex) is { } failure)
        {
            throw failure;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, ex);
        }
    }

    /// <summary>Asks the registry how much of the upload it holds; returns the offset to continue from.</summary>
    private async Task<long> ResumeAsync(long lastConfirmed, CancellationToken cancellationToken)
    {
        var statusCall = call with { Operation = "resume upload of" };
        using var request = client.NewRequest(HttpMethod.Get, Location, scopes);
        using var response = await client.SendAsync(request, statusCall, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            // distribution cancels a session whose state token no longer matches what it stored.
            var fresh = await client.StartUploadAsync(session.Repository, cancellationToken);
            Location = fresh.Location;
            return 0;
        }

        await RegistryClient.EnsureSuccessAsync(response, statusCall, cancellationToken, HttpStatusCode.NoContent, HttpStatusCode.OK);
        Location = NextLocation(response);

        // "0-0" is what distribution says both for nothing and for one byte; the last confirmed offset decides.
        return UploadRange.ParseEnd(RegistryClient.Header(response, "Range")) switch
        {
            null => 0,
            0 => lastConfirmed == 0 ? 0 : 1,
            var end => end.Value + 1,
        };
    }

    private Uri NextLocation(HttpResponseMessage response) =>
        RegistryClient.Header(response, "Location") is { } next ? UploadLocation.Resolve(Location, next) : Location;
}
