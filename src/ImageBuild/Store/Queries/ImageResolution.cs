namespace ImageBuild.Store.Queries;

/// <summary>How user input named an image; removal treats a tag differently from an ID.</summary>
public enum ImageResolution
{
    /// <summary>By a tagged reference such as <c>alpine</c> or <c>alpine:3.20</c>.</summary>
    ByReference,

    /// <summary>By a digested reference such as <c>alpine@sha256:...</c>.</summary>
    ByDigest,

    /// <summary>By image ID (with or without <c>sha256:</c>) or a unique prefix of one.</summary>
    ById,
}
