using ImageBuild.References;

namespace ImageBuild.Daemon;

/// <summary>
/// A local image daemon (Docker, or Podman through its Docker-compatible API or its command), as far as moving images
/// goes: images go in as a docker-archive stream and come out as one, and names are put on loaded images separately,
/// so an image is tagged only once all of it is there. Failures are <see cref="Errors.ImageBuildException"/>s whose
/// one-line message names the endpoint and the fix.
/// </summary>
public interface IImageDaemon : IDisposable
{
    DaemonEndpoint Endpoint { get; }

    /// <summary>Checks that the daemon answers and speaks a recent enough API, and says what it is.</summary>
    Task<DaemonInfo> ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>The full ID (<c>sha256:...</c>) of the image a name or ID names there, or null when it has none.</summary>
    Task<string?> FindImageIdAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the docker-archive that <paramref name="writeArchive"/> writes, streamed as it is written (nothing is
    /// collected first), and returns the ID the daemon gave the image. The archive should name no tags.
    /// </summary>
    Task<string> LoadAsync(Func<Stream, CancellationToken, Task> writeArchive, CancellationToken cancellationToken = default);

    /// <summary>Puts <paramref name="name"/> on the loaded image <paramref name="imageId"/>.</summary>
    Task TagAsync(string imageId, ImageReference name, CancellationToken cancellationToken = default);

    /// <summary>The image as a docker-archive stream, read as the daemon sends it; the caller disposes it.</summary>
    Task<Stream> SaveAsync(string nameOrId, CancellationToken cancellationToken = default);
}
