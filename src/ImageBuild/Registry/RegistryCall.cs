using ImageBuild.Oci;

namespace ImageBuild.Registry;

/// <summary>What a request was for, so an error can name the registry, repository and reference.</summary>
/// <param name="Operation">A verb phrase for messages: "get manifest", "upload blob".</param>
/// <param name="Reference">A tag or a digest, or null for repository-wide calls.</param>
internal sealed record RegistryCall(string Operation, string Registry, string? Repository = null, string? Reference = null)
{
    public bool ReferenceIsDigest => Digest.TryParse(Reference, out _);

    /// <summary><c>registry/repository:tag</c>, <c>registry/repository@digest</c>, or less when parts are absent.</summary>
    public string Display
    {
        get
        {
            if (Repository is null)
            {
                return Registry;
            }

            var name = $"{Registry}/{Repository}";
            return Reference is null ? name : name + (ReferenceIsDigest ? "@" : ":") + Reference;
        }
    }

    public string RepositoryDisplay => Repository is null ? Registry : $"{Registry}/{Repository}";
}
