namespace ImageBuild.Transfers;

/// <summary>Images to write to one opened destination, with the names each gets there.</summary>
public sealed record DestinationWrite(ImageDestination Destination, IReadOnlyList<NamedImage> Images);
