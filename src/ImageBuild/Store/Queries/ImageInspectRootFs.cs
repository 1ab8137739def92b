namespace ImageBuild.Store.Queries;

/// <summary>Docker's <c>RootFS</c>: <c>Type</c> ("layers") and the diff_ids of the layers, base first.</summary>
public sealed record ImageInspectRootFs(string Type, IReadOnlyList<string> Layers);
