namespace ImageBuild.Store.Maintenance;

/// <summary>A target <c>image rm</c> could not remove.</summary>
/// <param name="IsNotFound">True for <c>No such image</c>, which -f reports without failing (as docker).</param>
public sealed record ImageRemovalError(string Target, string Message, bool IsNotFound);
