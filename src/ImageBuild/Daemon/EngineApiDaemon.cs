using System.IO.Pipelines;
using Docker.DotNet;
using Docker.DotNet.Models;
using Platform = ImageBuild.Oci.Platform;
using Version = System.Version;
using Docker.DotNet.NativeHttp;
using Docker.DotNet.Unix;
using Docker.DotNet.X509;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.References;

namespace ImageBuild.Daemon;

/// <summary>
/// A daemon reached through the Docker Engine API (Docker, or Podman's compatible service) with Docker.DotNet: the
/// Unix-socket transport for <c>unix://</c>, plain HTTP or verified TLS with the docker CLI's certificates for
/// <c>tcp://</c>. Requests are unversioned until <see cref="ConnectAsync"/> has asked the daemon which API it speaks;
/// then they carry that version, so the daemon answers in the form it documents for it.
/// </summary>
public sealed class EngineApiDaemon : IImageDaemon
{
    /// <summary>The oldest API this client uses: docker 1.12, the first to load gzip layers from a docker-archive and tag by ID.</summary>
    public static readonly Version MinimumApiVersion = new(1, 24);

    /// <summary>The newest API version asked for; newer daemons answer it as documented.</summary>
    public static readonly Version MaximumApiVersion = new(1, 47);

    private DockerClient client;

    public EngineApiDaemon(DaemonEndpoint endpoint)
    {
        Endpoint = endpoint;
        client = Build(null);
    }

    public DaemonEndpoint Endpoint { get; }

    public async Task<DaemonInfo> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var version = await CallAsync(ct => client.System.GetVersionAsync(ct), null, cancellationToken);
        if (!System.Version.TryParse(version.APIVersion, out var api) || api < MinimumApiVersion)
        {
            throw new ImageBuildException(
                $"the {Endpoint.EngineName} daemon at {Endpoint.Display} speaks Engine API {version.APIVersion}, older than the {MinimumApiVersion} this tool needs: upgrade it (Docker 1.12 or later)");
        }

        var negotiated = api < MaximumApiVersion ? api : MaximumApiVersion;
        client.Dispose();
        client = Build(negotiated);
        var product = version.Platform?.Name is { Length: > 0 } name ? name : $"{Endpoint.EngineName} Engine";
        var platform = Platform.Parse($"{version.Os ?? "linux"}/{version.Arch ?? "amd64"}");
        return new DaemonInfo(product, version.Version ?? "unknown", api, platform);
    }

    public async Task<string?> FindImageIdAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        try
        {
            var image = await CallAsync(ct => client.Images.InspectImageAsync(nameOrId, ct), nameOrId, cancellationToken);
            return image.ID;
        }
        catch (DaemonImageMissingException)
        {
            return null;
        }
    }

    public async Task<string> LoadAsync(Func<Stream, CancellationToken, Task> writeArchive, CancellationToken cancellationToken = default)
    {
        // The archive is written into a small pipe that the request body reads, so it streams in one pass with
        // bounded memory; a failed request cancels the writer, and a failed writer ends the request.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        var writing = Task.Run(
            async () =>
            {
                try
                {
                    await using var body = pipe.Writer.AsStream();
                    await writeArchive(body, cancel.Token);
                    await pipe.Writer.CompleteAsync();
                }
                catch (Exception ex)
                {
                    await pipe.Writer.CompleteAsync(ex);
                    throw;
                }
            },
            cancel.Token);

        var messages = new LoadMessages();
        try
        {
            await using var request = pipe.Reader.AsStream();
            await CallAsync(ct => client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, request, messages, ct), null, cancel.Token);
        }
        catch (Exception) when (writing.IsFaulted)
        {
            // The writer's failure (a corrupt source blob) is the cause; the request failed because of it.
            await writing;
            throw;
        }
        catch
        {
            await cancel.CancelAsync();
            await Task.WhenAny(writing);
            throw;
        }

        await writing;
        return messages.ImageId(Endpoint);
    }

    public async Task TagAsync(string imageId, ImageReference name, CancellationToken cancellationToken = default)
    {
        var parameters = new ImageTagParameters { RepositoryName = name.Name, Tag = name.Tag ?? ImageReference.DefaultTag };
        await CallAsync(ct => client.Images.TagImageAsync(imageId, parameters, ct), imageId, cancellationToken);
    }

    public async Task<Stream> SaveAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        var body = await CallAsync(ct => client.Images.SaveImageAsync(nameOrId, ct), nameOrId, cancellationToken);
        // The socket transport's chunked reader takes a zero-length read (TarReader makes them between entries) for a
        // closed connection; a buffer in front never passes one on, and turns small reads into few large ones.
        return new BufferedStream(body, 1 << 16);
    }

    public void Dispose() => client.Dispose();

    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, string? image, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception ex) when (DaemonErrors.Describe(ex, Endpoint, image) is { } failure)
        {
            throw failure;
        }
    }

    private async Task CallAsync(Func<CancellationToken, Task> call, string? image, CancellationToken cancellationToken) =>
        await CallAsync<bool>(
            async ct =>
            {
                await call(ct);
                return true;
            },
            image,
            cancellationToken);

    private DockerClient Build(Version? apiVersion)
    {
        var uri = Endpoint.Uri ?? throw new InvalidOperationException("an Engine API daemon needs an endpoint address");
        var builder = new DockerClientBuilder().WithEndpoint(uri).WithApiVersion(apiVersion);
        if (uri.Scheme == "unix")
        {
            return builder.WithTransportOptions(new UnixSocketTransportOptions()).Build();
        }

        if (Endpoint.TlsDirectory is { } directory)
        {
            builder = builder.WithAuthProvider(TlsCredentials(directory));
        }

        return builder.WithTransportOptions(new NativeHttpTransportOptions()).Build();
    }

    /// <summary>The docker CLI's TLS files: the daemon is verified against ca.pem and we present cert.pem/key.pem.</summary>
    private Docker.DotNet.Handler.Abstractions.IAuthProvider TlsCredentials(string directory)
    {
        string[] files = ["ca.pem", "cert.pem", "key.pem"];
        if (files.FirstOrDefault(f => !File.Exists(Path.Combine(directory, f))) is { } missing)
        {
            throw new ImageBuildException(
                $"TLS to the {Endpoint.EngineName} daemon at {Endpoint.Display} ({Endpoint.Origin}) needs {Path.Combine(directory, missing)}: put ca.pem, cert.pem and key.pem there, or point DOCKER_CERT_PATH at them");
        }

        return DockerTlsCertificates.LoadFromDirectory(directory, true, "ca.pem", "cert.pem", "key.pem").CreateCredentials();
    }

    /// <summary>Collects what the load said, in order: the loaded image's ID, or the daemon's error.</summary>
    private sealed class LoadMessages : IProgress<JSONMessage>
    {
        private readonly List<JSONMessage> messages = [];

        public void Report(JSONMessage value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }

        public string ImageId(DaemonEndpoint endpoint)
        {
            lock (messages)
            {
                if (messages.FirstOrDefault(m => m.Error is not null) is { } failed)
                {
                    throw DaemonErrors.LoadFailed(failed.Error!.Message ?? "unknown error", endpoint);
                }

                var said = string.Concat(messages.Select(m => m.Stream));
                return DaemonLoadOutput.ImageId(said)
                    ?? throw new ImageBuildException($"the {endpoint.EngineName} daemon at {endpoint.Display} loaded the image but did not say its ID (it said \"{said.Trim()}\")");
            }
        }
    }
}
