using ImageBuild.Errors;

namespace ImageBuild.Store.Maintenance;

/// <summary>An image cannot be deleted because a stored index lists it; -f does not change that.</summary>
public sealed class ImageInUseException(string message) : ImageBuildException(message);
