using System.Net;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Registry.Resilience;

namespace ImageBuild.Registry;

/// <summary>
/// One blob upload through an open session: a streamed monolithic PUT, or PATCH chunks that follow the
/// registry's Location and Range answers and resume from the registry's offset after a broken chunk, ended
/// with <c>PUT ?digest=</c>. The transport cannot replay a streamed body, so this is where a failed upload is
/// tried again: after a transient failure of any step (POST, PATCH, PUT) it asks whether the registry has
/// the blob after all (the answer may be what was lost), and otherwise starts over in a fresh session after
/// a backoff that honours <c>Retry-After</c>, at most <see cref="RetryOptions.MaxRetries"/> times.
/// </summary>
internal sealed class BlobUploader(RegistryClient client)
{
    private RetryOptions Retry => client.Options.Retry;

    public async Task<Digest> UploadAsync(BlobUploadSession session, Descriptor descriptor, UploadSource source, CancellationToken cancellationToken = default)
    {
        var call = new RegistryCall("upload blob", client.Registry, session.Repository, descriptor.Digest.ToString());
        for (var attempt = 1; ; attempt++)
        {
            var current = session;
            try
            {
                return await UploadOnceAsync(session, descriptor, source, call, location => current = current with { Location = location }, cancellationToken);
            }
            catch (RegistryException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                await AbandonAsync(current);
                if (await RegistryHasAsync(session.Repository, descriptor.Digest, cancellationToken))
                {
                    return descriptor.Digest;
                }

                var delay = Backoff.DelayBefore(Retry, attempt - 1, ex.RetryAfter);
                if (attempt > Retry.MaxRetries || !source.CanRestart || delay is null)
                {
                    throw GaveUp(ex, attempt, source.CanRestart);
                }

                await Backoff.WaitAsync(Retry, delay.Value, cancellationToken);
                session = await client.StartUploadAsync(session.Repository, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await AbandonAsync(current);
                throw;
            }
        }
    }

    private async Task<Digest> UploadOnceAsync(
        BlobUploadSession session, Descriptor descriptor, UploadSource source, RegistryCall call, Action<Uri> moved, CancellationToken cancellationToken)
    {
        var chunked = descriptor.Size > client.Options.ChunkedUploadThreshold || session.MinimumChunkLength is not null;
        if (!chunked)
        {
            var stream = await source.OpenAtAsync(0, call.Display, cancellationToken);
            try
            {
                return await CommitAsync(session.Location, descriptor, stream, call, cancellationToken);
            }
            finally
            {
                await source.ReleaseAsync(stream);
            }
        }

        var chunks = new ChunkedUpload(client, session, descriptor, source, call);
        try
        {
            await chunks.SendAsync(cancellationToken);
        }
        finally
        {
            moved(chunks.Location);
        }

        return await CommitAsync(chunks.Location, descriptor, null, call, cancellationToken);
    }

    /// <summary><c>PUT ?digest=</c>, with the whole blob (monolithic) or with nothing (after the chunks).</summary>
    private async Task<Digest> CommitAsync(Uri location, Descriptor descriptor, Stream? content, RegistryCall call, CancellationToken cancellationToken)
    {
        using var request = client.NewRequest(HttpMethod.Put, UploadLocation.WithQueryParameter(location, "digest", descriptor.Digest.ToString()), [RegistryScope.PullPush(call.Repository!)]);
        HttpResponseMessage response;
        try
        {
            if (content is null)
            {
                // No body: the transport's retries replay this one.
                request.Content = new ByteArrayContent([]);
                response = await client.SendRawAsync(request, cancellationToken);
            }
            else
            {
                response = await client.SendStreamedAsync(request, content, descriptor.Size, null, cancellationToken);
            }
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

    /// <summary>The last failure, saying how often the whole upload was tried (instead of how often its last request was).</summary>
    private static RegistryException GaveUp(RegistryException last, int attempts, bool couldRestart)
    {
        if (!couldRestart || attempts <= 1)
        {
            return last;
        }

        var message = last.Message;
        var count = message.LastIndexOf(" (tried ", StringComparison.Ordinal);
        var text = (count >= 0 && message.EndsWith(" times)", StringComparison.Ordinal) ? message[..count] : message) + RegistryErrors.Tried(attempts);
        return new RegistryException(text, last.StatusCode, last.Errors, last) { RetryAfter = last.RetryAfter };
    }

    /// <summary>A HEAD that cannot fail the upload: a lost answer to a PUT that did land makes the retry unnecessary.</summary>
    private async Task<bool> RegistryHasAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            return await client.HasBlobAsync(repository, digest, cancellationToken);
        }
        catch (RegistryException)
        {
            return false;
        }
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
