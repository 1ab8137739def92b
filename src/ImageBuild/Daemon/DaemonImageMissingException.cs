using ImageBuild.Errors;

namespace ImageBuild.Daemon;

/// <summary>The daemon has no image by the name or ID asked for.</summary>
public sealed class DaemonImageMissingException(string message) : NotFoundException(message);
