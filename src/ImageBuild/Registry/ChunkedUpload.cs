using System.Net;
using ImageBuild.Oci;
using ImageBuild.Registry.Resilience;

namespace ImageBuild.Registry;

/// <summary>
/// The PATCH phase of a chunked upload. Each chunk carries <c>Content-Range: start-end</c>; each 202 gives
/// the next Location and a Range that must confirm the bytes sent. A chunk broken on the wire, refused with
/// 416, or answered with a transient error (429, 5xx) is followed, after a backoff, by <c>GET &lt;location&gt;</c>,
/// whose Range says where to go on; a registry that has lost the session gets a fresh one and the blob from the
/// start. At most <see cref="RetryOptions.MaxRetries"/> resumes.
/// </summary>
internal sealed class ChunkedUpload(RegistryClient client, BlobUploadSession session, Descriptor descriptor, UploadSource source, RegistryCall call)
{
    private readonly IReadOnlyList<string> scopes = [RegistryScope.PullPush(session.Repository)];

    /// <summary>The newest upload URL the registry gave; the commit and a cancel go there.</summary>
    public Uri Location { get; private set; } = session.Location;

    public async Task<Uri> SendAsync(CancellationToken cancellationToken = default)
    {
        var retry = client.Options.Retry;
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
                RegistryException? refused = null;
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

                    if (response is not null)
                    {
                        refused = await RegistryErrors.FromResponseAsync(response, call, cancellationToken);
                        if (response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable && !refused.IsTransient)
                        {
                            throw refused;
                        }
                    }
                }

                var delay = Backoff.DelayBefore(retry, resumes, refused?.RetryAfter);
                if (resumes++ >= retry.MaxRetries || delay is null)
                {
                    throw broken is not null
                        ? RegistryErrors.Unreachable(broken, call, resumes)
                        : new RegistryException($"{refused!.Message} at offset {offset}{RegistryErrors.Tried(resumes)}", refused.StatusCode, refused.Errors) { RetryAfter = refused.RetryAfter };
                }

                await source.ReleaseAsync(stream);
                stream = null;
                await Backoff.WaitAsync(retry, delay.Value, cancellationToken);
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
        try
        {
            return (await client.SendStreamedAsync(request, stream, length, UploadRange.Format(offset, length), cancellationToken), null);
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
