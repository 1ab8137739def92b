using ImageBuild.Errors;

namespace ImageBuild.Daemon;

/// <summary>No daemon answered at the endpoint: it is down, or the socket or address is wrong.</summary>
public sealed class DaemonUnreachableException(string message) : ImageBuildException(message);
